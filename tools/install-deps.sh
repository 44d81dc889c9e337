#!/usr/bin/env bash
# Installs the Debian packages wasmref builds with, when missing. As root it runs apt-get;
# otherwise it prints the exact command and fails. Extra packages may be given as arguments
# (`make fuzz` adds clang and its libFuzzer runtime).
set -euo pipefail
packages=(meson ninja-build g++ pkg-config libgtest-dev libgmock-dev librapidcheck-dev libre2-dev libboost-dev "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "wasmref needs these Debian packages: ${missing[*]}" >&2
  echo "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}"
