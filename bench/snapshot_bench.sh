#!/usr/bin/env bash
# Snapshot benchmark (issue 10): a module with a 64 MiB memory that init leaves mostly zero,
# with one dense 1 MiB region (every byte non-zero) and 4,096 scattered non-zero words.
# Prints the wall time (median of 3) and the output size of `wasmref snapshot`, and of Wizer
# 10.0.0 beside it when WIZER_NPM_DIR names an npm folder where it is installed.
#
# Usage: bench/snapshot_bench.sh WASMREF
set -euo pipefail
wasmref=${1:?usage: snapshot_bench.sh WASMREF}
wasmref=$(cd "$(dirname "$wasmref")" && pwd)/$(basename "$wasmref")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/big.wat" <<'WAT'
(module
  (memory (export "mem") 1024)  ;; 64 MiB
  (func (export "wizer.initialize")
    (local $i i32)
    ;; 1 MiB at 16 MiB: every byte non-zero (a cheap hash of its address, | 1)
    (loop $dense
      (i32.store8 (i32.add (i32.const 0x1000000) (local.get $i))
        (i32.or (i32.mul (local.get $i) (i32.const 0x9e3779b1)) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $dense (i32.lt_u (local.get $i) (i32.const 0x100000))))
    ;; 4,096 scattered words, 16 KiB apart, over the whole memory
    (local.set $i (i32.const 0))
    (loop $sparse
      (i32.store (i32.mul (local.get $i) (i32.const 0x4000)) (i32.add (local.get $i) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $sparse (i32.lt_u (local.get $i) (i32.const 4096)))))
  (func (export "get") (param i32) (result i32) (i32.load (local.get 0))))
WAT
"$wasmref" convert "$tmp/big.wat" -o "$tmp/big.wasm"

median_time() {  # median wall seconds of 3 runs of "$@"
  for _ in 1 2 3; do
    python3 - "$@" <<'PY'
import subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(f"{time.perf_counter() - start:.3f}")
PY
  done | sort -n | sed -n 2p
}

printf '%-10s %10s %14s\n' snapshot 'wall (s)' 'output bytes'
t=$(median_time "$wasmref" snapshot "$tmp/big.wasm" -o "$tmp/ours.wasm")
printf '%-10s %10s %14s\n' wasmref "$t" "$(stat -c %s "$tmp/ours.wasm")"
# The snapshot holds the state init made.
"$wasmref" run "$tmp/ours.wasm" --invoke get 0x1000000 --plain >/dev/null
if [ -n "${WIZER_NPM_DIR:-}" ] && (cd "$WIZER_NPM_DIR" && npx --no-install wizer --version) \
    >/dev/null 2>&1; then
  wizer="$WIZER_NPM_DIR/node_modules/.bin/wizer"
  t=$(median_time "$wizer" "$tmp/big.wasm" -o "$tmp/wizer.wasm")
  printf '%-10s %10s %14s\n' 'Wizer' "$t" "$(stat -c %s "$tmp/wizer.wasm")"
  "$wasmref" snapshot --no-init "$tmp/wizer.wasm" -o "$tmp/wizer.wat"
  "$wasmref" snapshot --no-init "$tmp/ours.wasm" -o "$tmp/ours.wat"
  if cmp -s "$tmp/wizer.wat" "$tmp/ours.wat"; then
    echo "same state"
  else
    echo "different state"
  fi
else
  echo "(Wizer: set WIZER_NPM_DIR to an npm folder with @bytecodealliance/wizer@10.0.0)"
fi
