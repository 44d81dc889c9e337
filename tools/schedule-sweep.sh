#!/usr/bin/env bash
# Runs every threads script under `--schedule=os`, `deterministic` and `random:1..N` and
# reports, per file, whether every schedule gives the closing line OS threads give (docs/threads.md).
# A measurement, not a test (make test runs three seeds: tests/wast/schedule_test.sh).
#
# usage: tools/schedule-sweep.sh WASMREF N [SHARED_DIR] [TESTS_DIR]
#   the files: SHARED_DIR/threads, SHARED_DIR/testsuite/proposals/threads, and
#   TESTS_DIR/threads (spawning; the shared-everything-threads ones with the proposal on;
#   deadlock.wast without `os`, where it would wait for the watchdog)
# The commands of tests/wast/run-skip.txt (contradicting the core 3.0 suite) are skipped, as
# in make test. Closes with `N passed, M failed` over files.
set -uo pipefail
wasmref=${1:?usage: tools/schedule-sweep.sh WASMREF N [SHARED_DIR] [TESTS_DIR]}
n=${2:?usage: tools/schedule-sweep.sh WASMREF N [SHARED_DIR] [TESTS_DIR]}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${3:-$root/../shared}
tests=${4:-$root/tests/wast}
passed=0 failed=0
sweep() {  # sweep FILE [OPTION...]: every schedule against the first one's closing line
  local file=$1 first="" s line bad=""
  shift
  local schedules=(os deterministic)
  [ "$(basename "$file")" = deadlock.wast ] && schedules=(deterministic)
  for ((i = 1; i <= n; ++i)); do schedules+=("random:$i"); done
  for s in "${schedules[@]}"; do
    line=$("$wasmref" run --schedule="$s" --skip-list "$tests/run-skip.txt" "$@" "$file" 2>&1 |
      tail -1)
    [ -z "$first" ] && first=$line
    [ "$line" = "$first" ] || bad="$bad $s($line)"
  done
  if [ -z "$bad" ]; then
    printf '%-40s %d schedules: %s\n' "$(basename "$file")" "${#schedules[@]}" "$first"
    passed=$((passed + 1))
  else
    printf '%-40s DIFFERS from "%s":%s\n' "$(basename "$file")" "$first" "$bad"
    failed=$((failed + 1))
  fi
}
for f in "$shared"/threads/*.wast "$shared"/testsuite/proposals/threads/*.wast \
         "$tests"/threads/{notify,spawn,deadlock}.wast; do
  [ -f "$f" ] && sweep "$f"
done
for f in "$tests"/threads/{shared-spawn,thread-local,atomic-access,waitqueue}.wast; do
  [ -f "$f" ] && sweep "$f" --enable shared-everything-threads
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
