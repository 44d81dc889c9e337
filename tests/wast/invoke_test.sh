#!/usr/bin/env bash
# `wasmref run FILE... --invoke NAME ARG...` and `-e COMMAND`: results as the user sees them,
# errors, exit codes, one session across files and commands. Usage: invoke_test.sh WASMREF DIR
set -uo pipefail
wasmref=$1 dir=$2
source "$(dirname "$0")/check.sh"
m=$dir/invoke.wat

out=$("$wasmref" run "$m" --invoke add 2 3); code=$?
check "--invoke exits 0" test "$code" -eq 0
check "--invoke prints the typed result" test "$out" = "i32.const 5"
check "--plain, negative argument" test "$("$wasmref" run "$m" --invoke add -5 7 --plain)" = "2"
check "hex argument" test "$("$wasmref" run "$m" --invoke add 0x10 1)" = "i32.const 17"
check "two results, one per line" test "$("$wasmref" run "$m" --invoke pair 1.5)" = $'f64.const 1.5\ni64.const -1'
check "v128 argument as lanes" test "$("$wasmref" run "$m" --invoke lanes 'i32x4 1 2 3 4')" = \
  "v128.const i32x4 1 2 3 4"
check "externref null" test "$("$wasmref" run "$m" --invoke is_null null)" = "i32.const 1"
check "externref number" test "$("$wasmref" run "$m" --invoke is_null 7)" = "i32.const 0"
check "argument in parentheses" test "$("$wasmref" run "$m" --invoke add '(i32.const 1)' 1)" = "i32.const 2"

out=$("$wasmref" run "$m" --invoke div 1 0 2>&1); code=$?
check "a trap exits 1" test "$code" -eq 1
check "a trap is reported with the trap's message" grep -q 'integer divide by zero' <<<"$out"
out=$("$wasmref" run "$m" --invoke add 2 2>&1); code=$?
check "wrong argument count exits 1" test "$code" -eq 1
check "wrong argument count says the type" grep -q 'takes 2 arguments \[i32 i32\], given 1' <<<"$out"
out=$("$wasmref" run "$m" --invoke add 2 x 2>&1); code=$?
check "an unreadable number exits 1" test "$code" -eq 1
out=$("$wasmref" run "$m" --invoke nope 2>&1); code=$?
check "unknown export exits 1" test "$code" -eq 1
check "unknown export is named" grep -q 'no function export "nope"' <<<"$out"

"$wasmref" convert "$m" -o "$tmp/m.wasm" >/dev/null
check "a binary module" test "$("$wasmref" run "$tmp/m.wasm" --invoke add 40 2)" = "i32.const 42"

out=$("$wasmref" run "$m" -e '(invoke "add" (i32.const 2) (i32.const 3))' -e '(get "g")' \
  -e '(invoke "add")' -e '(assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 2))' \
  -e '(bad'); code=$?
check "-e with a failure exits 1" test "$code" -eq 1
check "-e results and errors in order" test "$out" = $'i32.const 5\ni32.const 42\n-e 3:1.1: invoke: wrong number of arguments\n-e 5:1.2: unknown operator bad'

# One session: the script's registered module and named instance stay visible to -e.
out=$("$wasmref" run "$dir/session.wast" -e '(invoke $counter "next")' \
  -e '(module (import "counter" "next" (func $next (result i32))) (func (export "f") (result i32) (call $next)))' \
  --invoke f); code=$?
check "session exits 0" test "$code" -eq 0
check "state carries across the file, -e and --invoke" test "$out" = $'i32.const 1\ni32.const 2'
out=$("$wasmref" run "$m" "$tmp/m.wasm"); code=$?
check "without --invoke, a module file runs as a script of one module" test "$code" -eq 0
check "... and counts its module command" grep -q "m.wasm: 1 passed, 0 failed" <<<"$out"
exit $status
