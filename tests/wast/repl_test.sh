#!/usr/bin/env bash
# `wasmref repl` through a pipe (no prompt, no editing) and, when python3 is there, under a
# pseudo-terminal (repl_pty.py). Usage: repl_test.sh WASMREF SCRIPTS_DIR
set -uo pipefail
wasmref=$1 dir=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$(dirname "$0")/check.sh"

input='(module
  (func (export "sq") (param i32) (result i32)
    (i32.mul (local.get 0) (local.get 0))))
(invoke "sq" (i32.const 5))
:help
(invoke "nope")
:trace on
(invoke "sq" (i32.const 2))
:trace off
(invoke "sq" (i32.const 3)) ;; a comment with a ( in it
(invoke $counter "next")
:bogus
(bad
'
out=$(printf '%s' "$input" | "$wasmref" repl "$dir/session.wast" 2>"$tmp/err"); code=$?
err=$(cat "$tmp/err")
check "repl exits 0 at end of input" test "$code" -eq 0
check "a multi-line module, then a result" grep -qx 'i32.const 25' <<<"$out"
check ":help lists the meta commands" grep -q ':trace on|off' <<<"$out"
check "an error has its stdin line" grep -qx 'stdin:6.1: invoke: undefined export "nope"' <<<"$out"
check ":trace on traces to stderr" grep -q 'i32.mul' <<<"$err"
check ":trace off stops it" test "$(grep -c 'i32.mul' <<<"$err")" -eq 1
check "results after :trace" grep -qx 'i32.const 4' <<<"$out"
check "a ( in a comment does not hold the command back" grep -qx 'i32.const 9' <<<"$out"
check "the file's instance, by name" grep -qx 'i32.const 1' <<<"$out"
check "an unknown meta command" grep -q 'unknown command :bogus' <<<"$out"
check "unbalanced input at the end still runs and fails" grep -qx 'stdin:13.2: unknown operator bad' <<<"$out"
out=$(printf '(invoke $counter "next")\n:quit\n(invoke $counter "next")\n' |
  "$wasmref" repl --plain "$dir/session.wast")
check "the files' state, --plain, and :quit" test "$out" = "1"

if command -v python3 >/dev/null; then
  check "under a pseudo-terminal" python3 "$here/repl_pty.py" "$wasmref" "$dir/invoke.wat"
fi
exit $status
