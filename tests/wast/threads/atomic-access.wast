;; The atomic accesses of shared-everything-threads (global/table/struct/array.atomic.*; run
;; with --enable shared-everything-threads by tests/wast/schedule_test.sh): each result and
;; the location's value after it, at the location's width (i8/i16 wrap, sign- or zero-extend),
;; cmpxchg's success and failure, reference identity, and the traps.
(module
  (type $s (shared (struct (field $b (mut i8)) (field $h (mut i16)) (field $w (mut i32))
                           (field $d (mut i64)) (field $r (mut (ref null (shared eq)))))))
  (type $a8 (shared (array (mut i8))))
  (type $a64 (shared (array (mut i64))))
  (type $box (shared (struct)))
  (global $g32 (shared mut i32) (i32.const 0))
  (global $g64 (mut i64) (i64.const 0))  ;; unshared locations take atomic accesses too
  (global $gr (shared mut (ref null (shared eq))) (ref.null (shared eq)))
  (global $obj (shared mut (ref null $s)) (ref.null $s))
  (global $box1 (shared (ref $box)) (struct.new $box))
  (global $box2 (shared (ref $box)) (struct.new $box))
  (table $t shared 4 (ref null (shared eq)))

  ;; Globals: rmw results are the old value; the new one wraps at 32 bits.
  (func (export "g32") (result i32 i32 i32 i32 i32 i32 i32 i32)
    (global.atomic.set seq_cst $g32 (i32.const -2))
    (global.atomic.rmw.add acq_rel $g32 (i32.const 3))      ;; -2, now 1
    (global.atomic.rmw.sub seq_cst $g32 (i32.const 2))      ;; 1, now -1
    (global.atomic.rmw.and seq_cst $g32 (i32.const 0xF0))   ;; -1, now 0xF0
    (global.atomic.rmw.or seq_cst $g32 (i32.const 0x0F))    ;; 0xF0, now 0xFF
    (global.atomic.rmw.xor seq_cst $g32 (i32.const 0x11))   ;; 0xFF, now 0xEE
    (global.atomic.rmw.xchg seq_cst $g32 (i32.const 7))     ;; 0xEE, now 7
    (global.atomic.rmw.cmpxchg seq_cst $g32 (i32.const 6) (i32.const 9))  ;; 7 (no: 6 /= 7)
    (global.atomic.rmw.cmpxchg seq_cst $g32 (i32.const 7) (i32.const 9))) ;; 7, now 9
  (func (export "g32-now") (result i32) (global.atomic.get acq_rel $g32))
  (func (export "g64") (result i64 i64)
    (global.atomic.set acq_rel $g64 (i64.const 0x7FFFFFFFFFFFFFFF))
    (global.atomic.rmw.add seq_cst $g64 (i64.const 1))
    (global.atomic.get seq_cst $g64))
  ;; A reference location: xchg and cmpxchg by identity.
  (func (export "gref") (result i32 i32 i32)
    (global.atomic.set seq_cst $gr (global.get $box1))
    (ref.eq (global.atomic.rmw.cmpxchg seq_cst $gr (global.get $box2) (global.get $box2))
            (global.get $box1))                                   ;; fails: returns box1
    (ref.eq (global.atomic.rmw.cmpxchg seq_cst $gr (global.get $box1) (global.get $box2))
            (global.get $box1))                                   ;; succeeds: returns box1
    (ref.eq (global.atomic.rmw.xchg seq_cst $gr (ref.null (shared eq))) (global.get $box2)))

  ;; Struct fields: packed ones wrap at their width and extend on get.
  (func (export "struct") (result i32 i32 i32 i32 i32 i32 i64)
    (global.set $obj (struct.new_default $s))
    (struct.atomic.set seq_cst $s $b (global.get $obj) (i32.const 0x1FF))
    (struct.atomic.get_u seq_cst $s $b (global.get $obj))                  ;; 0xFF
    (struct.atomic.get_s acq_rel $s $b (global.get $obj))                  ;; -1
    (struct.atomic.set seq_cst $s $h (global.get $obj) (i32.const 0x18000))
    (struct.atomic.get_s seq_cst $s $h (global.get $obj))                  ;; -0x8000
    (struct.atomic.set seq_cst $s $w (global.get $obj) (i32.const 40))
    (struct.atomic.rmw.add seq_cst $s $w (global.get $obj) (i32.const 2))  ;; 40, now 42
    (struct.atomic.get seq_cst $s $w (global.get $obj))                    ;; 42
    (struct.get $s $w (global.get $obj))                                   ;; 42: plain get sees it
    (struct.atomic.rmw.sub seq_cst $s $d (global.get $obj) (i64.const 1))  ;; 0, now -1
    (drop)
    (struct.atomic.get seq_cst $s $d (global.get $obj)))                   ;; -1
  (func (export "struct-ref") (result i32)
    (global.set $obj (struct.new_default $s))
    (drop (struct.atomic.rmw.xchg seq_cst $s $r (global.get $obj) (global.get $box1)))
    (ref.eq (struct.atomic.get seq_cst $s $r (global.get $obj)) (global.get $box1)))
  (func (export "struct-null") (result i32)
    (struct.atomic.get seq_cst $s $w (ref.null $s)))

  ;; Array elements.
  (func (export "array8") (result i32 i32 i32)
    (local $a (ref $a8))
    (local.set $a (array.new $a8 (i32.const 0xFE) (i32.const 3)))
    (array.atomic.set seq_cst $a8 (local.get $a) (i32.const 1) (i32.const 0x17F))
    (array.atomic.get_s seq_cst $a8 (local.get $a) (i32.const 1))   ;; 0x7F
    (array.atomic.get_s seq_cst $a8 (local.get $a) (i32.const 2))   ;; -2
    (array.atomic.get_u acq_rel $a8 (local.get $a) (i32.const 2)))  ;; 0xFE
  (func (export "array64") (result i64 i64)
    (local $a (ref $a64))
    (local.set $a (array.new $a64 (i64.const 5) (i32.const 2)))
    (array.atomic.rmw.or seq_cst $a64 (local.get $a) (i32.const 1) (i64.const 0x30))  ;; 5
    (array.atomic.get seq_cst $a64 (local.get $a) (i32.const 1)))                     ;; 0x35
  (func (export "array-oob") (result i64)
    (array.atomic.get seq_cst $a64 (array.new_default $a64 (i32.const 2)) (i32.const 2)))
  (func (export "array-null") (result i64)
    (array.atomic.get seq_cst $a64 (ref.null $a64) (i32.const 0)))

  ;; Table slots.
  (func (export "table") (result i32 i32 i32)
    (table.atomic.set seq_cst $t (i32.const 3) (global.get $box1))
    (ref.eq (table.atomic.rmw.xchg acq_rel $t (i32.const 3) (global.get $box2))
            (global.get $box1))
    (ref.eq (table.atomic.rmw.cmpxchg seq_cst $t (i32.const 3) (global.get $box2)
                                              (ref.i31_shared (i32.const 5)))
            (global.get $box2))
    (i31.get_u (ref.cast (ref (shared i31)) (table.atomic.get seq_cst $t (i32.const 3)))))
  (func (export "table-oob") (result i32)
    (ref.is_null (table.atomic.get seq_cst $t (i32.const 4)))))

(assert_return (invoke "g32")
  (i32.const -2) (i32.const 1) (i32.const -1) (i32.const 0xF0) (i32.const 0xFF) (i32.const 0xEE)
  (i32.const 7) (i32.const 7))
(assert_return (invoke "g32-now") (i32.const 9))
(assert_return (invoke "g64") (i64.const 0x7FFFFFFFFFFFFFFF) (i64.const 0x8000000000000000))
(assert_return (invoke "gref") (i32.const 1) (i32.const 1) (i32.const 1))
(assert_return (invoke "struct")
  (i32.const 0xFF) (i32.const -1) (i32.const -0x8000) (i32.const 40) (i32.const 42) (i32.const 42)
  (i64.const -1))
(assert_return (invoke "struct-ref") (i32.const 1))
(assert_trap (invoke "struct-null") "null structure reference")
(assert_return (invoke "array8") (i32.const 0x7F) (i32.const -2) (i32.const 0xFE))
(assert_return (invoke "array64") (i64.const 5) (i64.const 0x35))
(assert_trap (invoke "array-oob") "out of bounds array access")
(assert_trap (invoke "array-null") "null array reference")
(assert_return (invoke "table") (i32.const 1) (i32.const 1) (i32.const 5))
(assert_trap (invoke "table-oob") "out of bounds table access")
