;; Example-SharedEverythingDynamicLinking.md of WebAssembly/module-linking at PR #3's merge
;; (997a5d6): libc, libzip, libimg and the programs zipper and imgmgk, bundled; versioning;
;; cyclic dependencies. Run with `--enable module-linking-2020`. The elided code: libc's
;; malloc is a bump allocator from 1024; zip writes an 8-byte "archive" (the magic 0x50495A,
;; then the input size) into libc's memory; the programs' `main` read it back.

;; The bundle of the "Whole Application" section (deployment-bundle.wat).
(module $deployment-bundle
  ;; libc.wasm
  (module $LIBC
    (memory (export "memory") 1)
    (table (export "table") 1 funcref)
    (global $next (mut i32) (i32.const 1024))
    (func (export "malloc") (param i32) (result i32)
      (local $p i32)
      (local.set $p (global.get $next))
      (global.set $next (i32.add (global.get $next) (local.get 0)))
      (local.get $p))
  )
  ;; libzip.wat
  (module $LIBZIP
    (import "libc" (instance $libc
      (export "memory" (memory $memory 1))
      (export "malloc" (func $malloc (param i32) (result i32)))
    ))
    (alias (memory $libc $memory))  ;; default memory b/c index 0
    (func (export "zip") (param $in i32) (param $in_size i32) (param $out_size i32) (result i32)
      (local $out i32)
      (local.set $out (call $libc.$malloc (i32.const 8)))
      (i32.store (local.get $out) (i32.const 0x50495A))
      (i32.store offset=4 (local.get $out) (local.get $in_size))
      (i32.store (local.get $out_size) (i32.const 8))
      (local.get $out))
  )
  ;; libimg.wat
  (module $LIBIMG
    (import "libc" (instance $libc
      (export "memory" (memory $memory 1))
      (export "malloc" (func $malloc (param i32) (result i32)))
    ))
    (import "libzip" (instance $libzip
      (export "zip" (func $zip (param i32 i32 i32) (result i32)))
    ))
    (alias (memory $libc $memory))
    (func (export "compress") (param i32 i32 i32) (result i32)
      (drop (call $libc.$malloc (i32.const 16)))  ;; scratch space
      (call $libzip.$zip (local.get 0) (local.get 1) (local.get 2)))
  )
  ;; zipper.wat
  (module $ZIPPER
    (type $Libc (instance
      (export "memory" (memory $memory 1))
      (export "malloc" (func $malloc (param i32) (result i32)))
    ))
    (type $LibZip (instance
      (export "zip" (func $zip (param i32 i32 i32) (result i32)))
    ))

    (import "libc" (module $LIBC
      (export $Libc)
    ))
    (import "libzip" (module $LIBZIP
      (import "libc" (instance (type $Libc)))
      (export $LibZip)
    ))

    (instance $libc (instantiate $LIBC))
    (instance $libzip (instantiate $LIBZIP (instance $libc)))

    (alias (memory $libc $memory))
    ;; Returns where its input went and what zip wrote: in * 1000 + the archive's size field.
    (func $main (export "main") (result i32)
      (local $in i32) (local $out_size i32) (local $out i32)
      (local.set $in (call $libc.$malloc (i32.const 100)))
      (local.set $out_size (call $libc.$malloc (i32.const 4)))
      (local.set $out (call $libzip.$zip (local.get $in) (i32.const 100) (local.get $out_size)))
      (if (i32.ne (i32.load (local.get $out)) (i32.const 0x50495A)) (then unreachable))
      (if (i32.ne (i32.load (local.get $out_size)) (i32.const 8)) (then unreachable))
      (i32.add (i32.mul (local.get $in) (i32.const 1000)) (i32.load offset=4 (local.get $out))))
  )
  ;; imgmgk.wat
  (module $IMGMGK
    (type $Libc (instance
      (export "memory" (memory $memory 1))
      (export "malloc" (func $malloc (param i32) (result i32)))
    ))
    (type $LibZip (instance
      (export "zip" (func $zip (param i32 i32 i32) (result i32)))
    ))
    (type $LibImg (instance
      (export "compress" (func $compress (param i32 i32 i32) (result i32)))
    ))
    (import "libc" (module $LIBC (export $Libc)))
    (import "libzip" (module $LIBZIP
      (import "libc" (instance (type $Libc)))
      (export $LibZip)
    ))
    (import "libimg" (module $LIBIMG
      (import "libc" (instance (type $Libc)))
      (import "libzip" (instance (type $LibZip)))
      (export $LibImg)
    ))

    (instance $libc (instantiate $LIBC))
    (instance $libzip (instantiate $LIBZIP (instance $libc)))
    (instance $libimg (instantiate $LIBIMG (instance $libc) (instance $libzip)))

    (alias (memory $libc $memory))
    (func $main (export "main") (result i32)
      (local $in i32) (local $out_size i32) (local $out i32)
      (local.set $in (call $libc.$malloc (i32.const 50)))
      (local.set $out_size (call $libc.$malloc (i32.const 4)))
      (local.set $out (call $libimg.$compress (local.get $in) (i32.const 50) (local.get $out_size)))
      (i32.add (i32.mul (local.get $in) (i32.const 1000)) (i32.load offset=4 (local.get $out))))
  )

  (instance (export "zipper") (instantiate $ZIPPER (module $LIBC) (module $LIBZIP)))
  (instance (export "imgmgk") (instantiate $IMGMGK (module $LIBC) (module $LIBZIP) (module $LIBIMG)))
)
(register "app" $deployment-bundle)

(module $launcher
  (import "app" "zipper" (instance $zipper (export "main" (func (result i32)))))
  (import "app" "imgmgk" (instance $imgmgk (export "main" (func (result i32)))))
  (func (export "zipper") (result i32) (call $zipper.$main))
  (func (export "imgmgk") (result i32) (call $imgmgk.$main))
)
;; zipper's input is the first allocation of its libc (1024), libzip wrote 100 into that memory.
(assert_return (invoke $launcher "zipper") (i32.const 1024100))
;; Its libc keeps its state: 1024 + 100 + 4 + 8.
(assert_return (invoke $launcher "zipper") (i32.const 1136100))
;; imgmgk shares the libc and libzip *modules* but has its own instances: a fresh heap, and
;; libimg's scratch allocation comes after its input.
(assert_return (invoke $launcher "imgmgk") (i32.const 1024050))
(assert_return (invoke $launcher "imgmgk") (i32.const 1102050))

;; "Versioning": libzip still imports libc-1.0.0 (memory and malloc); zipper's libc-1.1.0 adds
;; `free`, and its instance type is a subtype, so instantiate accepts it.
(module $versioning
  (module $LIBC-1.1.0
    (memory (export "memory") 1)
    (func (export "malloc") (param i32) (result i32) (i32.const 2048))
    (func (export "free") (param i32))
  )
  (module $LIBZIP-3.4.5
    (import "libc-1.0.0" (instance $libc
      (memory (export "memory") 1)
      (func $malloc (export "malloc") (param i32) (result i32))
    ))
    (func (export "zip") (param i32 i32 i32) (result i32) (call $libc.$malloc (local.get 1)))
  )
  ;; zipper.wat, mentioning both versions.
  (module $zipper
    (import "libc-1.1.0" (module $LIBC
      (memory (export "memory") 1)
      (func (export "malloc") (param i32) (result i32))
      (func (export "free") (param i32))
    ))
    (import "libzip-3.4.5" (module $LIBZIP
      (import "libc-1.0.0" (instance
        (memory (export "memory") 1)
        (func (export "malloc") (param i32) (result i32))
      ))
      (export "zip" (func (param i32 i32 i32) (result i32)))
    ))

    (instance $libc (instantiate $LIBC))
    (instance $libzip (instantiate $LIBZIP (instance $libc)))
    (func (export "main") (result i32)
      (call $libzip.$zip (i32.const 0) (i32.const 0) (i32.const 0)))
  )
  (instance $z (instantiate $zipper (module $LIBC-1.1.0) (module $LIBZIP-3.4.5)))
  (export $z)
)
(assert_return (invoke $versioning "main") (i32.const 2048))

;; A major version change: libc's malloc changed type, so instantiating libzip with it fails
;; validation (the `instance.instantiation` check).
(assert_invalid
  (module
    (import "libc-2.0.0" (module $LIBC
      (memory (export "memory") 1)
      (func (export "malloc") (param i64) (result i64))
    ))
    (import "libzip-3.4.5" (module $LIBZIP
      (import "libc-1.0.0" (instance
        (memory (export "memory") 1)
        (func (export "malloc") (param i32) (result i32))
      ))
    ))
    (instance $libc (instantiate $LIBC))
    (instance $libzip (instantiate $LIBZIP (instance $libc)))
  )
  "type mismatch")

;; "Cyclic Dependencies": b imports a directly; a calls back into b through the shared funcref
;; table, at an index b gives it in a mutable global. (Adapted: `instantiate` cannot see b's
;; own globals, so the global comes from an instance b creates for it, $slots.)
(module $cycle
  (module $LIBC
    (memory (export "memory") 1)
    (table (export "table") 1 funcref)
    (func (export "malloc") (param i32) (result i32) (i32.const 0))
  )
  ;; a.wat
  (module $A
    (type $Libc (instance
      (export "memory" (memory 1))
      (export "table" (table $table 1 funcref))
    ))
    (import "libc" (instance $libc (type $Libc)))
    (import "bar-index" (global $bar-index (mut i32)))
    (alias (table $libc $table))
    (type $FooType (func (result i32)))
    (func (export "foo") (result i32)
      (call_indirect (type $FooType) (global.get $bar-index))
    )
  )
  ;; b.wat
  (module $B
    (type $Libc (instance
      (export "memory" (memory 1))
      (export "table" (table $table 1 funcref))
    ))
    (import "libc" (module $LIBC (export $Libc)))
    (import "./a.wasm" (module $A
      (import "libc" (instance (type $Libc)))
      (import "bar-index" (global (mut i32)))
      (export "foo" (func $foo (result i32)))
    ))
    (instance $libc (instantiate $LIBC))
    (module $Slots (global (export "bar-index") (mut i32) (i32.const -1)))
    (instance $slots (instantiate $Slots))
    (instance $a (instantiate $A (instance $libc) (global $slots.$bar-index)))
    (alias (table $libc $table))

    ;; indirectly export bar to a:
    (func $bar (result i32) (i32.const 77))
    (elem (i32.const 0) $bar)
    (func $start (global.set $slots.$bar-index (i32.const 0)))
    (start $start)

    (func $run (export "run") (result i32)
      call $a.$foo
    )
  )
  (instance $b (instantiate $B (module $LIBC) (module $A)))
  (export $b)
)
(assert_return (invoke $cycle "run") (i32.const 77))
