#!/usr/bin/env bash
# Agreement of wasmref's generated modules with wabt's wasm-validate.
# Usage: tools/smith-wabt.sh WASMREF [COUNT=1000] [SMITH OPTIONS...]
# Writes COUNT modules (`wasmref smith --seed 0..COUNT-1`), checks that wasmref validates each
# one, asks wasm-validate about each, and prints the agreement rate and wabt's first error per
# disagreement, grouped. Without wasm-validate on PATH, reports that and exits 0.
set -uo pipefail
wasmref=$1 count=${2:-1000}
shift $(( $# >= 2 ? 2 : 1 ))
if ! command -v wasm-validate >/dev/null; then
  echo "wasm-validate not found; skipped"
  exit 0
fi
# wabt's flags for what the generated modules use (--enable-all would also turn on wabt's
# function-references, under which wabt 1.0.32 does not treat (ref $t) as a funcref).
flags="--enable-exceptions --enable-threads --enable-tail-call --enable-memory64
       --enable-multi-memory --enable-extended-const --enable-relaxed-simd"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
agree=0 invalid=0
for ((seed = 0; seed < count; ++seed)); do
  "$wasmref" smith --seed "$seed" "$@" -o "$tmp/m.wasm" || exit 1
  if ! "$wasmref" validate "$tmp/m.wasm" >/dev/null; then
    echo "seed $seed: wasmref rejects its own module"
    invalid=$((invalid + 1))
  fi
  # shellcheck disable=SC2086
  if wasm-validate $flags "$tmp/m.wasm" >/dev/null 2>"$tmp/err"; then
    agree=$((agree + 1))
  else
    head -n 1 "$tmp/err" | sed 's/^[^:]*: *//; s/^[0-9a-f]*: //; s/[0-9]\+/N/g' >>"$tmp/reasons"
  fi
done
echo "wasmref validates $((count - invalid))/$count; wasm-validate agrees on $agree/$count"
[ -f "$tmp/reasons" ] && sort "$tmp/reasons" | uniq -c | sort -rn
[ "$invalid" -eq 0 ]
