#!/usr/bin/env bash
# `wasmref convert -o OUT.json` against wabt's wast2json, under wabt's spectest-interp: for every
# script of the official suite's top level (or the scripts given), the JSON wasmref writes and
# the JSON wast2json writes are both run by spectest-interp; their "N/M tests passed" lines
# must agree. Scripts wast2json cannot convert (features wabt 1.0.32 lacks) are run from
# wasmref's JSON alone and listed apart. Prints one line per script and a summary; exit 1 when
# some script converted by both gives different results.
#
# Usage: tools/json-suite.sh WASMREF [SCRIPT.wast...]
# Needs wast2json and spectest-interp (Debian package `wabt`); skips (exit 0) without them.
set -uo pipefail
wasmref=${1:?usage: json-suite.sh WASMREF [SCRIPT.wast...]}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
suite=${WASM_TESTSUITE:-$here/../shared/testsuite}
if ! command -v wast2json >/dev/null || ! command -v spectest-interp >/dev/null; then
  echo "json-suite: skipped (wast2json and spectest-interp not installed: apt-get install wabt)"
  exit 0
fi
scripts=("$@")
[ ${#scripts[@]} -eq 0 ] && scripts=("$suite"/*.wast)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

summary() {  # the "N/M tests passed." line of spectest-interp on $1, or why there is none
  (cd "$(dirname "$1")" && timeout 120 spectest-interp "$(basename "$1")" 2>&1) |
    grep -E '^[0-9]+/[0-9]+ tests passed' || echo "no result"
}

agree=0 differ=0 ours_only=0 failed=0
for s in "${scripts[@]}"; do
  name=$(basename "$s" .wast)
  mkdir -p "$tmp/$name/ours" "$tmp/$name/wabt"
  if ! "$wasmref" convert "$s" -o "$tmp/$name/ours/$name.json" 2>"$tmp/$name/err"; then
    echo "$name: wasmref convert failed: $(head -n1 "$tmp/$name/err")"; failed=$((failed + 1))
    continue
  fi
  ours=$(summary "$tmp/$name/ours/$name.json")
  if wast2json "$s" -o "$tmp/$name/wabt/$name.json" >/dev/null 2>&1; then
    theirs=$(summary "$tmp/$name/wabt/$name.json")
    if [ "$ours" = "$theirs" ]; then
      echo "$name: same ($ours)"; agree=$((agree + 1))
    else
      echo "$name: DIFFERENT: wasmref's JSON: $ours; wast2json's: $theirs"; differ=$((differ + 1))
    fi
  else
    echo "$name: wast2json cannot convert it; wasmref's JSON: $ours"; ours_only=$((ours_only + 1))
  fi
done
echo "${#scripts[@]} scripts: $agree same under spectest-interp, $differ different," \
  "$ours_only only wasmref converts, $failed wasmref could not convert"
[ $differ -eq 0 ] && [ $failed -eq 0 ]
