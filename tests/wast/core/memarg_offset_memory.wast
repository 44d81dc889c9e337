;; A memarg's offset is bounded by the address type of the memory the instruction accesses
;; (spec: Memarg_ok, `m < 2^$size(at)` with C.mems[x] = at lim), not by memory 0's.
;; The OCaml reference checks memory 0 (docs/ocaml-divergences.md, 1): it rejects the first
;; module and accepts the second.

(module
  (memory 1)
  (memory i64 1)
  (func (export "load") (param i64) (result i32)
    (i32.load 1 offset=0x1_0000_0000 (local.get 0)))
  (func (export "store") (param i64)
    (i64.store 1 offset=0xffff_ffff_ffff_fff0 (local.get 0) (i64.const 1))))
(assert_trap (invoke "load" (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "store" (i64.const 0)) "out of bounds memory access")

(assert_invalid
  (module
    (memory i64 1)
    (memory 1)
    (func (drop (i32.load 1 offset=0x1_0000_0000 (i32.const 0)))))
  "offset out of range")
