;; The runner's own script: failures are reported and the script goes on (cli_test.sh).
(module (func (export "one") (result i32) (i32.const 1)))
(assert_return (invoke "one") (i32.const 2))
(assert_trap (invoke "one") "unreachable")
(assert_return (invoke "one") (i32.const 1))
