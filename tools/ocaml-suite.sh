#!/usr/bin/env bash
# Runs every script of the official suite, the corpora in ../shared and wasmref's own
# tests/wast under both wasmref and the OCaml reference interpreter, and tabulates where they
# agree (docs/property-testing.md, "The suite under both interpreters").
#
# Usage: tools/ocaml-suite.sh WASMREF OCAML_WASM [OUT=ocaml-suite-out]
#
# Per script: wasmref runs it with the options its directory needs (as tests/wast/meson.build
# does); the reference runs `wasm FILE </dev/null`, which stops at its first failure. Each file
# is classified as
#   agree        both pass every command;
#   ocaml-syntax the reference does not parse the script (a proposal it does not implement:
#                its lexer or parser stops, "unexpected token", "unknown operator", ...);
#   ocaml-fails  the reference parses it but fails a command wasmref passes: a divergence to
#                explain (OUT/FILE.txt holds its message);
#   wasmref-fails wasmref fails a command the reference passes (a skip-listed file or a bug);
#   both-fail    both fail (tests/wast/scripts' intentionally failing scripts: compare where).
# Environment: TESTSUITE, THREADS, MODULE_LINKING (corpus paths, default ../shared/...),
# JOBS (default 2), TIMEOUT (seconds per run, default 120). Builds nothing; exits 0 when the
# OCaml binary is absent (skipped). Exit status 1 when any file is ocaml-fails or wasmref-fails.
set -uo pipefail

if [ "${1:-}" = "--one" ]; then  # internal: one file, "CORPUS REL PATH"
  shift
  wasmref=$1 ocaml=$2 out=$3 corpus=$4 rel=$5 path=$6
  opts=(--skip-list "$RUN_SKIP") ocaml_opts=()
  case "$corpus/$rel" in
    testsuite/proposals/custom-page-sizes/*) opts+=(--enable custom-page-sizes) ;;
    testsuite/proposals/custom-descriptors/*) opts+=(--enable custom-descriptors) ;;
    module-linking/*) opts+=(--outcomes-only --enable module-linking --stub-imports) ;;
    testsuite/custom/*) ocaml_opts+=(-ca) ;;  # the reference parses custom sections on request
  esac
  name=$(echo "$corpus/$rel" | tr / _)
  wstatus=0
  (cd "$(dirname "$path")" && timeout "$TIMEOUT" "$wasmref" run "${opts[@]}" "$path") \
    >"$out/$name.wasmref" 2>&1 || wstatus=$?
  ostatus=0
  (cd "$(dirname "$path")" && ulimit -s 1000000 && exec timeout "$TIMEOUT" "$ocaml" "${ocaml_opts[@]}" "$path") \
    </dev/null >"$out/$name.ocaml" 2>&1 || ostatus=$?
  kind=agree
  if [ "$wstatus" -ne 0 ] && [ "$ostatus" -ne 0 ]; then
    kind=both-fail
  elif [ "$wstatus" -ne 0 ]; then
    kind=wasmref-fails
  elif [ "$ostatus" -ne 0 ]; then
    kind=ocaml-fails
    if grep -qE ': (syntax error|unexpected token|unknown operator|unexpected character|malformed (UTF-8|number))' \
        "$out/$name.ocaml" && ! grep -q 'assertion failure' "$out/$name.ocaml"; then
      kind=ocaml-syntax
    fi
    [ "$ostatus" -eq 124 ] && kind=ocaml-timeout
  fi
  [ "$kind" = agree ] && rm -f "$out/$name.wasmref" "$out/$name.ocaml"
  echo "$corpus/$rel $kind"
  exit 0
fi

if [ $# -lt 2 ]; then
  echo "usage: $0 WASMREF OCAML_WASM [OUT]" >&2
  exit 2
fi
wasmref=$(realpath "$1") ocaml=$2 out=${3:-ocaml-suite-out}
if [ ! -x "$ocaml" ]; then
  echo "ocaml-suite: no OCaml reference interpreter at $ocaml: skipped (see docs/property-testing.md)"
  exit 0
fi
ocaml=$(realpath "$ocaml")
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
export TIMEOUT=${TIMEOUT:-120} RUN_SKIP=$root/tests/wast/run-skip.txt
mkdir -p "$out"
out=$(realpath "$out")
list() {  # list CORPUS DIR: "CORPUS REL PATH" per script
  [ -d "$2" ] || return 0
  find "$2" -name '*.wast' | sort | while read -r f; do echo "$1 ${f#"$2"/} $f"; done
}
{
  list testsuite "${TESTSUITE:-$shared/testsuite}"
  list threads "${THREADS:-$shared/threads}"
  list module-linking "${MODULE_LINKING:-$shared/module-linking}"
  list wasmref "$root/tests/wast"
} >"$out/files.txt"
self=$(realpath "$0")
start=$(date +%s)
xargs -P "${JOBS:-2}" -L 1 "$self" --one "$wasmref" "$ocaml" "$out" <"$out/files.txt" |
  sort >"$out/results.txt"
elapsed=$(($(date +%s) - start))

# The table: one row per directory (a corpus, the suite's top level, each proposal).
awk '{
  split($1, p, "/"); dir = p[1]
  if (p[1] == "testsuite" && p[2] == "proposals") dir = p[1] "/" p[2] "/" p[3]
  else if (p[1] == "testsuite" && p[3] != "") dir = p[1] "/" p[2]
  else if (p[1] == "wasmref" && p[3] != "") dir = p[1] "/" p[2]
  n[dir]++; c[dir, $2]++; total[$2]++; all++
} END {
  kinds = "agree ocaml-syntax ocaml-fails ocaml-timeout wasmref-fails both-fail"; split(kinds, k, " ")
  printf "| directory | scripts | agree | OCaml does not parse | OCaml fails | OCaml timeout | wasmref fails | both fail |\n"
  printf "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
  PROCINFO["sorted_in"] = "@ind_str_asc"
  for (d in n) {
    printf "| %s | %d", d, n[d]
    for (i = 1; i <= 6; i++) printf " | %d", c[d, k[i]]
    printf " |\n"
  }
  printf "| all | %d", all
  for (i = 1; i <= 6; i++) printf " | %d", total[k[i]]
  printf " |\n"
}' "$out/results.txt"
echo "ocaml-suite: ${elapsed}s; per-file messages in $out"
for f in $(awk '$2 != "agree" && $2 != "ocaml-syntax" {print $1}' "$out/results.txt"); do
  name=$(echo "$f" | tr / _)
  echo "  $f: OCaml: $(grep -m1 -E 'assertion failure|error|fail' "$out/$name.ocaml" | sed 's|^.*/||')"
  grep -q ' 0 failed' "$out/$name.wasmref" ||
    echo "    wasmref: $(grep -m1 -E ':[0-9]+(\.[0-9]+)?: ' "$out/$name.wasmref" | sed 's|^.*/||')"
done
! grep -qE ' (ocaml-fails|wasmref-fails|ocaml-timeout)$' "$out/results.txt"
