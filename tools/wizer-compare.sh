#!/usr/bin/env bash
# Runs Wizer 10.0.0 and `wasmref snapshot` side by side and compares the state they capture.
# Both outputs are normalised by `wasmref snapshot --no-init` (which rewrites a module's initial
# state in one canonical form) and printed; the texts are diffed, so differences in layout alone
# (segment splitting) vanish and differences in state remain. For each module it prints one
# line: "same state" with both output sizes, "different" (with the diff), or which side
# refused it; then a summary. Exit status 1 only when some module both accept differs.
#
# Usage: tools/wizer-compare.sh WASMREF [MODULE.wat...]
#   default modules: tests/snapshot/modules/*.wat and, with SNAPSHOT_TESTS (the snapshot_tests
#   binary, e.g. build/tests/snapshot/snapshot_tests), every module the unit tests snapshot.
# WIZER_NPM_DIR: a scratch npm folder where `npm install -E @bytecodealliance/wizer@10.0.0` was
# run; when it is unset or `npx wizer` does not run there, the script says so and exits 0.
set -uo pipefail
wasmref=${1:?usage: wizer-compare.sh WASMREF [MODULE.wat...]}
shift
here=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${WIZER_NPM_DIR:-}" ] || ! (cd "$WIZER_NPM_DIR" && npx --no-install wizer --version) \
    >/dev/null 2>&1; then
  echo "wizer-compare: skipped (set WIZER_NPM_DIR to an npm folder with wizer 10.0.0 installed)"
  exit 0
fi
wasmref=$(cd "$(dirname "$wasmref")" && pwd)/$(basename "$wasmref")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
  modules=("$here"/tests/snapshot/modules/*.wat)
  if [ -n "${SNAPSHOT_TESTS:-}" ]; then
    mkdir "$tmp/tests"
    SNAPSHOT_MODULES_DIR="$tmp/tests" "$SNAPSHOT_TESTS" >/dev/null 2>&1
    modules+=("$tmp"/tests/*.wat)
  fi
fi

size() { stat -c %s "$1"; }
same=0 different=0 wizer_only=0 ours_only=0 both=0 bad=0
for m in "${modules[@]}"; do
  name=$(basename "$m" .wat)
  if ! "$wasmref" convert "$m" -o "$tmp/$name.wasm" 2>/dev/null; then
    echo "$name: not a module wasmref converts"; bad=$((bad + 1)); continue
  fi
  wizer_ok=1 ours_ok=1
  (cd "$WIZER_NPM_DIR" && npx --no-install wizer "$tmp/$name.wasm" -o "$tmp/$name.wizer.wasm") \
    >"$tmp/$name.wizer.log" 2>&1 || wizer_ok=0
  "$wasmref" snapshot "$tmp/$name.wasm" -o "$tmp/$name.ours.wasm" >"$tmp/$name.ours.log" 2>&1 ||
    ours_ok=0
  if [ $wizer_ok = 0 ] && [ $ours_ok = 0 ]; then
    echo "$name: both refuse"; both=$((both + 1)); continue
  elif [ $wizer_ok = 0 ]; then
    echo "$name: Wizer refuses ($(grep -m1 -i 'error\|unsupported' "$tmp/$name.wizer.log" |
      cut -c1-100))"
    wizer_only=$((wizer_only + 1)); continue
  elif [ $ours_ok = 0 ]; then
    echo "$name: wasmref refuses ($(head -n1 "$tmp/$name.ours.log"))"
    ours_only=$((ours_only + 1)); continue
  fi
  if "$wasmref" snapshot --no-init "$tmp/$name.wizer.wasm" -o "$tmp/$name.wizer.wat" &&
    "$wasmref" snapshot --no-init "$tmp/$name.ours.wasm" -o "$tmp/$name.ours.wat" &&
    diff -u "$tmp/$name.wizer.wat" "$tmp/$name.ours.wat" >"$tmp/$name.diff"; then
    echo "$name: same state (Wizer $(size "$tmp/$name.wizer.wasm") bytes, wasmref $(size "$tmp/$name.ours.wasm") bytes)"
    same=$((same + 1))
  else
    echo "$name: different"; cat "$tmp/$name.diff"; different=$((different + 1))
  fi
done
echo "${#modules[@]} modules: $((same + different)) both accept ($same same state, $different different);" \
  "Wizer refuses $wizer_only that wasmref snapshots; wasmref refuses $ours_only that Wizer" \
  "snapshots; both refuse $both; $bad not converted"
[ $different -eq 0 ]
