;; Accepted by Wizer and wasmref snapshot: memory growth, data, mutable globals.
(module
  (memory (export "memory") 1)
  (global $counter (mut i32) (i32.const 0))
  (global $wide (mut i64) (i64.const 0))
  (data (i32.const 64) "preset")
  (func (export "wizer.initialize")
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 70000) (i32.const 0xdeadbeef))
    (i32.store8 (i32.const 65) (i32.const 0x21))
    (global.set $counter (i32.const 12))
    (global.set $wide (i64.const -3)))
  (func (export "counter") (result i32) (global.get $counter)))
