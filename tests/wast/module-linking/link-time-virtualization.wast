;; Example-LinkTimeVirtualization.md of WebAssembly/module-linking at PR #3's merge (997a5d6):
;; a parent gives its child a virtualized wasi_file instead of the real one. Run with
;; `--enable module-linking-2020`. The elided code: the real wasi_file returns 1000 + its first
;; argument; the virtualizing adapter calls it and adds 1 ("decompresses"), and child's `play`
;; reads through whatever wasi_file it was given. The imports of `./virtualize.wasm` and
;; `./child.wasm` are supplied by a bundle that nests the three modules.

(module $real_wasi_file
  (global $reads (mut i32) (i32.const 0))
  (func (export "read") (param i32 i32 i32) (result i32)
    (global.set $reads (i32.add (global.get $reads) (i32.const 1)))
    (i32.add (local.get 0) (i32.const 1000)))
  (func (export "write") (param i32 i32 i32) (result i32)
    (i32.add (local.get 0) (i32.const 2000)))
  (func (export "reads") (result i32) (global.get $reads))
)
(register "wasi_file" $real_wasi_file)

;; child.wat, on its own: it reads the real file operations.
(module $child
  (type $WasiFile (instance
    (export "read" (func $read (param i32 i32 i32) (result i32)))
    (export "write" (func $write (param i32 i32 i32) (result i32)))
  ))
  (import "wasi_file" (instance $wasi-file (type $WasiFile)))
  (func $play (export "play") (result i32)
    (call $wasi-file.$read (i32.const 5) (i32.const 0) (i32.const 0))
  )
)
(assert_return (invoke $child "play") (i32.const 1005))

;; parent.wat, with its module imports given by a bundle.
(module $bundle
  (type $WasiFile (instance
    (export "read" (func $read (param i32 i32 i32) (result i32)))
    (export "write" (func $write (param i32 i32 i32) (result i32)))
  ))
  (import "wasi_file" (instance $real (type $WasiFile)))
  ;; virtualize.wat
  (module $virtualize
    (import "wasi_file" (instance $wasi-file (type $WasiFile)))
    (func (export "read") (param i32 i32 i32) (result i32)
      (i32.add
        (call $wasi-file.$read (local.get 0) (local.get 1) (local.get 2))
        (i32.const 1))
    )
    (func (export "write") (param i32 i32 i32) (result i32)
      (call $wasi-file.$write (local.get 0) (local.get 1) (local.get 2))
    )
  )
  ;; child.wat
  (module $child
    (import "wasi_file" (instance $wasi-file (type $WasiFile)))
    (func $play (export "play") (result i32)
      (call $wasi-file.$read (i32.const 5) (i32.const 0) (i32.const 0))
    )
  )
  ;; parent.wat
  (module $parent
    (type $WasiFile (instance
      (export "read" (func $read (param i32 i32 i32) (result i32)))
      (export "write" (func $write (param i32 i32 i32) (result i32)))
    ))
    (import "wasi_file" (instance $real-wasi (type $WasiFile)))

    (import "./virtualize.wasm" (module $VIRTUALIZE
      (import "wasi_file" (instance (type $WasiFile)))
      (export $WasiFile)
    ))
    (import "./child.wasm" (module $CHILD
      (import "wasi_file" (instance (type $WasiFile)))
      (export "play" (func (result i32)))
    ))

    (instance $virt-wasi (instantiate $VIRTUALIZE (instance $real-wasi)))
    (instance $child (instantiate $CHILD (instance $virt-wasi)))

    (func (export "work") (result i32)
      call $child.$play
    )
  )
  (instance $p (instantiate $parent (instance $real) (module $virtualize) (module $child)))
  (export $p)
)
;; The child's read went through the adapter (+1) to the real file (1000 + 5).
(assert_return (invoke $bundle "work") (i32.const 1006))
(assert_return (invoke $real_wasi_file "reads") (i32.const 2))

;; parent-bundled.wat: the same with the modules nested instead of imported.
(module $parent-bundled
  (type $WasiFile (instance
    (export "read" (func $read (param i32 i32 i32) (result i32)))
    (export "write" (func $write (param i32 i32 i32) (result i32)))
  ))
  (import "wasi_file" (instance $real-wasi (type $WasiFile)))

  (module $VIRTUALIZE
    (import "wasi_file" (instance $wasi-file (type $WasiFile)))
    (func (export "read") (param i32 i32 i32) (result i32)
      (i32.add
        (call $wasi-file.$read (local.get 0) (local.get 1) (local.get 2))
        (i32.const 1))
    )
    (func (export "write") (param i32 i32 i32) (result i32)
      (call $wasi-file.$write (local.get 0) (local.get 1) (local.get 2))
    )
  )
  (module $CHILD
    (import "wasi_file" (instance $wasi-file (type $WasiFile)))
    (func $play (export "play") (result i32)
      (call $wasi-file.$read (i32.const 7) (i32.const 0) (i32.const 0))
    )
  )

  (instance $virt-wasi (instantiate $VIRTUALIZE (instance $real-wasi)))
  (instance $child (instantiate $CHILD (instance $virt-wasi)))

  (func (export "work") (result i32)
    call $child.$play
  )
)
(assert_return (invoke $parent-bundled "work") (i32.const 1008))
(assert_return (invoke $real_wasi_file "reads") (i32.const 3))

;; The child cannot get around its parent: given the virtual file, it never sees the real one.
(module $no_bypass
  (type $WasiFile (instance
    (export "read" (func (param i32 i32 i32) (result i32)))
  ))
  (module $Fake
    (func (export "read") (param i32 i32 i32) (result i32) (i32.const -1))
  )
  (module $CHILD
    (import "wasi_file" (instance $wasi-file (type $WasiFile)))
    (func (export "play") (result i32)
      (call $wasi-file.$read (i32.const 7) (i32.const 0) (i32.const 0))
    )
  )
  (instance $fake (instantiate $Fake))
  (instance $child (instantiate $CHILD (instance $fake)))
  (export $child)
)
(assert_return (invoke $no_bypass "play") (i32.const -1))
(assert_return (invoke $real_wasi_file "reads") (i32.const 3))
