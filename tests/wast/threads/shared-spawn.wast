;; The `thread` host module with --enable shared-everything-threads (wast/thread_builtins.h,
;; docs/threads.md): the canonical ABI's types, $ft = (shared (func (param i32))), spawned
;; functions that are shared and reach only shared state, under every schedule
;; (tests/wast/schedule_test.sh).
(module $M
  (type $ft (shared (func (param i32))))
  (type $wrong (shared (func (param i32) (result i32))))
  (import "thread" "spawn_ref" (func $spawn_ref (param (ref null $ft)) (param i32) (result i32)))
  (import "thread" "spawn_indirect" (func $spawn_indirect (param i32 i32) (result i32)))
  (import "thread" "table" (table $t shared 1 (ref null (shared func))))
  (import "thread" "available_parallelism" (func $par (type $par)))
  (type $par (shared (func (result i32))))
  (memory shared 1 1)
  (global $sum (shared (mut i32)) (i32.const 0))
  (elem (table $t) (i32.const 0) (ref null (shared func)) (ref.func $worker))
  (elem (table $t) (i32.const 1) (ref null (shared func)) (ref.func $wrong))
  (elem declare (ref null $ft) (ref.func $worker) (ref.func $ponger))
  ;; worker(c): $sum += c (an atomic access to a shared global), word 4 += 1, notify word 4.
  (func $worker (type $ft)
    (drop (global.atomic.rmw.add seq_cst $sum (local.get 0)))
    (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 4) (i32.const 1))))
  (func $wrong (type $wrong) (local.get 0))
  ;; Waits until word `at` holds `value` (shared: spawned threads call it).
  (func $await (type $pair) (local $now i32)
    (block $out
      (loop $wait
        (local.set $now (i32.atomic.load (local.get 0)))
        (br_if $out (i32.eq (local.get $now) (local.get 1)))
        (pause)  ;; a spin-loop hint: no effect
        (drop (memory.atomic.wait32 (local.get 0) (local.get $now) (i64.const -1)))
        (br $wait))))
  (type $pair (shared (func (param i32 i32))))
  (func $set (type $pair)
    (i32.atomic.store (local.get 0) (local.get 1))
    (drop (memory.atomic.notify (local.get 0) (i32.const 1))))
  ;; Spawns n workers each way (each spawn returns 0), waits for all 2n, returns $sum:
  ;; n * 10 + n * 1.
  (func (export "spawn") (param $n i32) (result i32) (local $i i32) (local $spawned i32)
    (loop $again
      (local.set $spawned (i32.or (local.get $spawned)
        (call $spawn_ref (ref.func $worker) (i32.const 10))))
      (local.set $spawned (i32.or (local.get $spawned)
        (call $spawn_indirect (i32.const 0) (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (local.get $n))))
    (call $await (i32.const 4) (i32.mul (local.get $n) (i32.const 2)))
    (if (local.get $spawned) (then (unreachable)))
    (global.atomic.get acq_rel $sum))
  ;; ponger(rounds): for each round, waits for word 8 = 2r+1 (ping), sets 2r+2 (pong); it
  ;; calls the shared available_parallelism first and leaves its result in word 12.
  (func $ponger (type $ft) (local $r i32)
    (i32.atomic.store (i32.const 12) (call $par))
    (loop $round
      (call $await (i32.const 8) (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 1)))
      (call $set (i32.const 8) (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 2)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (local.get 0)))))
  (func (export "pingpong") (param $rounds i32) (result i32) (local $r i32)
    (drop (call $spawn_ref (ref.func $ponger) (local.get $rounds)))
    (loop $round
      (call $set (i32.const 8) (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 1)))
      (call $await (i32.const 8) (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 2)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (local.get $rounds))))
    (i32.add (i32.atomic.load (i32.const 8))
             (i32.ge_u (i32.atomic.load (i32.const 12)) (i32.const 1))))
  (func (export "null") (result i32) (call $spawn_ref (ref.null $ft) (i32.const 0)))
  (func (export "wrong-type") (result i32) (call $spawn_indirect (i32.const 1) (i32.const 0)))
  (func (export "out-of-bounds") (result i32) (call $spawn_indirect (i32.const 99) (i32.const 0)))
  (func (export "empty-slot") (result i32) (call $spawn_indirect (i32.const 5) (i32.const 0)))
  (func (export "parallelism") (result i32) (i32.ge_u (call $par) (i32.const 1))))

(assert_return (invoke "spawn" (i32.const 3)) (i32.const 33))
(assert_return (invoke "pingpong" (i32.const 5)) (i32.const 11))
(assert_trap (invoke "null") "null function reference")
(assert_trap (invoke "wrong-type") "spawn: the function's type is not (shared (func (param i32)))")
(assert_trap (invoke "out-of-bounds") "undefined element 99")
(assert_trap (invoke "empty-slot") "uninitialized element 5")
(assert_return (invoke "parallelism") (i32.const 1))

;; Invalid uses. An unshared function cannot be spawned by reference: its reference is not a
;; (ref null $ft).
(assert_invalid
  (module
    (type $ft (shared (func (param i32))))
    (import "thread" "spawn_ref" (func $spawn_ref (param (ref null $ft)) (param i32) (result i32)))
    (func $unshared (param i32))
    (elem declare func $unshared)
    (func (drop (call $spawn_ref (ref.func $unshared) (i32.const 0)))))
  "type mismatch")
;; ... nor stored in the shared start table.
(assert_invalid
  (module
    (import "thread" "table" (table $t shared 1 (ref null (shared func))))
    (func $unshared (param i32))
    (elem (table $t) (i32.const 0) func $unshared))
  "type mismatch")
;; A spawned (shared) function cannot reach unshared state.
(assert_invalid
  (module
    (type $ft (shared (func (param i32))))
    (memory 1)
    (func (type $ft) (drop (i32.load (local.get 0)))))
  "shared functions cannot access unshared memories")
(assert_invalid
  (module
    (type $ft (shared (func (param i32))))
    (global $g (mut i32) (i32.const 0))
    (func (type $ft) (global.set $g (local.get 0))))
  "shared functions cannot access unshared globals")
;; The built-ins have the canonical ABI's types: the pre-proposal funcref form does not link.
(assert_unlinkable
  (module (import "thread" "spawn_ref" (func (param funcref i32) (result i32))))
  "incompatible import type")
(assert_unlinkable
  (module (import "thread" "table" (table 1 funcref)))
  "incompatible import type")
