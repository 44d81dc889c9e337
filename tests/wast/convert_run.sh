#!/usr/bin/env bash
# One `meson test` of `wasmref convert`: convert_run.sh WASMREF FILE [OPTION...]
# Converts FILE to a script with binary modules and to one with text modules, runs the original
# and both conversions with `run --print-outcomes OPTION...`, and requires the same outcome for
# every command (the lines without their file:line prefix). Failures of the original (skipped
# elsewhere) are failures of the conversions too, so they compare equal.
set -uo pipefail
wasmref=$1 file=$2
shift 2
features=()
args=("$@")
for ((i = 0; i < ${#args[@]}; ++i)); do
  if [ "${args[i]}" = --enable ]; then features+=(--enable "${args[i + 1]}"); fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
outcomes() {  # outcomes FILE: the outcome of every command, in order
  "$wasmref" run --print-outcomes "$@" 2>/dev/null | sed 's|^[^:]*:[0-9]*: ||'
}
outcomes "${args[@]}" "$file" >"$tmp/original"
status=0
for form in binary text; do
  flag=--binary
  [ $form = text ] && flag=--text
  if ! "$wasmref" convert "${features[@]}" "$flag" "$file" -o "$tmp/$form.wast"; then
    echo "FAIL: convert $flag"
    status=1
    continue
  fi
  outcomes "${args[@]}" "$tmp/$form.wast" >"$tmp/$form"
  if ! diff "$tmp/original" "$tmp/$form" >"$tmp/diff"; then
    echo "FAIL: the $form conversion changes outcomes:"
    head -20 "$tmp/diff"
    status=1
  fi
done
[ "$(wc -l <"$tmp/original")" -gt 0 ] || { echo "FAIL: no outcomes"; status=1; }
exit $status
