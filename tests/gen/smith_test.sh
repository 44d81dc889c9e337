#!/usr/bin/env bash
# `wasmref smith` end to end: COUNT seeds (default 200), alternately as .wasm and .wat, all
# validate under `wasmref validate`; the same seed gives the same module; bad options exit 2.
# Usage: smith_test.sh WASMREF [COUNT]
set -uo pipefail
wasmref=$1 count=${2:-200}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
files=()
for ((seed = 0; seed < count; ++seed)); do
  ext=$([ $((seed % 2)) -eq 0 ] && echo wasm || echo wat)
  "$wasmref" smith --seed "$seed" -o "$tmp/m$seed.$ext" || { echo "FAIL: smith --seed $seed"; status=1; }
  files+=("$tmp/m$seed.$ext")
done
out=$("$wasmref" validate "${files[@]}")
valid=$(grep -c ': valid$' <<<"$out")
echo "$valid/$count generated modules validate"
if [ "$valid" -ne "$count" ]; then
  grep -v ': valid$' <<<"$out"
  status=1
fi
"$wasmref" smith --seed 7 -o "$tmp/a.wasm" && "$wasmref" smith --seed 7 -o "$tmp/b.wasm"
cmp -s "$tmp/a.wasm" "$tmp/b.wasm" || { echo "FAIL: seed 7 is not deterministic"; status=1; }
"$wasmref" smith --seed 7 --size 0 >/dev/null || { echo "FAIL: --size 0"; status=1; }
"$wasmref" smith --bogus >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: bad option must exit 2"; status=1; }
exit $status
