;; Recursive Fibonacci: call-heavy. bench/run.sh counts 5 instructions per leaf call
;; (n < 2) and 13 per inner call, not counting `end`/`then`/`else` markers.
(module
  (func $fib (export "fib") (param $n i64) (result i64)
    (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
      (then (local.get $n))
      (else
        (i64.add
          (call $fib (i64.sub (local.get $n) (i64.const 1)))
          (call $fib (i64.sub (local.get $n) (i64.const 2))))))))

(assert_return (invoke "fib" (i64.const 30)) (i64.const 832040))
(assert_return (invoke "fib" (i64.const 35)) (i64.const 9227465))
