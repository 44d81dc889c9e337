#!/usr/bin/env bash
# `wasmref snapshot` as a user sees it: exit codes, messages, no output on failure, the
# --no-init fixed point. Usage: cli_test.sh WASMREF SOURCE_DIR
set -uo pipefail
wasmref=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  if ! "${@:2}"; then echo "FAIL: $1"; status=1; fi
}

cat >"$tmp/counter.wat" <<'WAT'
(module
  (memory (export "mem") 1)
  (global $n (mut i32) (i32.const 0))
  (table 2 funcref)
  (func $f (result i32) (global.get $n))
  (elem declare func $f)
  (func (export "wizer.initialize")
    (global.set $n (i32.const 41))
    (table.set (i32.const 1) (ref.func $f))
    (i32.store (i32.const 4) (i32.const 7)))
  (func (export "get") (result i32) (call_indirect (result i32) (i32.const 1))))
WAT
"$wasmref" snapshot "$tmp/counter.wat" -o "$tmp/s.wasm"; code=$?
check "snapshot exits 0" test "$code" -eq 0
check "the snapshot validates" "$wasmref" validate "$tmp/s.wasm"
"$wasmref" snapshot --no-init "$tmp/s.wasm" -o "$tmp/s2.wasm"
check "--no-init of a snapshot is a fixed point" cmp -s "$tmp/s.wasm" "$tmp/s2.wasm"
"$wasmref" snapshot "$tmp/counter.wat" -o "$tmp/s.wat"
check "text output" grep -q "i32.const 41" "$tmp/s.wat"
check "init export removed" test "$(grep -c wizer.initialize "$tmp/s.wat")" -eq 0

# The snapshot behaves like the original after init: run it from a script.
printf '(module $m binary "%s")\n(assert_return (invoke "get") (i32.const 41))\n' \
  "$(od -An -v -tx1 "$tmp/s.wasm" | tr -d ' \n' | sed 's/\(..\)/\\\1/g')" >"$tmp/run.wast"
out=$("$wasmref" run "$tmp/run.wast"); code=$?
check "the snapshot runs: $out" test "$code" -eq 0

cat >"$tmp/trap.wat" <<'WAT'
(module (func (export "wizer.initialize") unreachable))
WAT
err=$("$wasmref" snapshot "$tmp/trap.wat" -o "$tmp/trap.wasm" 2>&1); code=$?
check "a trap exits 1" test "$code" -eq 1
check "the trap message is shown: $err" grep -q 'trapped: unreachable' <<<"$err"
check "no output after a trap" test ! -e "$tmp/trap.wasm"

cat >"$tmp/import.wat" <<'WAT'
(module (import "env" "g" (global i32)) (func (export "wizer.initialize")))
WAT
err=$("$wasmref" snapshot "$tmp/import.wat" -o "$tmp/import.wasm" 2>&1); code=$?
check "an import exits 1" test "$code" -eq 1
check "the import is named: $err" grep -q '"env"."g"' <<<"$err"
check "no output after a refusal" test ! -e "$tmp/import.wasm"

cat >"$tmp/loop.wat" <<'WAT'
(module (func (export "wizer.initialize") (loop (br 0))))
WAT
err=$("$wasmref" snapshot --fuel 100000 "$tmp/loop.wat" -o "$tmp/loop.wasm" 2>&1); code=$?
check "--fuel ends an endless init: $err" test "$code" -eq 1
check "exhaustion is reported" grep -q 'exhausted: fuel exhausted' <<<"$err"

# The shared test modules snapshot, and tools/wizer-compare.sh skips cleanly without Wizer.
for m in "$2"/modules/*.wat; do
  check "$(basename "$m") snapshots" "$wasmref" snapshot "$m" -o "$tmp/m.wasm"
done
out=$(WIZER_NPM_DIR= "$2/../../tools/wizer-compare.sh" "$wasmref"); code=$?
check "wizer-compare skips without Wizer: $out" test "$code" -eq 0
check "wizer-compare says it skipped" grep -q skipped <<<"$out"

# Module Linking: every instance of the tree written back into its nested module; the
# reference into another instance goes through the Counter module's import.
tree=$2/linking/tree.wat
check "a Module Linking tree snapshots" "$wasmref" snapshot --enable module-linking "$tree" -o "$tmp/tree.wasm"
same_tree_state() {  # the snapshot without init, the original after init: the same answers
  "$wasmref" run --enable module-linking "$@" \
    -e '(assert_return (invoke "n") (i32.const 102))' \
    -e '(assert_return (invoke "load") (i32.const 102))' \
    -e '(assert_return (invoke "calls") (i32.const 1))' \
    -e '(assert_return (invoke "call0" (i32.const 5)) (i32.const 10))' \
    -e '(assert_return (invoke "calls") (i32.const 2))'  # exits 1 when one fails
}
check "the tree's snapshot has the instances' state" same_tree_state "$tmp/tree.wasm"
check "... as the original after init" same_tree_state "$tree" -e '(invoke "wizer.initialize")'
check "snapshot --no-init of the tree's snapshot is the same bytes" \
  "$wasmref" snapshot --enable module-linking --no-init "$tmp/tree.wasm" -o "$tmp/tree2.wasm"
check "... identical" cmp "$tmp/tree.wasm" "$tmp/tree2.wasm"
check "a grandchild instance's state" bash -c "'$wasmref' snapshot --enable module-linking \
  '$2/linking/deep.wat' -o '$tmp/deep.wasm' && '$wasmref' run --enable module-linking \
  '$tmp/deep.wasm' -e '(assert_return (invoke \"get\") (i32.const 42))'"
err=$("$wasmref" snapshot "$tree" -o "$tmp/x.wasm" 2>&1); code=$?
check "Module Linking needs --enable: $err" test "$code" -eq 1
check "... and says so" grep -q 'needs --enable module-linking' <<<"$err"

# shared-everything-threads: shared globals, tables and GC objects keep their state; a
# thread-local global keeps its default (its value belonged to the init function's thread).
shared=$2/shared/shared.wat
check "a shared-everything module snapshots" "$wasmref" snapshot --enable shared-everything-threads \
  "$shared" -o "$tmp/shared.wasm"
same_shared_state() {
  "$wasmref" run --enable shared-everything-threads "$@" \
    -e '(assert_return (invoke "g") (i32.const 42))' \
    -e '(assert_return (invoke "field") (i32.const 6))' \
    -e '(assert_return (invoke "slot") (i32.const 9))'
}
check "the shared snapshot has the state" same_shared_state "$tmp/shared.wasm"
check "... as the original after init" same_shared_state "$shared" -e '(invoke "wizer.initialize")'
check "... and its thread-local global its default" "$wasmref" run --enable shared-everything-threads \
  "$tmp/shared.wasm" -e '(assert_return (invoke "t") (i32.const 0))'
err=$("$wasmref" snapshot "$shared" -o "$tmp/x.wasm" 2>&1); code=$?
check "shared-everything needs --enable: $err" test "$code" -eq 1

"$wasmref" snapshot "$tmp/counter.wat" >/dev/null 2>&1; code=$?
check "missing -o is a usage error" test "$code" -eq 2

exit $status
