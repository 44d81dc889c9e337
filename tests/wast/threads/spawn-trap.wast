;; A spawned thread that traps: reported when the script ends, with the thread's id and the
;; trap's message (tests/wast/schedule_test.sh expects exactly that one failure).
(module
  (import "thread" "spawn_ref" (func $spawn (param funcref i32) (result i32)))
  (elem declare func $crash)
  (func $crash (param i32) (unreachable))
  (func (export "go") (result i32) (call $spawn (ref.func $crash) (i32.const 0))))
(assert_return (invoke "go") (i32.const 1))
