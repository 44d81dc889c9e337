;; A module of the shared-everything-threads proposal for `snapshot --enable
;; shared-everything-threads` (tests/snapshot/cli_test.sh): a shared global, a thread-local
;; global (its value is the init thread's, not the module's: the snapshot keeps the default),
;; a shared struct changed by an atomic access, and a shared i31 in a shared table.
(module
  (type $s (shared (struct (field (mut i32)))))
  (global $g (shared mut i32) (i32.const 1))
  (global $t (thread_local mut i32) (i32.const 0))
  (global $r (shared mut (ref null $s)) (ref.null $s))
  (table $tab shared 2 (ref null (shared any)))
  (func (export "wizer.initialize")
    (global.set $g (i32.const 42))
    (global.set $t (i32.const 7))
    (global.set $r (struct.new $s (i32.const 5)))
    (table.set $tab (i32.const 1) (ref.i31_shared (i32.const 9)))
    (drop (struct.atomic.rmw.add seq_cst $s 0 (global.get $r) (i32.const 1))))
  (func (export "g") (result i32) (global.atomic.get $g))
  (func (export "t") (result i32) (global.get $t))
  (func (export "field") (result i32) (struct.atomic.get acq_rel $s 0 (global.get $r)))
  (func (export "slot") (result i32)
    (i31.get_u (ref.cast (ref null (shared i31)) (table.atomic.get $tab (i32.const 1))))))
