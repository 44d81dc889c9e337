;; A tight i64 loop: 12 instructions per iteration, 5e7 iterations.
(module
  (func (export "sum") (param $n i64) (result i64) (local $i i64) (local $s i64)
    (loop $l
      (local.set $s (i64.add (local.get $s) (local.get $i)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $l (i64.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))

(assert_return (invoke "sum" (i64.const 50000000)) (i64.const 1249999975000000))
