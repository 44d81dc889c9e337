#!/usr/bin/env bash
# One `meson test` of the wast suite: run_wast.sh WASMREF SKIP_LIST NAME FILE [OPTION...]
# Runs `wasmref run OPTION... FILE` unless NAME matches an entry of SKIP_LIST, in which case it
# prints the reason and exits 77, which meson reports as SKIP.
set -uo pipefail
wasmref=$1 skip_list=$2 name=$3 file=$4
shift 4
while read -r pattern reason; do
  case "$pattern" in '' | '#'*) continue ;; esac
  if [ -z "$reason" ]; then
    echo "$skip_list: entry '$pattern' has no reason" >&2
    exit 1
  fi
  # shellcheck disable=SC2254 # the pattern is a glob on purpose
  case "$name" in $pattern)
    echo "skipped: $reason"
    exit 77 ;;
  esac
done < "$skip_list"
exec "$wasmref" run "$@" "$file"
