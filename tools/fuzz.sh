#!/usr/bin/env bash
# `make fuzz`: runs each libFuzzer target of fuzz/ for SECONDS on a seed corpus written from the
# suite's modules (fuzz/seed_corpus), then prints its executions per second, coverage and
# crashes. Usage: tools/fuzz.sh BUILD_DIR [SECONDS] [TARGET...]
set -euo pipefail
build=${1:?usage: tools/fuzz.sh BUILD_DIR [SECONDS] [TARGET...]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_decode fuzz_text fuzz_validate fuzz_run)
here=$(cd "$(dirname "$0")/.." && pwd)
suite=${WASM_TESTSUITE:-$here/../shared/testsuite}
work=$build/fuzz-work
seeds=$work/seeds
if [ ! -d "$seeds" ]; then
  "$build/fuzz/seed_corpus" "$suite" "$seeds"
fi
status=0
printf '%-14s %10s %8s %8s %8s\n' target execs exec/s cov crashes
for t in "${targets[@]}"; do
  corpus=$work/corpus-$t
  artifacts=$work/crashes-$t
  mkdir -p "$corpus" "$artifacts"
  seed=$seeds/binary
  [ "$t" = fuzz_text ] && seed=$seeds/text
  log=$work/$t.log
  # -rss_limit_mb: memories are reserved lazily, so RSS stays small unless a module uses it.
  "$build/fuzz/$t" "$corpus" "$seed" -max_total_time="$seconds" -print_final_stats=1 \
    -rss_limit_mb=4096 -timeout=20 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=1
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
  crashes=$(find "$artifacts" -type f | wc -l)
  printf '%-14s %10s %8s %8s %8s\n' "$t" "$execs" "$rate" "$cov" "$crashes"
  [ "$crashes" -eq 0 ] || status=1
done
exit $status
