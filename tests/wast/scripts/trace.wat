;; The module of tests/wast/trace_test.sh: one function per traced situation.
(module
  (memory 1)
  (func $sq (param $x i32) (result i32) (i32.mul (local.get $x) (local.get $x)))
  (func (export "call") (param i32) (result i32) (call $sq (i32.add (local.get 0) (i32.const 2))))
  (func (export "block") (param i32) (result i32)
    (block $b (br_if $b (i32.eqz (local.get 0))) (nop))
    (i32.const 1))
  (func (export "store") (i32.store offset=4 (i32.const 96) (i32.const 7)))
  (func (export "trap") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (table 2 funcref)
  (elem declare func $sq)
  (func (export "table") (table.set (i32.const 1) (ref.func $sq))))
