#!/usr/bin/env bash
# `wasmref smith --script` end to end (no OCaml needed): for COUNT seeds (default 20) the
# script passes `wasmref run` with the call depth it was written for, holds assertions, and a
# seed is deterministic. tools/diff-ocaml.sh runs the same scripts on the OCaml reference.
# Usage: smith_script_test.sh WASMREF [COUNT]
set -uo pipefail
wasmref=$1 count=${2:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
files=()
for ((seed = 0; seed < count; ++seed)); do
  "$wasmref" smith --script --seed "$seed" -o "$tmp/s$seed.wast" ||
    { echo "FAIL: smith --script --seed $seed"; status=1; }
  files+=("$tmp/s$seed.wast")
done
out=$("$wasmref" run --max-call-depth 200 "${files[@]}" 2>&1) ||
  { echo "FAIL: wasmref run on the scripts"; grep -v ' 0 failed$' <<<"$out"; status=1; }
tail -n 1 <<<"$out"
asserts=$(cat "${files[@]}" | grep -c '^(assert_')
[ "$asserts" -ge "$count" ] || { echo "FAIL: only $asserts assertions"; status=1; }
"$wasmref" smith --script --seed 7 -o "$tmp/a.wast" && "$wasmref" smith --script --seed 7 >"$tmp/b.wast"
cmp -s "$tmp/a.wast" "$tmp/b.wast" || { echo "FAIL: --script --seed 7 is not deterministic"; status=1; }
# A smaller call depth is written into the script and its exhaustion assertions.
"$wasmref" smith --script --seed 3 --max-call-depth 20 --fuel 1000 -o "$tmp/d.wast" &&
  "$wasmref" run --max-call-depth 20 "$tmp/d.wast" >/dev/null ||
  { echo "FAIL: --max-call-depth 20 --fuel 1000"; status=1; }
grep -q 'max-call-depth 20)' "$tmp/d.wast" || { echo "FAIL: depth not in the header"; status=1; }
exit $status
