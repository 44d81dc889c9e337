#!/usr/bin/env bash
# Differential testing against the OCaml reference interpreter (docs/property-testing.md).
#
# Usage: tools/diff-ocaml.sh WASMREF OCAML_WASM [COUNT=1000] [FIRST_SEED=0]
#
# For each seed, `wasmref smith --script` writes a generated module with invocations of its
# exports and wasmref's outcomes as assertions; `wasmref run` must pass it (a self-check), then
# the OCaml `wasm` runs it. Both get the same call depth (wasmref --max-call-depth D, OCaml
# -b D+1: the reference counts the invoked function's own frame, wasmref only nested calls), so
# exhaustion is compared too. Prints a summary; every script that did not agree is kept in
# OUT (default diff-ocaml-out) with what went wrong (SEED.wast, SEED.txt). Builds nothing.
#
# Environment: JOBS (parallel seeds, default 2), TIMEOUT (seconds per OCaml run, default 60),
# OUT, SIZE (generator size, default 100), FUEL (default 20000), DEPTH (default 200),
# FORMAT (text, binary: the module as (module binary ...), mixed: odd seeds binary; default
# text), OCAML_MEMORY (KiB of address space for the reference, default 2000000).
# Exit status: 0 when everything agreed or the OCaml binary is absent (skipped), 1 otherwise.
set -uo pipefail

if [ "${1:-}" = "--one" ]; then  # internal: one seed (run in parallel by xargs)
  shift
  wasmref=$1 ocaml=$2 out=$3 seed=$4
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  script=$tmp/$seed.wast
  format=()
  if [ "$FORMAT" = binary ] || { [ "$FORMAT" = mixed ] && [ $((seed % 2)) -eq 1 ]; }; then
    format=(--binary)
  fi
  if ! "$wasmref" smith --script --seed "$seed" --size "$SIZE" --fuel "$FUEL" \
      --max-call-depth "$DEPTH" "${format[@]}" -o "$script" 2>"$tmp/err"; then
    cp "$tmp/err" "$out/$seed.txt"
    echo "$seed smith-failed"
    exit 0
  fi
  if ! "$wasmref" run --max-call-depth "$DEPTH" "$script" >"$tmp/self" 2>&1; then
    cp "$script" "$out/$seed.wast"
    { echo "wasmref run (self-check) failed:"; cat "$tmp/self"; } >"$out/$seed.txt"
    echo "$seed self-check-failed"
    exit 0
  fi
  start=$(date +%s%N)
  # The reference takes tens of bytes per array element: bound its memory (it aborts past it);
  # it builds arrays by non-tail recursion: a large stack.
  (ulimit -v "$OCAML_MEMORY" && ulimit -s 1000000 && exec timeout "$TIMEOUT" "$ocaml" -b $((DEPTH + 1)) "$script") \
    </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
  code=$?
  ms=$((($(date +%s%N) - start) / 1000000))
  if [ "$code" -eq 0 ]; then
    echo "$seed agree $ms"
    exit 0
  fi
  kind=diverge
  if [ "$code" -eq 124 ]; then
    kind=timeout
  elif grep -q 'out of memory' "$tmp/stderr"; then
    kind=ocaml-oom
  else
    while IFS='|' read -r pattern label; do
      if grep -qE "$pattern" "$tmp/stderr"; then kind="known:$label"; break; fi
    done <<<"$KNOWN"
  fi
  cp "$script" "$out/$seed.wast"
  { echo "OCaml exit status $code after $ms ms"; cat "$tmp/stderr" "$tmp/stdout"; } >"$out/$seed.txt"
  echo "$seed $kind $ms"
  exit 0
fi

if [ $# -lt 2 ]; then
  echo "usage: $0 WASMREF OCAML_WASM [COUNT] [FIRST_SEED]" >&2
  exit 2
fi
wasmref=$1 ocaml=$2 count=${3:-1000} first=${4:-0}
if [ ! -x "$ocaml" ]; then
  echo "diff-ocaml: no OCaml reference interpreter at $ocaml: skipped (see docs/property-testing.md)"
  exit 0
fi
if [ ! -x "$wasmref" ]; then
  echo "diff-ocaml: no wasmref at $wasmref" >&2
  exit 2
fi
export SIZE=${SIZE:-100} FUEL=${FUEL:-20000} DEPTH=${DEPTH:-200} TIMEOUT=${TIMEOUT:-60}
export OCAML_MEMORY=${OCAML_MEMORY:-2000000} FORMAT=${FORMAT:-text}
# OCaml reference bugs (docs/ocaml-divergences.md): the first matching message classifies a
# failure as known instead of a divergence. Lines: extended regex|label.
export KNOWN='validation error: offset out of range|memarg-offset-memory-0'

out=${OUT:-diff-ocaml-out}
mkdir -p "$out"
log=$out/results.txt
self=$(realpath "$0")
start=$(date +%s)
seq "$first" $((first + count - 1)) |
  xargs -P "${JOBS:-2}" -n 1 "$self" --one "$wasmref" "$ocaml" "$out" >"$log"
elapsed=$(($(date +%s) - start))

agree=$(grep -c ' agree' "$log")
diverge=$(grep -c ' diverge' "$log")
timeouts=$(grep -c ' timeout' "$log")
oom=$(grep -c ' ocaml-oom' "$log")
known=$(grep -c ' known:' "$log")
broken=$(grep -c ' smith-failed\| self-check-failed' "$log")
echo "diff-ocaml: seeds $first..$((first + count - 1)): $agree agree, $diverge diverge," \
  "$known known OCaml bugs, $timeouts OCaml timeouts (${TIMEOUT}s), $oom OCaml out of memory," \
  "$broken self-check failures; ${elapsed}s"
for label in $(grep -o ' known:[^ ]*' "$log" | sort | uniq -c | awk '{print $2 "=" $1}'); do
  echo "  $label"
done
for s in $(awk '$2 != "agree" && $2 !~ /^known:/ {print $1}' "$log" | sort -n | head -n 20); do
  echo "  seed $s: $(grep -m1 'assertion failure\|error\|failed\|exit status' "$out/$s.txt")"
done
[ "$diverge" -eq 0 ] && [ "$timeouts" -eq 0 ] && [ "$broken" -eq 0 ]
