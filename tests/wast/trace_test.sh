#!/usr/bin/env bash
# `--trace`: the spec's notation (docs/tracing.md) checked line by line against the expected
# traces in scripts/trace/ for a call, a block left by br_if (taken and not), a memory store and
# a trap; --trace=json and --trace=ops; `:trace` in the REPL. Usage: trace_test.sh WASMREF DIR
set -uo pipefail
wasmref=$1 dir=$2
source "$(dirname "$0")/check.sh"
m=$dir/trace.wat
expect=$dir/trace

same_trace() {  # same_trace EXPECTED-FILE ARGS...: the trace on stderr is exactly the file's
  "$wasmref" run "$m" "${@:2}" 2>"$tmp/got" >/dev/null
  diff -u "$1" "$tmp/got"
}
check "a call: frames, labels, typed operands" same_trace "$expect/call.txt" --trace --invoke call 3
check "br_if taken leaves the block" same_trace "$expect/block-taken.txt" --trace --invoke block 0
check "br_if not taken, nop, the block's end" same_trace "$expect/block-not-taken.txt" --trace --invoke block 1
check "a store shows the bytes written" same_trace "$expect/store.txt" --trace --invoke store
check "a trap leaves the label and the frame" same_trace "$expect/trap.txt" --trace --invoke trap 0
"$wasmref" run "$m" --trace --invoke table 2>"$tmp/table" >/dev/null
check "table.set shows the slot written" grep -q 'Step/table.set .*;; table 0\[1\] := (ref.func_addr [0-9]*)$' "$tmp/table"
check "ref.func names its function" grep -q 'Step_read/ref.func *ref.func \$sq' "$tmp/table"
check "--trace=spec is the default" same_trace "$expect/call.txt" --trace=spec --invoke call 3
check "--trace=json: one object per step" same_trace "$expect/block-taken.json" --trace=json --invoke block 0
check "json lines parse, steps numbered" python3 -c '
import json, sys
steps = [json.loads(l) for l in open(sys.argv[1])]
assert [s["step"] for s in steps] == list(range(1, len(steps) + 1)), steps
assert steps[4]["rule"] == "Step_pure/br_if-true" and steps[2]["stack"] == ["(i32.const 0)"]
' "$expect/block-taken.json"

# The results are unchanged by tracing.
check "traced result" test "$("$wasmref" run "$m" --trace --invoke call 3 2>/dev/null)" = "i32.const 25"

# --trace=ops: the engine's lowered ops, untyped.
"$wasmref" run "$m" --trace=ops --invoke block 0 2>"$tmp/ops" >/dev/null
check "--trace=ops prints lowered ops" grep -q '^\[0\] *[0-9]*: Step_pure/br_if *jump_if' "$tmp/ops"
check "--trace=ops has no label steps" bash -c "! grep -q label_ '$tmp/ops'"
out=$("$wasmref" run "$m" --trace=bogus --invoke call 3 2>&1); code=$?
check "a bad trace format exits 2" test "$code" -eq 2
check "a bad trace format is named" grep -q "bad trace format 'bogus'" <<<"$out"

# The REPL: tracing turned on after the module was instantiated still shows the spec's form.
printf '%s\n' ':trace on' '(invoke "call" (i32.const 3))' ':trace off' '(invoke "call" (i32.const 1))' |
  "$wasmref" repl "$m" >"$tmp/repl.out" 2>"$tmp/repl.err"
check "repl :trace on, then off" test "$(grep -c 'Step_read/call_ref-func *call_ref ~> frame_1{\$sq}' "$tmp/repl.err")" -eq 1
check "repl results" grep -q 'i32.const 9' "$tmp/repl.out"
printf '%s\n' ':trace json' '(invoke "store")' | "$wasmref" repl "$m" >/dev/null 2>"$tmp/repl.json"
check "repl :trace json" grep -q '"effect":"mem\[100..104\] := 07 00 00 00"' "$tmp/repl.json"
exit $status
