#!/usr/bin/env bash
# `wasmref run` and `wasmref validate` as a user sees them: exit codes, per-file and closing
# lines, failure locations, JSON output. Usage: cli_test.sh WASMREF SCRIPTS_DIR
set -uo pipefail
wasmref=$1 dir=$2
source "$(dirname "$0")/check.sh"

out=$("$wasmref" run "$dir/passing.wast"); code=$?
check "passing script exits 0" test "$code" -eq 0
check "passing closing line" test "$(tail -n 1 <<<"$out")" = "11 passed, 0 failed"
check "spectest.print_i32 prints" grep -q '^7 : i32$' <<<"$out"

out=$("$wasmref" run -j 2 --json "$tmp/r.json" "$dir/failing.wast" "$dir/passing.wast"); code=$?
check "failing run exits 1" test "$code" -eq 1
check "closing line sums the files" test "$(tail -n 1 <<<"$out")" = "13 passed, 2 failed"
check "per-file line" grep -q 'failing.wast: 2 passed, 2 failed$' <<<"$out"
check "failure has file:line.col, expected and actual" grep -q \
  'failing.wast:3.1: assert_return: wrong return values: expected \[(i32.const 2)\], got \[(i32.const 1)\]' <<<"$out"
check "a failure does not stop the script" grep -q 'failing.wast:4.1: assert_trap: expected runtime error' <<<"$out"
check "JSON written" grep -q '"command": "assert_return", "passed": false' "$tmp/r.json"
if command -v python3 >/dev/null; then
  check "JSON parses" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["failed"] == 2 and len(d["files"]) == 2' "$tmp/r.json"
fi

"$wasmref" run --outcomes-only "$dir/passing.wast" >/dev/null
check "--outcomes-only" test $? -eq 0
out=$("$wasmref" run --check-typing "$dir/passing.wast" 2>&1); code=$?
check "--check-typing: a well-typed run passes unchanged" test "$code" -eq 0
check "--check-typing closing line" test "$(tail -n 1 <<<"$out")" = "11 passed, 0 failed"
"$wasmref" run --bogus "$dir/passing.wast" >/dev/null 2>&1
check "bad option exits 2" test $? -eq 2

# --print-outcomes: stdout holds exactly the canonical outcome lines (path stripped here).
out=$("$wasmref" run --print-outcomes "$dir/outcomes.wast" 2>"$tmp/report"); code=$?
check "--print-outcomes exits 1 (the script has failures)" test "$code" -eq 1
check "--print-outcomes lines" diff <(sed 's|^[^:]*:||' <<<"$out") "$dir/outcomes.expected"
check "--print-outcomes report on stderr" grep -q '^2 passed\|passed, 2 failed$' "$tmp/report"

# --time-limit stops an endless loop in a script without threads; the next command still runs.
printf '%s\n' '(module (func (export "spin") (loop (br 0))) (func (export "one") (result i32) (i32.const 1)))' \
  '(invoke "spin")' '(assert_return (invoke "one") (i32.const 1))' >"$tmp/spin.wast"
out=$(timeout 60 "$wasmref" run --time-limit 1 "$tmp/spin.wast"); code=$?
check "--time-limit: an endless loop exits 1, not killed by timeout" test "$code" -eq 1
check "--time-limit: the loop is interrupted at its command" \
  grep -q 'spin.wast:2.1: invoke: expected values, got exhaustion "interrupted: time limit exceeded"' <<<"$out"
check "--time-limit: the next command runs" test "$(tail -n 1 <<<"$out")" = "2 passed, 1 failed"

# --max-memory bounds the store: growth past it returns -1, allocation traps.
printf '%s\n' '(module (memory 1) (type $a (array i8))' \
  '  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))' \
  '  (func (export "new") (param i32) (result i32) (array.len (array.new_default $a (local.get 0)))))' \
  '(assert_return (invoke "grow" (i32.const 20)) (i32.const -1))' \
  '(assert_return (invoke "grow" (i32.const 10)) (i32.const 1))' \
  '(assert_trap (invoke "new" (i32.const 0x100000)) "out of memory")' >"$tmp/mem.wast"
out=$("$wasmref" run --max-memory 1M "$tmp/mem.wast"); code=$?
check "--max-memory: growth and allocation bounded" test "$code" -eq 0
out=$("$wasmref" run "$tmp/mem.wast"); code=$?
check "--max-memory: the default allows far more" test "$code" -eq 1
"$wasmref" run --max-memory 12X "$tmp/mem.wast" >/dev/null 2>&1
check "--max-memory: a bad size exits 2" test $? -eq 2

echo '(module (func (result i32) (i32.const 1)))' >"$tmp/ok.wat"
echo '(module (func (result i32) (i64.const 1)))' >"$tmp/bad.wat"
check "validate accepts" "$wasmref" validate "$tmp/ok.wat"
out=$("$wasmref" validate "$tmp/ok.wat" "$tmp/bad.wat"); code=$?
check "validate rejects with a location" grep -q 'bad.wat:1.9: type mismatch' <<<"$out"
check "validate exits 1" test "$code" -eq 1
exit $status
