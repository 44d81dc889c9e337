#!/usr/bin/env bash
# Runs every meson test in the given build directory and closes with `N passed, M failed`.
set -uo pipefail
build=${1:-build}
log=$(mktemp)
meson test -C "$build" --print-errorlogs --num-processes "$(nproc)" "${@:2}" | tee "$log"
status=${PIPESTATUS[0]}
ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
rm -f "$log"
echo "${ok:-0} passed, $(( ${fail:-0} + ${timeout:-0} )) failed"
exit "$status"
