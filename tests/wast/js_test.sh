#!/usr/bin/env bash
# `wasmref convert SCRIPT.wast -o OUT.js` (docs/js-format.md): scripts/js.wast, which has every
# command and value kind, must pass under node with exact counts; a copy with wrong expectations
# (one per way of checking: in JS, and in Wasm for NaN patterns, NaN bits, v128 lanes, host
# references, nulls, `either`, globals) must fail each of them and exit non-zero.
# Usage: js_test.sh WASMREF SCRIPTS_DIR. Exit 77 (skipped) without node.
source "$(dirname "$0")/check.sh"
wasmref=$1 dir=$2
command -v node >/dev/null || { echo "node not installed"; exit 77; }

check "convert to JS" "$wasmref" convert "$dir/js.wast" -o "$tmp/js.js"
node "$tmp/js.js" >"$tmp/out" 2>&1
code=$?
cat "$tmp/out"
check "node passes it (exit $code)" test $code -eq 0
check "the counts" grep -qx "js.wast: 40 passed, 0 failed, 6 skipped" "$tmp/out"
check "the skips' reasons" grep -qx "  skipped 5: threads (script threads)" "$tmp/out"

# Wrong expectations, each on its own line of the script.
sed -e 's/(i32.const 41)) (i32.const 42)/(i32.const 41)) (i32.const 43)/' \
    -e 's/(f32.const 0)) (f32.const nan:canonical)/(f32.const 0)) (f32.const 0)/' \
    -e 's/(f32.const 1) (f32.const 4)) (f32.const 0.25)/(f32.const 1) (f32.const 4)) (f32.const 0.5)/' \
    -e 's/(f32.const 1)) (f32.const -0)/(f32.const 1)) (f32.const 0)/' \
    -e 's/(f64.const nan:0x1234)) (f64.const nan:0x1234)/(f64.const nan:0x1234)) (f64.const nan:0x1235)/' \
    -e 's/i32x4 -7 -7 -7 -7/i32x4 -7 -7 -7 7/' \
    -e 's/nan:canonical nan:arithmetic nan:canonical nan:arithmetic/nan:canonical 0 nan:canonical nan:arithmetic/' \
    -e 's/(ref.extern 3)) (ref.extern 3)/(ref.extern 3)) (ref.extern 4)/' \
    -e 's/"null_fn") (ref.null func)/"null_fn") (ref.func)/' \
    -e 's/(either (i32.const 3) (i32.const 2))/(either (i32.const 3) (i32.const 4))/' \
    -e 's/(get $M "gf") (f32.const 1.5)/(get $M "gf") (f32.const 1.25)/' \
    -e 's/(get $M "g") (i64.const -1)/(get $M "g") (i64.const 1)/' \
    -e 's/(assert_trap (invoke $M "div" (i32.const 1) (i32.const 0))/(assert_trap (invoke $M "div" (i32.const 1) (i32.const 1))/' \
    -e 's/(assert_invalid (module (func (result i32) (i64.const 0)))/(assert_invalid (module (func (result i64) (i64.const 0)))/' \
    "$dir/js.wast" >"$tmp/wrong.wast"
check "convert the wrong copy" "$wasmref" convert "$tmp/wrong.wast" -o "$tmp/wrong.js"
node "$tmp/wrong.js" >"$tmp/wrong.out" 2>&1
code=$?
cat "$tmp/wrong.out"
check "node fails the wrong copy (exit $code)" test $code -eq 1
check "each wrong expectation fails" grep -qx "wrong.wast: 26 passed, 14 failed, 6 skipped" \
  "$tmp/wrong.out"
check "a failure names its line and what differs" \
  grep -qx 'wrong.wast:26: assert_return "inc": Error: result 1: expected 43, got 42' "$tmp/wrong.out"
exit $status
