;; Module Linking: a grandchild instance (Leaf inside Mid) whose state the init sets.
(module
  (module $Mid
    (module $Leaf
      (global $g (export "g") (mut i32) (i32.const 0))
      (func (export "set") (param i32) (global.set $g (local.get 0))))
    (instance $l (instantiate $Leaf))
    (alias $l "set" (func $set))
    (alias $l "g" (global $g))
    (func (export "set") (param i32) (call $set (local.get 0)))
    (func (export "get") (result i32) (global.get $g)))
  (instance $m (instantiate $Mid))
  (alias $m "set" (func $set))
  (alias $m "get" (func $get))
  (func (export "wizer.initialize") (call $set (i32.const 42)))
  (func (export "get") (result i32) (call $get)))
