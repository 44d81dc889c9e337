# Sourced by the command-line test scripts of tests/wast: a scratch folder `$tmp` removed at
# exit, and `check DESCRIPTION COMMAND...`, which records a failure (`$status`, the script's
# exit status) when the command fails.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
check() {
  if ! "${@:2}"; then echo "FAIL: $1"; status=1; fi
}
