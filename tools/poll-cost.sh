#!/usr/bin/env bash
# tools/poll-cost.sh RELEASE_BUILD [RUNS]: what polling for the watchdog costs (issue 9).
# Builds, in a scratch worktree of HEAD, a release wasmref whose POLL() (interpreter/step.cpp)
# is compiled out, then runs bench/{fib,loop,sieve}.wast RUNS times (default 7) under it and
# under RELEASE_BUILD/wasmref, interleaved, and prints the median CPU seconds of each and their
# ratio (polling / no polling). The variant is for measuring only: it ignores --time-limit.
set -euo pipefail
build=${1:?usage: tools/poll-cost.sh RELEASE_BUILD [RUNS]}
runs=${2:-7}
here=$(cd "$(dirname "$0")/.." && pwd)
ours=$(cd "$build" && pwd)/wasmref
[ -x "$ours" ] || { echo "no $ours: build it first (make bench)" >&2; exit 1; }
scratch=${POLL_COST_DIR:-/tmp/wasmref-nopoll}
if [ ! -d "$scratch" ]; then
  git -C "$here" worktree add --detach "$scratch" HEAD >/dev/null
else
  git -C "$scratch" checkout --detach -q "$(git -C "$here" rev-parse HEAD)"
fi
# `if (false)` keeps the flag and the slow-path label referenced (-Werror) while the
# compiler drops the check itself.
nopoll='#define POLL() do { (void)interrupt_flag; if (false) goto interrupted; } while (0)'
sed -i "s|^#define POLL() .*|$nopoll|" "$scratch/interpreter/step.cpp"
grep -qF "$nopoll" "$scratch/interpreter/step.cpp" ||
  { echo "POLL() not found in step.cpp" >&2; exit 1; }
[ -f "$scratch/build-release/build.ninja" ] ||
  meson setup "$scratch/build-release" "$scratch" -Dbuildtype=release >/dev/null
ninja -C "$scratch/build-release" wasmref >/dev/null
theirs=$scratch/build-release/wasmref

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; git -C "$scratch" checkout -q -- interpreter/step.cpp' EXIT
# CPU seconds (user + system) of one run, at the microsecond resolution of wait4(2).
cpu() {
  python3 -c 'import os, subprocess, sys
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, ru = os.wait4(p.pid, 0)
print("%.4f" % (ru.ru_utime + ru.ru_stime))' "$@"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-8s %12s %12s %8s\n' bench polling 'no polling' ratio
for b in fib loop sieve; do
  : >"$tmp/on"; : >"$tmp/off"
  for _ in $(seq "$runs"); do
    cpu "$ours" run "$here/bench/$b.wast" >>"$tmp/on"
    cpu "$theirs" run "$here/bench/$b.wast" >>"$tmp/off"
  done
  on=$(median <"$tmp/on") off=$(median <"$tmp/off")
  printf '%-8s %11ss %11ss %8s\n' "$b" "$on" "$off" "$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }')"
done
