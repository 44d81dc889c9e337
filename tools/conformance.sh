#!/usr/bin/env bash
# `make conformance`: runs the official WebAssembly test suite and prints a per-file table and
# a closing `N passed, M failed` line. WASM_TESTSUITE overrides ../shared/testsuite;
# CONFORMANCE_TIMEOUT (seconds, default 300) bounds each file (a timeout counts as 1 failure).
set -uo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
suite=${WASM_TESTSUITE:-$here/../shared/testsuite}
limit=${CONFORMANCE_TIMEOUT:-300}
wasmref="$build/wasmref"
if [ ! -d "$suite" ]; then
  echo "conformance: no test suite at $suite (set WASM_TESTSUITE)" >&2
  exit 2
fi
# `run` executes every script; without the interpreter, the front-end check is what we have.
# Single commands that contradict the core suite are skipped (tests/wast/run-skip.txt).
mode=(parse)
"$wasmref" run --help >/dev/null 2>&1 && mode=(run --skip-list "$here/tests/wast/run-skip.txt")

total_pass=0 total_fail=0
echo "wasmref ${mode[0]} over $suite"
printf '%-60s %8s %8s\n' "file" "passed" "failed"
while IFS= read -r f; do
  rel=${f#"$suite"/}
  extra=()
  case "$rel" in
    proposals/custom-page-sizes/*) extra=(--enable custom-page-sizes) ;;
    proposals/custom-descriptors/*) extra=(--enable custom-descriptors) ;;
  esac
  line=$(timeout "$limit" "$wasmref" "${mode[@]}" "${extra[@]}" "$f" 2>/dev/null | tail -n 1)
  pass=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed\(, [0-9]* skipped\)\{0,1\}$/\1/p' <<<"$line")
  fail=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed\(, [0-9]* skipped\)\{0,1\}$/\2/p' <<<"$line")
  if [ -z "$pass" ]; then pass=0; fail=1; fi   # a crash, a timeout or no summary: a failure
  printf '%-60s %8d %8d\n' "$rel" "$pass" "$fail"
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
done < <(find "$suite" -name '*.wast' | LC_ALL=C sort)
echo "${total_pass} passed, ${total_fail} failed"
[ "$total_fail" -eq 0 ]
