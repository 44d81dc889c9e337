#!/usr/bin/env bash
# Runs Wizer 10.0.0 and `wasmref snapshot` side by side on modules both accept and compares the
# state they capture. Both outputs are normalised by `wasmref snapshot --no-init` (which
# rewrites a module's initial state in one canonical form) and printed; the texts are diffed.
# Differences in layout alone (segment splitting) vanish in that form; differences in state
# remain.
#
# Usage: tools/wizer-compare.sh WASMREF [MODULE.wat...]   (default: tests/snapshot/modules/*.wat)
# WIZER_NPM_DIR: a scratch npm folder where `npm install @bytecodealliance/wizer@10.0.0` was run;
# when it is unset or `npx wizer` does not run there, the script says so and exits 0 (skipped).
set -uo pipefail
wasmref=${1:?usage: wizer-compare.sh WASMREF [MODULE.wat...]}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
modules=("$@")
[ ${#modules[@]} -eq 0 ] && modules=("$here"/tests/snapshot/modules/*.wat)

if [ -z "${WIZER_NPM_DIR:-}" ] || ! (cd "$WIZER_NPM_DIR" && npx --no-install wizer --version) \
    >/dev/null 2>&1; then
  echo "wizer-compare: skipped (set WIZER_NPM_DIR to an npm folder with wizer 10.0.0 installed)"
  exit 0
fi
wasmref=$(cd "$(dirname "$wasmref")" && pwd)/$(basename "$wasmref")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for m in "${modules[@]}"; do
  name=$(basename "$m" .wat)
  "$wasmref" convert "$m" -o "$tmp/$name.wasm" || { status=1; continue; }
  if ! (cd "$WIZER_NPM_DIR" && npx --no-install wizer "$tmp/$name.wasm" -o "$tmp/$name.wizer.wasm"); then
    echo "$name: wizer refused it"; status=1; continue
  fi
  if ! "$wasmref" snapshot "$tmp/$name.wasm" -o "$tmp/$name.ours.wasm"; then
    echo "$name: wasmref snapshot refused it"; status=1; continue
  fi
  "$wasmref" snapshot --no-init "$tmp/$name.wizer.wasm" -o "$tmp/$name.wizer.wat" &&
    "$wasmref" snapshot --no-init "$tmp/$name.ours.wasm" -o "$tmp/$name.ours.wat" ||
    { status=1; continue; }
  if diff -u "$tmp/$name.wizer.wat" "$tmp/$name.ours.wat" >"$tmp/$name.diff"; then
    echo "$name: same state"
  else
    echo "$name: different"; cat "$tmp/$name.diff"; status=1
  fi
done
exit $status
