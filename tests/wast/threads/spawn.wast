;; The `thread` host module (wast/thread_builtins.h, docs/threads.md) under every schedule
;; (tests/wast/schedule_test.sh): spawning by reference and through the table, a ping-pong
;; between a spawned thread and its parent, available_parallelism, and the invalid uses.
(module $M
  (import "thread" "spawn_ref" (func $spawn_ref (param funcref i32) (result i32)))
  (import "thread" "spawn_indirect" (func $spawn_indirect (param i32 i32) (result i32)))
  (import "thread" "table" (table $t 1 funcref))
  (import "thread" "available_parallelism" (func $par (result i32)))
  (memory 1 1 shared)
  (elem (table $t) (i32.const 0) func $worker)
  (elem declare func $worker $bad $ponger)
  ;; worker(c): word 0 += c, word 4 += 1 (the count of finished workers), notify word 4.
  (func $worker (param $c i32)
    (drop (i32.atomic.rmw.add (i32.const 0) (local.get $c)))
    (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 4) (i32.const 1))))
  (func $bad (param i32) (result i32) (local.get 0))
  ;; Waits until word `at` holds `value`.
  (func $await (param $at i32) (param $value i32) (local $now i32)
    (block $out
      (loop $wait
        (local.set $now (i32.atomic.load (local.get $at)))
        (br_if $out (i32.eq (local.get $now) (local.get $value)))
        (drop (memory.atomic.wait32 (local.get $at) (local.get $now) (i64.const -1)))
        (br $wait))))
  (func $set (param $at i32) (param $value i32)
    (i32.atomic.store (local.get $at) (local.get $value))
    (drop (memory.atomic.notify (local.get $at) (i32.const 1))))
  ;; Spawns n workers each way, waits for all 2n, returns word 0: n * 10 + n * 1.
  (func (export "spawn") (param $n i32) (result i32) (local $i i32)
    (loop $again
      (drop (call $spawn_ref (ref.func $worker) (i32.const 10)))
      (drop (call $spawn_indirect (i32.const 0) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (local.get $n))))
    (call $await (i32.const 4) (i32.mul (local.get $n) (i32.const 2)))
    (i32.atomic.load (i32.const 0)))
  ;; ponger(rounds): for each round, waits for word 8 = 2r+1 (ping), sets 2r+2 (pong).
  (func $ponger (param $rounds i32) (local $r i32)
    (loop $round
      (call $await (i32.const 8) (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 1)))
      (call $set (i32.const 8) (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 2)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (local.get $rounds)))))
  (func (export "pingpong") (param $rounds i32) (result i32) (local $r i32)
    (drop (call $spawn_ref (ref.func $ponger) (local.get $rounds)))
    (loop $round
      (call $set (i32.const 8) (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 1)))
      (call $await (i32.const 8) (i32.add (i32.mul (local.get $r) (i32.const 2)) (i32.const 2)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (local.get $rounds))))
    (i32.atomic.load (i32.const 8)))
  (func (export "ids") (result i32)  ;; two more spawns: consecutive ids
    (i32.sub (call $spawn_indirect (i32.const 0) (i32.const 0))
             (call $spawn_indirect (i32.const 0) (i32.const 0))))
  (func (export "null") (result i32) (call $spawn_ref (ref.null func) (i32.const 0)))
  (func (export "wrong-type") (result i32) (call $spawn_ref (ref.func $bad) (i32.const 0)))
  (func (export "out-of-bounds") (result i32) (call $spawn_indirect (i32.const 99) (i32.const 0)))
  (func (export "empty-slot") (result i32) (call $spawn_indirect (i32.const 5) (i32.const 0)))
  (func (export "parallelism") (result i32) (i32.ge_u (call $par) (i32.const 1))))

(assert_return (invoke "spawn" (i32.const 3)) (i32.const 33))
(assert_return (invoke "pingpong" (i32.const 5)) (i32.const 10))
(assert_return (invoke "ids") (i32.const -1))
(assert_trap (invoke "null") "null function reference")
(assert_trap (invoke "wrong-type") "spawn: the function's type is not [i32] -> []")
(assert_trap (invoke "out-of-bounds") "undefined element 99")
(assert_trap (invoke "empty-slot") "uninitialized element 5")
(assert_return (invoke "parallelism") (i32.const 1))
