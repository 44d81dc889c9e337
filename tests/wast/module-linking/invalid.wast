;; What the June 2020 forms reject (docs/module-linking.md, "The 2020 forms"): one case per
;; rule. Run with `--enable module-linking-2020`.

;; Identifier paths: the first step must name an instance ...
(assert_malformed
  (module quote
    "(import \"i\" (instance $i (export \"f\" (func))))"
    "(func (call $j.$f))")
  "unknown function $j.$f")
;; ... that exports the name (an alias of a missing export).
(assert_invalid
  (module
    (import "i" (instance $i (export "f" (func))))
    (func (call $i.$g)))
  "aliased name `g` does not exist in instance 0")
;; ... with the kind of the use.
(assert_invalid
  (module
    (module $M (global (export "g") i32 (i32.const 0)))
    (instance $i (instantiate $M))
    (func (call $i.$g)))
  "alias kind mismatch")
;; A path is not a type.
(assert_malformed
  (module quote
    "(import \"i\" (instance $i (export \"f\" (func))))"
    "(func (type $i.$f))")
  "unknown type $i.$f")

;; Implicit parent aliases are for types and modules only (not functions) ...
(assert_malformed
  (module quote
    "(func $f)"
    "(module (func (call $f)))")
  "unknown function $f")
;; ... of an enclosing module.
(assert_malformed
  (module quote
    "(module (import \"x\" (instance (type $Nowhere))))")
  "unknown type $Nowhere")
;; An explicit parent alias names something its parent has ...
(assert_malformed
  (module quote
    "(type $T (func))"
    "(module (alias $U (parent (type $U))))")
  "unknown type $U")
;; ... and needs a parent.
(assert_malformed
  (module quote "(alias $U (parent (type 0)))")
  "cannot use `parent` alias in root module")
;; ... defined before the nested module.
(assert_invalid
  (module
    (type (module))
    (module (alias $T (parent (type $f))))
    (type $f (func)))
  "unknown type 1")
;; ... which an implicit parent alias is too.
(assert_invalid
  (module
    (type (module))
    (module (import "x" (func (type $f))))
    (type $f (func)))
  "unknown type 1")

;; Zero-level exports in module types: the type must be an instance type ...
(assert_malformed
  (module quote
    "(type $F (func))"
    "(type (module (export $F)))")
  "type index is not an instance")
;; ... of this module (an enclosing module's type uses that module's type indices) ...
(assert_malformed
  (module quote
    "(type $I (instance (export \"a\" (func))))"
    "(module (type (module (export $I))))")
  "zero-level export of an enclosing module's instance type")
;; ... and the names they add must not clash.
(assert_invalid
  (module
    (type $I (instance (export "read" (func))))
    (type (module (export $I) (export "read" (func)))))
  "duplicate export name \"read\"")
(assert_invalid
  (module
    (type $I (instance (export "read" (func))))
    (type (module (export $I) (export $I))))
  "duplicate export name \"read\"")

;; Zero-level exports in module definitions: of an instance ...
(assert_malformed
  (module quote "(func $f) (export $f)")
  "unknown instance $f")
;; ... whose names do not clash with the module's other exports ...
(assert_invalid
  (module
    (module $M (func (export "foo")))
    (instance $i (instantiate $M))
    (func (export "foo"))
    (export $i))
  "duplicate export name \"foo\"")
;; ... nor with another instance's.
(assert_invalid
  (module
    (module $M (func (export "main")))
    (instance $a (instantiate $M))
    (instance $b (instantiate $M))
    (export $a)
    (export $b))
  "duplicate export name \"main\"")

;; Positional instantiate arguments: one per import, in order (an argument with no import to
;; take its name from cannot be written in the later syntax) ...
(assert_malformed
  (module quote
    "(import \"i\" (instance $i (export \"f\" (func)) (export \"g\" (func))))"
    "(module $M (import \"f\" (func)))"
    "(instance (instantiate $M (func $i.$f) (func $i.$g)))")
  "too many instantiate arguments")
(assert_invalid
  (module
    (module $M (import "f" (func)) (import "g" (func)))
    (import "i" (instance $i (export "f" (func))))
    (instance (instantiate $M (func $i.$f))))
  "missing instantiate argument for import \"g\"")
;; ... each matching its import's type.
(assert_invalid
  (module
    (module $M (import "f" (func (param i32))))
    (import "i" (instance $i (export "f" (func))))
    (instance (instantiate $M (func $i.$f))))
  "type mismatch: instantiate argument \"f\"")
