;; Threads under every schedule (tests/wast/schedule_test.sh): a waiter woken by a notify, a
;; wait that times out, a wait whose value differs, notify counts.
(module $Mem (memory (export "shared") 1 1 shared))
(register "mem")

(thread $Waiter (shared (module $Mem))
  (register "mem" $Mem)
  (module
    (memory (import "mem" "shared") 1 1 shared)
    (func (export "wait") (result i32)
      (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))))
  (assert_return (invoke "wait") (i32.const 0)))

(thread $Timeout (shared (module $Mem))
  (register "mem" $Mem)
  (module
    (memory (import "mem" "shared") 1 1 shared)
    (func (export "wait") (result i32)
      (memory.atomic.wait32 (i32.const 16) (i32.const 0) (i64.const 1000000))))
  (assert_return (invoke "wait") (i32.const 2)))

(module $Main
  (memory (import "mem" "shared") 1 1 shared)
  ;; Notifies address 0 until one waiter was woken, then returns how many notifies it took.
  (func (export "wake") (result i32) (local $n i32)
    (loop $again
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $again (i32.eqz (memory.atomic.notify (i32.const 0) (i32.const 1)))))
    (local.get $n))
  (func (export "not-equal") (result i32)
    (i32.store (i32.const 8) (i32.const 7))
    (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))
  (func (export "nobody") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 5))))

(assert_return (invoke $Main "not-equal") (i32.const 1))
(invoke $Main "wake")
(wait $Waiter)
(wait $Timeout)
(assert_return (invoke $Main "nobody") (i32.const 0))
