;; Managed waiter queues of shared-everything-threads (waitqueue.new/notify, struct/array/
;; global/table.wait, memory.wait32/64; docs/shared-everything-threads.md), run with
;; --enable shared-everything-threads under every schedule by tests/wast/schedule_test.sh:
;; each wait's three results (0 woken, 1 not equal, 2 timed out), notify counts, waiters woken
;; across spawned threads, a ping-pong, reference identity as the control word, the traps.
(module
  (type $ft (shared (func (param i32))))
  (import "thread" "spawn_ref" (func $spawn (param (ref null $ft)) (param i32) (result i32)))
  (type $cell (shared (struct (field $flag (mut i32)) (field $done (mut i32))
                              (field $arrived (mut i32)) (field $r (mut (ref null (shared eq))))
                              (field $big (mut i64)))))
  (type $words (shared (array (mut i64))))
  (type $local (struct (field (mut i32))))  ;; unshared: a wait on it traps
  (type $pair (shared (func (param i32 i32))))
  (global $c (shared (ref $cell))
    (struct.new $cell (i32.const 0) (i32.const 0) (i32.const 0) (ref.null (shared eq))
                      (i64.const 0)))
  (global $q (shared (ref (shared waitqueue))) (waitqueue.new))  ;; a constant expression
  (global $q2 (shared (ref (shared waitqueue))) (waitqueue.new))
  (global $g (shared mut i32) (i32.const 5))
  (global $unshared (mut i32) (i32.const 5))
  (global $w (shared (ref $words)) (array.new $words (i64.const 9) (i32.const 4)))
  (table $t shared 4 (ref null (shared eq)))
  (memory $m 1 1 shared)
  (memory $plain 1)
  (elem declare (ref null $ft) (ref.func $worker) (ref.func $ponger))

  (func (export "new") (result (ref (shared waitqueue))) (waitqueue.new))
  (func (export "notify-nobody") (result i32) (waitqueue.notify (global.get $q) (i32.const 5)))
  (func (export "distinct") (result i32)
    (ref.test (ref (shared waitqueue)) (waitqueue.new)))

  ;; struct.wait: field $flag is 0.
  (func (export "struct") (result i32 i32 i32 i32)
    (struct.wait $cell $flag (global.get $c) (global.get $q) (i32.const 1) (i64.const -1))
    (struct.wait $cell $flag (global.get $c) (global.get $q) (i32.const 0) (i64.const 0))
    (struct.wait $cell $flag (global.get $c) (global.get $q) (i32.const 0) (i64.const 1000))
    (struct.wait $cell $big (global.get $c) (global.get $q) (i64.const 1) (i64.const 0)))
  ;; A reference control word: compared by identity (an i31 by its value).
  (func (export "struct-ref") (result i32 i32 i32 i32)
    (struct.set $cell $r (global.get $c) (ref.i31_shared (i32.const 7)))
    (struct.wait $cell $r (global.get $c) (global.get $q) (ref.i31_shared (i32.const 7))
                 (i64.const 0))
    (struct.wait $cell $r (global.get $c) (global.get $q) (ref.i31_shared (i32.const 8))
                 (i64.const 0))
    (struct.set $cell $r (global.get $c) (global.get $c))
    (struct.wait $cell $r (global.get $c) (global.get $q) (global.get $c) (i64.const 0))
    (struct.wait $cell $r (global.get $c) (global.get $q)
                 (struct.new $cell (i32.const 0) (i32.const 0) (i32.const 0)
                                   (ref.null (shared eq)) (i64.const 0))
                 (i64.const 0))
    (struct.set $cell $r (global.get $c) (ref.null (shared eq))))
  (func (export "array") (result i32 i32)
    (array.wait $words (global.get $w) (global.get $q) (i32.const 3) (i64.const 9) (i64.const 0))
    (array.wait $words (global.get $w) (global.get $q) (i32.const 3) (i64.const 8) (i64.const 0)))
  (func (export "global") (result i32 i32)
    (global.wait $g (global.get $q) (i32.const 5) (i64.const 0))
    (global.wait $g (global.get $q) (i32.const 6) (i64.const 0)))
  (func (export "table") (result i32 i32)
    (table.wait $t (global.get $q) (i32.const 0) (ref.null (shared eq)) (i64.const 0))
    (table.wait $t (global.get $q) (i32.const 0) (ref.i31_shared (i32.const 1)) (i64.const 0)))
  (func (export "memory") (result i32 i32 i32)
    (i32.atomic.store $m (i32.const 8) (i32.const 3))
    (memory.wait32 $m (global.get $q) (i32.const 8) (i32.const 3) (i64.const 0))
    (memory.wait32 $m (global.get $q) (i32.const 8) (i32.const 4) (i64.const 0))
    (memory.wait64 $m (global.get $q) (i32.const 16) (i64.const 0) (i64.const 0)))

  ;; The traps.
  (func (export "null-queue") (result i32)
    (struct.wait $cell $flag (global.get $c) (ref.null (shared waitqueue)) (i32.const 0)
                 (i64.const 0)))
  (func (export "null-queue-notify") (result i32)
    (waitqueue.notify (ref.null (shared waitqueue)) (i32.const 1)))
  (func (export "null-struct") (result i32)
    (struct.wait $cell $flag (ref.null $cell) (global.get $q) (i32.const 0) (i64.const 0)))
  (func (export "unshared-struct") (result i32)
    (struct.wait $local 0 (struct.new $local (i32.const 0)) (global.get $q) (i32.const 1)
                 (i64.const 0)))
  (func (export "array-bounds") (result i32)
    (array.wait $words (global.get $w) (global.get $q) (i32.const 4) (i64.const 9) (i64.const 0)))
  (func (export "unshared-global") (result i32)
    (global.wait $unshared (global.get $q) (i32.const 5) (i64.const 0)))
  (func (export "table-bounds") (result i32)
    (table.wait $t (global.get $q) (i32.const 4) (ref.null (shared eq)) (i64.const 0)))
  (func (export "unaligned") (result i32)
    (memory.wait32 $m (global.get $q) (i32.const 2) (i32.const 0) (i64.const 0)))
  (func (export "memory-bounds") (result i32)
    (memory.wait64 $m (global.get $q) (i32.const 65536) (i64.const 0) (i64.const 0)))
  (func (export "unshared-memory") (result i32)
    (memory.wait32 $plain (global.get $q) (i32.const 0) (i32.const 0) (i64.const 0)))

  ;; worker: arrives, waits on $q while $flag is 0, counts itself done if it was woken (0),
  ;; then wakes the main thread's wait on $q2.
  (func $worker (type $ft) (local $r i32)
    (drop (struct.atomic.rmw.add seq_cst $cell $arrived (global.get $c) (i32.const 1)))
    (local.set $r
      (struct.wait $cell $flag (global.get $c) (global.get $q) (i32.const 0) (i64.const -1)))
    (drop (struct.atomic.rmw.add seq_cst $cell $done (global.get $c) (i32.eqz (local.get $r))))
    (drop (waitqueue.notify (global.get $q2) (i32.const -1))))
  ;; Spawns n workers, wakes them one notify at a time until n were woken (a notify before a
  ;; worker waits wakes nobody), then waits on $q2 until all n are done: n * 100 + n.
  (func (export "wake") (param $n i32) (result i32) (local $i i32) (local $woken i32) (local $d i32)
    (loop $spawning
      (drop (call $spawn (ref.func $worker) (i32.const 0)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $spawning (i32.lt_u (local.get $i) (local.get $n))))
    (loop $waking
      (local.set $woken
        (i32.add (local.get $woken) (waitqueue.notify (global.get $q) (i32.const 1))))
      (br_if $waking (i32.lt_u (local.get $woken) (local.get $n))))
    (loop $joining
      (local.set $d (struct.atomic.get seq_cst $cell $done (global.get $c)))
      (if (i32.ne (local.get $d) (local.get $n))
        (then
          (drop (struct.wait $cell $done (global.get $c) (global.get $q2) (local.get $d)
                             (i64.const -1)))
          (br $joining))))
    (i32.add (i32.mul (local.get $woken) (i32.const 100)) (local.get $d)))

  ;; Waits until $flag holds `target`, and sets it: the futex pattern on a struct field.
  (func $await (type $pair) (local $now i32)
    (loop $again
      (local.set $now (struct.atomic.get seq_cst $cell $flag (global.get $c)))
      (if (i32.ne (local.get $now) (local.get 0))
        (then
          (drop (struct.wait $cell $flag (global.get $c) (global.get $q) (local.get $now)
                             (i64.const -1)))
          (br $again)))))
  (func $set (param i32)
    (struct.atomic.set seq_cst $cell $flag (global.get $c) (local.get 0))
    (drop (waitqueue.notify (global.get $q) (i32.const -1))))
  (func $set-shared (type $ft)
    (struct.atomic.set seq_cst $cell $flag (global.get $c) (local.get 0))
    (drop (waitqueue.notify (global.get $q) (i32.const -1))))
  ;; ponger: for each round r, waits for 2r+1 and answers 2r+2.
  (func $ponger (type $ft) (local $r i32)
    (loop $round
      (call $await (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 1)) (i32.const 0))
      (call $set-shared (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 2)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (local.get 0)))))
  (func (export "pingpong") (param $rounds i32) (result i32) (local $r i32)
    (call $set (i32.const 0))
    (drop (call $spawn (ref.func $ponger) (local.get $rounds)))
    (loop $round
      (call $set (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 1)))
      (call $await (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 2)) (i32.const 0))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (local.get $rounds))))
    (struct.atomic.get seq_cst $cell $flag (global.get $c))))

(assert_return (invoke "new") (ref.waitqueue))
(assert_return (invoke "distinct") (i32.const 1))
(assert_return (invoke "notify-nobody") (i32.const 0))
(assert_return (invoke "struct") (i32.const 1) (i32.const 2) (i32.const 2) (i32.const 1))
(assert_return (invoke "struct-ref") (i32.const 2) (i32.const 1) (i32.const 2) (i32.const 1))
(assert_return (invoke "array") (i32.const 2) (i32.const 1))
(assert_return (invoke "global") (i32.const 2) (i32.const 1))
(assert_return (invoke "table") (i32.const 2) (i32.const 1))
(assert_return (invoke "memory") (i32.const 2) (i32.const 1) (i32.const 2))
(assert_trap (invoke "null-queue") "null waitqueue reference")
(assert_trap (invoke "null-queue-notify") "null waitqueue reference")
(assert_trap (invoke "null-struct") "null structure reference")
(assert_trap (invoke "unshared-struct") "expected shared structure")
(assert_trap (invoke "array-bounds") "out of bounds array access")
(assert_trap (invoke "unshared-global") "expected shared global")
(assert_trap (invoke "table-bounds") "out of bounds table access")
(assert_trap (invoke "unaligned") "unaligned atomic")
(assert_trap (invoke "memory-bounds") "out of bounds memory access")
(assert_trap (invoke "unshared-memory") "expected shared memory")
(assert_return (invoke "wake" (i32.const 3)) (i32.const 303))
(assert_return (invoke "pingpong" (i32.const 4)) (i32.const 8))

;; Validation: only i32, i64 and (ref null (shared eq)) control words; the operand types.
(assert_invalid
  (module (type $s (shared (struct (field (mut i8)))))
    (func (param (ref null $s)) (result i32)
      (struct.wait $s 0 (local.get 0) (waitqueue.new) (i32.const 0) (i64.const 0))))
  "invalid type")
(assert_invalid
  (module (type $s (struct (field (mut eqref))))
    (func (param (ref null $s)) (result i32)
      (struct.wait $s 0 (local.get 0) (waitqueue.new) (ref.null eq) (i64.const 0))))
  "invalid type")
(assert_invalid
  (module (type $a (shared (array (mut f32))))
    (func (param (ref null $a)) (result i32)
      (array.wait $a (local.get 0) (waitqueue.new) (i32.const 0) (f32.const 0) (i64.const 0))))
  "invalid type")
(assert_invalid
  (module (table 1 funcref)
    (func (result i32)
      (table.wait 0 (waitqueue.new) (i32.const 0) (ref.null func) (i64.const 0))))
  "invalid type")
(assert_invalid
  (module (global f64 (f64.const 0))
    (func (result i32) (global.wait 0 (waitqueue.new) (f64.const 0) (i64.const 0))))
  "invalid type")
(assert_invalid
  (module (func (result i32) (waitqueue.notify (i32.const 0) (i32.const 1))))
  "type mismatch")
(assert_invalid
  (module (memory 1)
    (func (result i32) (memory.wait32 (waitqueue.new) (i32.const 0) (i64.const 0) (i64.const 0))))
  "type mismatch")
(assert_invalid
  (module (func (result (ref waitqueue)) (waitqueue.new)))
  "type mismatch")
(assert_invalid
  (module (global i32 (waitqueue.notify (waitqueue.new) (i32.const 0))))
  "constant expression required")
