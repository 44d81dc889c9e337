#!/usr/bin/env bash
# `wasmref convert -o OUT.js` over the official suite under node: every top-level .wast of the
# core testsuite is converted to JavaScript (docs/js-format.md) and run by node with the
# --experimental-wasm-* flags node 20's V8 has for the proposals the suite uses. Prints one row
# per script (passed, failed, skipped, and the most common cause of its failures, or why node
# could not run it at all) and a closing summary line. Exit 1 when a script failed to convert.
#
# Usage: tools/js-suite.sh [BUILD_DIR] [TESTSUITE_DIR]
#   BUILD_DIR      holds wasmref (default: build)
#   TESTSUITE_DIR  default: $WASM_TESTSUITE, else ../shared/testsuite beside the repository
#   NODE_FLAGS     replaces the default V8 flags; JS_SUITE_TIMEOUT seconds per script (300)
# Skips (exit 0) when node is not installed.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
suite=${2:-${WASM_TESTSUITE:-$here/../shared/testsuite}}
wasmref=$build/wasmref
if ! command -v node >/dev/null; then
  echo "js-suite: skipped (node not installed)"
  exit 0
fi
[ -x "$wasmref" ] || { echo "js-suite: no $wasmref (build it: ninja -C $build wasmref)"; exit 1; }
# node 20 (V8 11.3) keeps these behind flags; exception handling (legacy try/catch) and tail
# calls are on by default. It has no exnref (try_table), multi-memory, memory64 tables or custom
# page sizes at all.
default_flags="--experimental-wasm-gc --experimental-wasm-typed-funcref \
--experimental-wasm-memory64 --experimental-wasm-relaxed-simd --experimental-wasm-extended-const"
read -r -a flags <<<"${NODE_FLAGS:-$default_flags}"
timeout_s=${JS_SUITE_TIMEOUT:-300}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The first cause of a run's failures (later ones often follow from it) and how many failures
# share it: messages with the script's line numbers and byte offsets taken out, so that alike
# failures count together; a command that failed because its module had failed before is
# "(after a failed module)", and only the cause when nothing else failed.
main_cause() {
  grep -E '^[^ ]+:[0-9]+: ' "$1" | sed -E 's/^[^ ]+:[0-9]+: //; s/ ?@\+[0-9]+//g' |
    sed -E 's/^(assert_[a-z_]+|action|module( definition| instance)?|register)( "[^"]*")?: //' |
    sed -E 's/.*no instance [$#][^:]*: its module.*/(after a failed module)/' |
    cut -c1-100 >"$1.causes"
  local first
  first=$(grep -v -m1 'after a failed module' "$1.causes" || head -n1 "$1.causes")
  echo "$(grep -cxF "$first" "$1.causes")x $first"
}

# What node 20's V8 (11.3) says for the proposals it lacks, as the proposal's name.
classify() {
  case "$1" in
    *"memory count of"*|*"At most one memory"*) echo "node 20 lacks multi-memory: $1" ;;
    *"table elements limits flags"*) echo "node 20 lacks memory64 tables: $1" ;;
    *"pages) is larg"*) echo "V8 limit (memory64 sizes): $1" ;;
    *"Invalid opcode 0x1f"*) echo "node 20 lacks exnref (try_table): $1" ;;
    *"supertype count"*|*"invalid value type 0x7"*|*"stringref"*|*"stringview"*|\
    *"invalid struct index"*|*"invalid mutability"*)
      echo "node 20 has a pre-standard GC encoding: $1" ;;
    *"invalid value type 0x0"*) echo "node 20 lacks table initializers (0x40 0x00): $1" ;;
    *) echo "$1" ;;
  esac
}

printf '%-34s %7s %7s %7s  %s\n' file passed failed skipped "main cause of failures"
files=0 clean=0 not_run=0 convert_failed=0 total_p=0 total_f=0 total_s=0
for s in "$suite"/*.wast; do
  name=$(basename "$s" .wast)
  files=$((files + 1))
  if ! "$wasmref" convert "$s" -o "$tmp/$name.js" 2>"$tmp/$name.err"; then
    printf '%-34s %7s %7s %7s  %s\n' "$name" - - - "wasmref convert failed: $(head -n1 "$tmp/$name.err")"
    convert_failed=$((convert_failed + 1))
    continue
  fi
  # (In a subshell that outlives node, so that a crash is reported in the row, not by bash.)
  (timeout "$timeout_s" node "${flags[@]}" "$tmp/$name.js" >"$tmp/$name.out" 2>&1; exit $?) 2>/dev/null
  code=$?
  summary=$(grep -E "^$name.wast: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$" "$tmp/$name.out")
  if [ -z "$summary" ]; then
    if [ $code -eq 124 ]; then
      why="timed out after ${timeout_s}s"
    elif grep -q 'Check failed' "$tmp/$name.out"; then
      why="V8 aborts: $(grep -m1 'Check failed' "$tmp/$name.out" | cut -c3-100)"
    else
      why=$(grep -m1 -E 'Error|error' "$tmp/$name.out" | cut -c1-100)
    fi
    printf '%-34s %7s %7s %7s  %s\n' "$name" - - - "node cannot run it (exit $code): $why"
    not_run=$((not_run + 1))
    continue
  fi
  read -r p f k <<<"$(echo "$summary" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped/\1 \2 \3/')"
  total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + k))
  cause=""
  if [ "$f" -eq 0 ]; then
    clean=$((clean + 1))
  else
    cause=$(main_cause "$tmp/$name.out")
    cause="${cause%% *} $(classify "${cause#* }")"
  fi
  printf '%-34s %7s %7s %7s  %s\n' "$name" "$p" "$f" "$k" "$cause"
done
echo "$files scripts: $clean pass fully, $((files - clean - not_run - convert_failed)) with failures," \
  "$not_run node cannot run, $convert_failed wasmref cannot convert;" \
  "assertions: $total_p passed, $total_f failed, $total_s skipped"
[ $convert_failed -eq 0 ]
