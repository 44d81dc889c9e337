;; Bare module fields (the text format's abbreviation): `run --invoke` wraps them in a module.
(func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
(func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
(func (export "pair") (param f64) (result f64 i64) (local.get 0) (i64.const -1))
(func (export "lanes") (param v128) (result v128) (local.get 0))
(func (export "is_null") (param externref) (result i32) (ref.is_null (local.get 0)))
(global (export "g") i32 (i32.const 42))
