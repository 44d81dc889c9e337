;; Under --schedule=deterministic or random:SEED only (tests/wast/schedule_test.sh): a wait
;; nobody can end is a deadlock, reported as a trap, and the script goes on.
(module $Mem (memory (export "shared") 1 1 shared))
(register "mem")

(thread $T (shared (module $Mem))
  (register "mem" $Mem)
  (module
    (memory (import "mem" "shared") 1 1 shared)
    (func (export "forever") (result i32)
      (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))))
  (assert_trap (invoke "forever") "deadlock: every thread is waiting"))

(wait $T)
(module (func (export "after") (result i32) (i32.const 1)))
(assert_return (invoke "after") (i32.const 1))
