;; Accepted by Wizer and wasmref snapshot: many small non-zero ranges (merging, the cap).
(module
  (memory (export "memory") 4)
  (func (export "wizer.initialize") (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (local.get $i) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 37)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 262144))))))
