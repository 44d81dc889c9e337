;; Thread-local globals (shared-everything-threads, Overview.md "Thread-local storage"; run with
;; --enable shared-everything-threads under every schedule by tests/wast/schedule_test.sh): a
;; value per thread, starting at the type's default, reachable from shared functions, for the
;; script's own threads, spawned threads and the script itself alike.
(module $G (global (export "tls") (thread_local mut i32) (i32.const 0)))
(register "g" $G)
(module $M
  (type $ft (shared (func (param i32))))
  (import "thread" "spawn_ref" (func $spawn_ref (param (ref null $ft)) (param i32) (result i32)))
  (import "g" "tls" (global $tls (thread_local mut i32)))
  (memory shared 1 1)
  (global $wide (thread_local mut i64) (i64.const 0))
  (elem declare (ref null $ft) (ref.func $worker))
  ;; worker(c): its own $tls starts at 0; it sets c, and after the others' writes (it waits
  ;; for them all in turn) still reads c; word 16 + 4c gets (what it read first) * 1000 + c.
  (func $worker (type $ft) (local $first i32)
    (local.set $first (global.get $tls))
    (global.set $tls (local.get 0))
    (drop (global.atomic.rmw.add seq_cst $wide (i64.const 1)))
    (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 4) (i32.const -1)))
    (call $await (i32.const 4) (i32.const 3))
    (i32.atomic.store
      (i32.add (i32.const 16) (i32.mul (local.get 0) (i32.const 4)))
      (i32.add (i32.mul (local.get $first) (i32.const 1000)) (global.get $tls)))
    (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 8) (i32.const -1))))
  (type $pair (shared (func (param i32 i32))))
  (func $await (type $pair) (local $now i32)
    (block $out
      (loop $wait
        (local.set $now (i32.atomic.load (local.get 0)))
        (br_if $out (i32.ge_u (local.get $now) (local.get 1)))
        (drop (memory.atomic.wait32 (local.get 0) (local.get $now) (i64.const -1)))
        (br $wait))))
  (func (export "set") (param i32) (global.set $tls (local.get 0)))
  (func (export "get") (result i32) (global.get $tls))
  (func (export "wide") (result i64) (global.get $wide))
  ;; Three workers with 1, 2, 3; each reports 0 * 1000 + c. The caller's own value stays.
  (func (export "spawn3") (result i32)
    (drop (call $spawn_ref (ref.func $worker) (i32.const 1)))
    (drop (call $spawn_ref (ref.func $worker) (i32.const 2)))
    (drop (call $spawn_ref (ref.func $worker) (i32.const 3)))
    (call $await (i32.const 8) (i32.const 3))
    (i32.add
      (i32.add (i32.atomic.load (i32.const 20)) (i32.atomic.load (i32.const 24)))
      (i32.atomic.load (i32.const 28))))
  (func (export "word") (param i32) (result i32) (i32.atomic.load (local.get 0))))
(register "m" $M)

(assert_return (invoke $M "get") (i32.const 0))
(invoke $M "set" (i32.const 100))
(assert_return (invoke $M "get") (i32.const 100))
(assert_return (get $G "tls") (i32.const 100))
(assert_return (invoke $M "spawn3") (i32.const 6))
(assert_return (invoke $M "get") (i32.const 100))
(assert_return (invoke $M "wide") (i64.const 0))

;; A script thread has its own value too (a module whose exports are all shared or
;; thread-local can be shared with it); an importer shares the global, not the value.
(thread $T (shared (module $G))
  (register "g" $G)
  (module $N
    (import "g" "tls" (global $tls (thread_local mut i32)))
    (func (export "get") (result i32) (global.get $tls))
    (func (export "set") (param i32) (global.set $tls (local.get 0))))
  (assert_return (invoke $N "get") (i32.const 0))
  (invoke $N "set" (i32.const 7))
  (assert_return (get $G "tls") (i32.const 7)))
(wait $T)
(assert_return (invoke $M "get") (i32.const 100))
(assert_return (get $G "tls") (i32.const 100))

;; Validation: a defaultable type valid as shared, initialised to its default value.
(module (global (thread_local i64) (i64.const 0)) (global (thread_local f64) (f64.const 0)))
(module (global (thread_local (ref null (shared any))) (ref.null (shared any))))
(assert_invalid
  (module (type $s (shared (struct))) (global (thread_local (ref $s)) (struct.new $s)))
  "thread-local globals must have a defaultable type")
(assert_invalid
  (module (global (thread_local mut i32) (i32.const 1)))
  "thread-local globals must be initialized to the default value")
(assert_invalid
  (module (global (thread_local f32) (f32.const -0)))
  "thread-local globals must be initialized to the default value")
(assert_invalid
  (module (global (thread_local funcref) (ref.null func)))
  "thread-local globals must have a shared value type")
;; Importing needs the same kind of global.
(assert_unlinkable
  (module (import "g" "tls" (global (mut i32))))
  "incompatible import type")
(assert_unlinkable
  (module (import "g" "tls" (global (shared mut i32))))
  "incompatible import type")
;; The binary form (wasmref's provisional encoding: bit 2 of the mutability byte).
(module binary
  "\00asm\01\00\00\00"
  "\06\06\01\7f\05\41\00\0b"  ;; global section: (global (thread_local mut i32) (i32.const 0))
  "\07\05\01\01g\03\00")       ;; (export "g" (global 0))
(assert_return (get "g") (i32.const 0))
(assert_malformed
  (module binary "\00asm\01\00\00\00" "\06\06\01\7f\07\41\00\0b")
  "malformed mutability")
