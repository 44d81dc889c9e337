#!/bin/bash -eu
# OSS-Fuzz build script (https://google.github.io/oss-fuzz/getting-started/new-project-guide/):
# OSS-Fuzz runs it in its base-builder image with $CC, $CXX, $CFLAGS, $CXXFLAGS (sanitizer and
# coverage flags), $LIB_FUZZING_ENGINE, $SRC and $OUT set. The project's Dockerfile installs
# meson, ninja-build, pkg-config, libre2-dev, libboost-dev, libgtest-dev, libgmock-dev and
# librapidcheck-dev (the test targets are configured, not built) and clones wasmref and the
# WebAssembly testsuite into $SRC.
cd "$SRC/wasmref"
# (this file is fuzz/oss-fuzz/build.sh in the wasmref repository)
meson setup build-oss-fuzz -Dfuzzing=true -Dfuzzing_engine="$LIB_FUZZING_ENGINE" \
  -Dwerror=false -Db_lundef=false -Dcpp_args="$CXXFLAGS" -Dcpp_link_args="$CXXFLAGS"
ninja -C build-oss-fuzz fuzz/fuzz_decode fuzz/fuzz_text fuzz/fuzz_validate fuzz/fuzz_run \
  fuzz/seed_corpus
build-oss-fuzz/fuzz/seed_corpus "$SRC/testsuite" seeds
for t in fuzz_decode fuzz_text fuzz_validate fuzz_run; do
  cp "build-oss-fuzz/fuzz/$t" "$OUT/"
  seed=seeds/binary
  [ "$t" = fuzz_text ] && seed=seeds/text
  (cd "$seed" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
done
