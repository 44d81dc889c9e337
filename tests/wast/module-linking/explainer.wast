;; The code examples of the Module Linking Explainer as merged with WebAssembly/module-linking
;; PR #3 (commit 997a5d6, proposals/module-types/Explainer.md), executed with the results the
;; Explainer describes. Run with `--enable module-linking-2020` (identifier paths).
;; Adaptations: elided bodies (`...`) are small functions that leave a trace in $host; the
;; imports of modules, which a script cannot provide by a single-level name, are supplied by an
;; enclosing module that instantiates the example as a nested module.

;; The host: every function records what happened in $log.
(module $host
  (global $log (mut i32) (i32.const 0))
  (func (export "f1") (global.set $log (i32.const 1)))
  (func (export "f2") (param i32) (global.set $log (local.get 0)))
  (func (export "f") (global.set $log (i32.add (global.get $log) (i32.const 10))))
  (func (export "read") (param i32 i32 i32) (result i32)
    (global.set $log (i32.add (global.get $log) (i32.const 100)))
    (i32.add (local.get 0) (i32.const 1000)))
  (func (export "write") (param i32 i32 i32) (result i32)
    (global.set $log (i32.add (global.get $log) (i32.const 200)))
    (i32.add (local.get 0) (i32.const 2000)))
  (func (export "ReadFile") (param i32 i32 i32 i32) (result i32)
    (i32.add (local.get 0) (i32.const 3000)))
  (func (export "WriteFile") (param i32 i32 i32 i32) (result i32)
    (i32.add (local.get 0) (i32.const 4000)))
  (func (export "log") (result i32) (global.get $log))
  (func (export "reset") (global.set $log (i32.const 0)))
  (memory (export "memory") 1)
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (table (export "table") 2 funcref)
)
(register "i" $host)
(register "a" $host)
(register "libc" $host)
(register "wasi_file" $host)
(register "Win32" $host)

;; "Single-level Imports": the example module, given "a" (an instance with "b") and "x".
(module $single_level
  (import "a" (instance $a (export "f1" (func))))
  (import "i" "f" (func $x))
  (module $Example
    (import "a" "f1" (func))  ;; legal today ("b" in the Explainer)
    (import "x" (func))       ;; illegal today, legalized with this proposal
    (func (export "run") (call 0) (call 1))
  )
  (instance $e (instantiate $Example (instance $a) (func $x)))
  (export $e)
)
(invoke $host "reset")
(assert_return (invoke $single_level "run"))
(assert_return (invoke $host "log") (i32.const 11))

;; "Module and Instance Types": the example module, its type as written (abbreviated), the
;; same type desugared, and the type of its instance.
(module $module_types
  (module $Def
    (memory (import "a") 1 2)
    (func (import "b") (param i32))
    (table (export "c") 1 funcref)
    (func $notImportedOrExported (result i64)
      i64.const 0
    )
    (func (export "d") (result f32)
      f32.const 0
    )
  )
  (module $User
    (import "M" (module $M
      (memory (import "a") 1 2)
      (func (import "b") (param i32))
      (table (export "c") 1 funcref)
      (func (export "d") (result f32))
    ))
    (import "M2" (module $M2
      (import "a" (memory 1 2))
      (import "b" (func (param i32)))
      (export "c" (table 1 funcref))
      (export "d" (func (result f32)))
    ))
    (module $Args (memory (export "a") 1 2) (func (export "b") (param i32)))
    (module $Client
      (import "i" (instance $i
        (export "c" (table 1 funcref))
        (export "d" (func (result f32)))
      ))
      (func (export "d") (result f32) (call $i.$d))
    )
    (instance $args (instantiate $Args))
    (instance $m (instantiate $M (memory $args.$a) (func $args.$b)))
    (instance $m2 (instantiate $M2 (memory $args.$a) (func $args.$b)))
    (instance $client (instantiate $Client (instance $m)))
    (func (export "d") (result f32) (f32.add (call $m2.$d) (call $client.$d)))
  )
  (instance $u (instantiate $User (module $Def) (module $Def)))
  (export $u)
)
(assert_return (invoke $module_types "d") (f32.const 0))

;; "Module and Instance Types": an instance type and the type of a module implementing it
;; with Win32 imports, its exports given by the zero-level export (export $WasiFile).
(module $win32
  (type $WasiFile (instance
    (export "read" (func (param i32 i32 i32) (result i32)))
    (export "write" (func (param i32 i32 i32) (result i32)))
  ))
  (type $Win32WasiFile (module
    (import "Win32" "ReadFile" (func (param i32 i32 i32 i32) (result i32)))
    (import "Win32" "WriteFile" (func (param i32 i32 i32 i32) (result i32)))
    (export $WasiFile)
  ))
  ;; A module of that type, and one that imports such a module and instantiates it.
  (module $impl
    (import "Win32" "ReadFile" (func $ReadFile (param i32 i32 i32 i32) (result i32)))
    (import "Win32" "WriteFile" (func $WriteFile (param i32 i32 i32 i32) (result i32)))
    (func (export "read") (param i32 i32 i32) (result i32)
      (call $ReadFile (local.get 0) (local.get 1) (local.get 2) (i32.const 0)))
    (func (export "write") (param i32 i32 i32) (result i32)
      (call $WriteFile (local.get 0) (local.get 1) (local.get 2) (i32.const 0)))
  )
  (module $user
    (import "impl" (module $I (type $Win32WasiFile)))
    (import "Win32" (instance $win32
      (export "ReadFile" (func (param i32 i32 i32 i32) (result i32)))
      (export "WriteFile" (func (param i32 i32 i32 i32) (result i32)))
    ))
    (instance $file (instantiate $I (instance $win32)))
    (func (export "read") (param i32) (result i32)
      (call $file.$read (local.get 0) (i32.const 0) (i32.const 0)))
    (func (export "write") (param i32) (result i32)
      (call $file.$write (local.get 0) (i32.const 0) (i32.const 0)))
  )
  (import "Win32" (instance $w
    (export "ReadFile" (func (param i32 i32 i32 i32) (result i32)))
    (export "WriteFile" (func (param i32 i32 i32 i32) (result i32)))
  ))
  (instance $u (instantiate $user (module $impl) (instance $w)))
  (export $u)
)
(assert_return (invoke $win32 "read" (i32.const 5)) (i32.const 3005))
(assert_return (invoke $win32 "write" (i32.const 6)) (i32.const 4006))

;; "Instance Imports and Aliases": an identifier path into an imported instance.
(module $paths
  (import "i" (instance $i
    (export "f1" (func $f1))
    (export "f2" (func $f2 (param i32)))
  ))
  (func (export "run")
    call $i.$f1
  )
)
(invoke $host "reset")
(assert_return (invoke $paths "run"))
(assert_return (invoke $host "log") (i32.const 1))

;; ... and its desugaring: an alias definition named $i.f1.
(module $desugared
  (import "i" (instance $i
    (export "f1" (func $f1))
    (export "f2" (func $f2 (param i32)))
  ))
  (alias $i.f1 (func $i $f1))
  (func (export "run")
    call $i.f1
  )
)
(invoke $host "reset")
(assert_return (invoke $desugared "run"))
(assert_return (invoke $host "log") (i32.const 1))

;; A path step names the export by the identifier its instance type gives the item ($second
;; is the export "f2"), and repeated uses of one path share one alias.
(module $by_identifier
  (import "i" (instance $i
    (export "f1" (func $first))
    (export "f2" (func $second (param i32)))
  ))
  (func (export "run") (param i32)
    (call $i.$second (local.get 0))
    (call $i.$second (i32.add (local.get 0) (global.get $i.$g)))
  )
  (global $i.$g i32 (i32.const 1))
)
(assert_return (invoke $by_identifier "run" (i32.const 41)))
(assert_return (invoke $host "log") (i32.const 42))

;; Default memory and table: the explicit aliases `(alias (memory $libc $mem))`.
(module $defaults
  (import "libc" (instance $libc
    (export "memory" (memory $mem 1))
    (export "table" (table $tbl 0 funcref))
  ))
  (alias (memory $libc $mem)) ;; memory index 0 = default memory
  (alias (table $libc $tbl)) ;; table index 0 = default table
  (func (export "store") (param i32 i32)
    (i32.store (local.get 0) (local.get 1))  ;; accesses $libc.$mem
  )
  (func (export "null") (param i32) (result i32)
    (ref.is_null (table.get (local.get 0)))  ;; accesses $libc.$tbl
  )
)
(assert_return (invoke $defaults "store" (i32.const 16) (i32.const 0x1234)))
(assert_return (invoke $host "peek" (i32.const 16)) (i32.const 0x1234))
(assert_return (invoke $defaults "null" (i32.const 1)) (i32.const 1))

;; "Module Imports and Nested Instances": the example module, given $M and $f by an
;; enclosing module (positional instantiate arguments).
(module $nested_instances
  (import "i" "f" (func $f))
  (module $Impl
    (import "in" (func $in))
    (func (export "out") (call $in))
  )
  (module $Example
    (import "M" (module $M
      (import "in" (func))
      (export "out" (func $out))
    ))
    (import "f" (func $f))
    (instance $i (instantiate $M (func $f)))
    (func (export "run")
      call $i.$out
    )
  )
  (instance $example (instantiate $Example (module $Impl) (func $f)))
  (export $example)
)
(invoke $host "reset")
(assert_return (invoke $nested_instances "run"))
(assert_return (invoke $host "log") (i32.const 10))

;; Passing a whole instance: the child reads through the wasi_file instance it is given.
(module $pass_instance
  (type $WasiFile (instance
    (export "read" (func (param i32 i32 i32) (result i32)))
    (export "write" (func (param i32 i32 i32) (result i32)))
  ))
  (module $Child
    (import "wasi_file" (instance $wasi-file (type $WasiFile)))  ;; the parent's type
    (func $start (drop (call $wasi-file.$read (i32.const 0) (i32.const 0) (i32.const 0))))
    (start $start)
  )
  (module $Example
    (type $WasiFile (instance
      (export "read" (func (param i32 i32 i32) (result i32)))
      (export "write" (func (param i32 i32 i32) (result i32)))
    ))
    (import "wasi_file" (instance $wasi-file (type $WasiFile)))
    (import "child" (module $CHILD
      (import "wasi_file" (instance (type $WasiFile)))
    ))
    (instance (instantiate $CHILD (instance $wasi-file)))
  )
  (import "wasi_file" (instance $wasi (type $WasiFile)))
  (instance (instantiate $Example (instance $wasi) (module $Child)))
)
(assert_return (invoke $host "log") (i32.const 110))

;; The module that validates with desugared aliases (instantiate sees imports and aliases).
(module definition
  (import "a" (instance $a (export "f" (func $f))))
  (import "B" (module $B (import "f" (func)) (export "g" (func $g))))
  (alias $a.f (func $a $f))
  (instance $b1 (instantiate $B (func $a.f)))
  (alias $b1.g (func $b1 $g))
  (instance $b2 (instantiate $B (func $b1.g)))
)
;; ... and the one that does not: instantiate cannot see a local function.
(assert_invalid
  (module
    (import "A" (module $A (import "f" (func))))
    (func $f)
    (instance $a (instantiate $A (func $f))) ;; error, $f not visible to instantiate
  )
  "unknown function")

;; "Nested Modules".
(module $nested
  (module $CHILD
    (func $hi (export "hi") (result i32)
      (i32.const 42)
    )
  )
  (instance $child (instantiate $CHILD))
  (func (export "run") (result i32)
    call $child.$hi
  )
)
(assert_return (invoke $nested "run") (i32.const 42))

;; A nested module uses the enclosing module's type by its identifier ...
(module $implicit_parent
  (type $WasiFile (instance $wasi-file
    (export "read" (func (param i32 i32 i32) (result i32)))
  ))
  (import "wasi_file" (instance $real (type $WasiFile)))
  (module $child
    (import "wasi_file" (instance $w (type $WasiFile)))
    (func (export "go") (result i32)
      (call $w.$read (i32.const 1) (i32.const 2) (i32.const 3)))
  )
  (instance $c (instantiate $child (instance $real)))
  (export $c)
)
(assert_return (invoke $implicit_parent "go") (i32.const 1001))

;; ... which desugars to an explicit parent alias.
(module $explicit_parent
  (type $WasiFile (instance $wasi-file
    (export "read" (func (param i32 i32 i32) (result i32)))
  ))
  (import "wasi_file" (instance $real (type $WasiFile)))
  (module $child
    (alias $WasiFile (parent (type $WasiFile)))
    (import "wasi_file" (instance $w (type $WasiFile)))
    (func (export "go") (result i32)
      (call $w.$read (i32.const 2) (i32.const 2) (i32.const 3)))
  )
  (instance $c (instantiate $child (instance $real)))
  (export $c)
)
(assert_return (invoke $explicit_parent "go") (i32.const 1002))

;; Modules too: a nested module instantiates its parent's module $Leaf by identifier.
(module $parent_module
  (module $Leaf (func (export "v") (result i32) (i32.const 9)))
  (module $Mid
    (instance $l (instantiate $Leaf))
    (func (export "v") (result i32) (i32.add (call $l.$v) (i32.const 1)))
  )
  (instance $m (instantiate $Mid))
  (export $m)
)
(assert_return (invoke $parent_module "v") (i32.const 10))

;; "Module and Instance Exports".
(module $exporter
  (import "i" (instance $c (export "f1" (func))))
  (module $b (func (export "x") (result i32) (i32.const 5)))
  (instance $d (instantiate $b))
  (export "e2" (module $b))
  (export "e3" (instance $c))
  (export "e4" (instance $d))
)
(register "exporter" $exporter)
(module $importer
  (import "exporter" "e2" (module $b (export "x" (func (result i32)))))
  (import "exporter" "e3" (instance $c (export "f1" (func))))
  (import "exporter" "e4" (instance $d (export "x" (func (result i32)))))
  (instance $d2 (instantiate $b))
  (func (export "x") (result i32) (i32.add (call $d.$x) (call $d2.$x)))
  (func (export "f1") (call $c.$f1))
)
(assert_return (invoke $importer "x") (i32.const 10))
(invoke $host "reset")
(assert_return (invoke $importer "f1"))
(assert_return (invoke $host "log") (i32.const 1))

;; A zero-level export in a module definition: the outer module exports `foo` itself.
(module $zero_level
  (module $M (func (export "foo") (result i32) (i32.const 7)))
  (instance $i (instantiate $M))
  (export $i)
)
(assert_return (invoke $zero_level "foo") (i32.const 7))
;; With a single-level export instead, it exports an instance (which exports `foo`).
(module $one_level
  (module $M (func (export "foo") (result i32) (i32.const 7)))
  (instance $i (instantiate $M))
  (export "i" (instance $i))
)
(register "one_level" $one_level)
(register "zero_level" $zero_level)
(module $through_instance
  (import "one_level" "i" (instance $i (export "foo" (func (result i32)))))
  (func (export "foo") (result i32) (call $i.$foo))
)
(assert_return (invoke $through_instance "foo") (i32.const 7))
(assert_unlinkable
  (module (import "one_level" "foo" (func (result i32))))
  "unknown import")
(module (import "zero_level" "foo" (func (result i32))))

;; "Binary Format Considerations": the example whose aliases interleave with instances.
(module $sections
  (import "a" (instance $a (export "f" (func $f))))
  (module $M
    (import "f" (func $f))
    (func $g (export "g") (call $f)))
  (instance $m1 (instantiate $M (func $a.$f)))
  (instance $m2 (instantiate $M (func $m1.$g)))
  (func $x (export "x") (call $m2.$g))
)
(invoke $host "reset")
(assert_return (invoke $sections "x"))
(assert_return (invoke $host "log") (i32.const 10))
