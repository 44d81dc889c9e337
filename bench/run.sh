#!/usr/bin/env bash
# `make bench`: interpreter speed on bench/{fib,loop,sieve,lz}.wast (million wasm instructions per
# second of CPU time, counts from bench/count_instructions.py), compared with wabt's
# spectest-interp when it is installed (Debian package `wabt`), and front-end throughput over
# the official suite. With WASM3=/path/to/wasm3 (built outside the project, see docs/status.md)
# wasm3 runs the same invocations beside them (bench/wasm3_run.py). `make bench` runs it on a
# release build (build-release/); any build directory may be given: bench/run.sh BUILD_DIR.
# Last, bench/snapshot_bench.sh: `wasmref snapshot` of a 64 MiB memory (Wizer beside it when
# WIZER_NPM_DIR is set).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
suite=${WASM_TESTSUITE:-$here/../../shared/testsuite}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cpu_seconds() {  # runs "$@" and prints its user+system CPU seconds; fails if the command fails
  /usr/bin/time -f '%U %S' -o "$tmp/time" "$@" >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; return 1; }
  awk '{ printf "%.3f", $1 + $2 }' "$tmp/time"
}

secs() { [ "$1" = "-" ] && echo "-" || echo "${1}s"; }
# The fastest (head) or slowest (tail) of a list of times on stdin; "-" when there is none.
pick() { tr ' ' '\n' | grep -v '^-*$' | sort -g | "$1" -1 | grep . || echo "-"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }  # their time / ours

# BENCH_RUNS=N (default 1): each program runs N times, the three interleaved, and the table
# shows the fastest run (the ratio is of the fastest runs) and, last, the range of each. The
# host's speed changes from minute to minute; the fastest of several interleaved runs is what
# each program costs, and the ranges show the noise.
# BENCH_QUICK=1: fib(27) alone and one front-end pass, to check that the benchmarks still run.
# lz: a C program (bench/c/lz.c, compiled by bench/c/build.sh): LZ77 decoding and CRC-32; its
# instruction count is not derived (the column shows "-").
workloads=(fib loop sieve lz)
dir=$here
if [ -n "${BENCH_QUICK:-}" ]; then
  workloads=(fib)
  dir=$tmp
  sed '/^(assert_return/d' "$here/fib.wast" >"$tmp/fib.wast"
  echo '(assert_return (invoke "fib" (i64.const 27)) (i64.const 196418))' >>"$tmp/fib.wast"
fi

runs=${BENCH_RUNS:-1}
printf '%-8s %14s %10s %10s %15s %8s %8s %8s' bench instructions wasmref 'M instr/s' spectest-interp ratio wasm3 ratio
[ "$runs" -gt 1 ] && printf '   ranges over %s runs (wasmref, spectest-interp, wasm3)' "$runs"
printf '\n'
for b in "${workloads[@]}"; do
  n=-
  [ "$b" != lz ] && n=$(python3 "$here/count_instructions.py" "$b" ${BENCH_QUICK:+27})
  have_json=
  command -v wast2json >/dev/null && wast2json "$dir/$b.wast" -o "$tmp/$b.json" >/dev/null 2>&1 &&
    have_json=1
  all_ours="" all_theirs="" all_w3=""
  for ((r = 0; r < runs; ++r)); do
    all_ours+=" $(cpu_seconds "$build/wasmref" run "$dir/$b.wast")"
    if [ -n "$have_json" ] && command -v spectest-interp >/dev/null; then
      all_theirs+=" $(cpu_seconds spectest-interp "$tmp/$b.json" || echo "-")"
    fi
    if [ -n "$have_json" ] && [ -n "${WASM3:-}" ] && [ -x "$WASM3" ]; then
      all_w3+=" $(python3 "$here/wasm3_run.py" "$WASM3" "$tmp/$b.json" || echo "-")"
    fi
  done
  ours=$(pick head <<<"$all_ours") theirs=$(pick head <<<"$all_theirs") w3=$(pick head <<<"$all_w3")
  rate=$(awk -v n="$n" -v t="$ours" 'BEGIN { if (n != "-" && t > 0) printf "%.0f", n / t / 1e6; else printf "-" }')
  ratio="-" w3ratio="-"
  [ "$theirs" != "-" ] && ratio=$(ratio "$theirs" "$ours")
  [ "$w3" != "-" ] && w3ratio=$(ratio "$w3" "$ours")
  printf '%-8s %14s %10s %10s %15s %8s %8s %8s' "$b" "$n" "$(secs "$ours")" "$rate" \
    "$(secs "$theirs")" "$ratio" "$(secs "$w3")" "$w3ratio"
  if [ "$runs" -gt 1 ]; then
    for all in "$all_ours" "$all_theirs" "$all_w3"; do
      printf '   %s-%s' "$(pick head <<<"$all")" "$(pick tail <<<"$all")"
    done
  fi
  printf '\n'
done
echo
"$build/bench/frontend_bench" "$suite" "$([ -n "${BENCH_QUICK:-}" ] && echo 1 || echo 3)"
if [ -z "${BENCH_QUICK:-}" ]; then
  echo
  "$here/snapshot_bench.sh" "$build/wasmref"
fi
