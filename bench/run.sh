#!/usr/bin/env bash
# `make bench`: front-end throughput over the official suite (MB/s of text parsed and of binary
# decoded). Build with `meson configure build -Dbuildtype=release` for representative figures.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
suite=${WASM_TESTSUITE:-$here/../shared/testsuite}
"$build/bench/frontend_bench" "$suite" 3
