# wasmref — `make test` and `make conformance` do all set-up themselves:
# install missing Debian packages (as root), configure build/, build, run.
BUILD ?= build
MESON_OPTS ?=
WASM_TESTSUITE ?= $(CURDIR)/../shared/testsuite
export WASM_TESTSUITE

.PHONY: all deps configure build test unit proptest conformance conformance-doc bench sanitize fuzz clean

all: build

deps:
	@tools/install-deps.sh

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD) $(MESON_OPTS)

configure: $(BUILD)/build.ninja

build: configure
	ninja -C $(BUILD)

# Every test: unit, property and .wast suites. Closes with `N passed, M failed`.
test: build
	tools/run-tests.sh $(BUILD)

unit: build
	meson test -C $(BUILD) --suite unit --print-errorlogs

# Long property runs over generated modules (docs/property-testing.md): each property of
# tests/gen and the numerics model of tests/interpreter/numerics_model_test.cpp with
# PROPTEST_CASES cases, the snapshot property of tests/snapshot with SNAPSHOT_PROPTEST_CASES,
# each with a fresh seed, which RapidCheck prints with any failure (replay with
# PROPTEST_RC="seed=N").
PROPTEST_CASES ?= 100000
PROPTEST_RC ?=
SNAPSHOT_PROPTEST_CASES ?= 10000
proptest: build
	RC_PARAMS="max_success=$(PROPTEST_CASES) $(PROPTEST_RC)" $(BUILD)/tests/gen/gen_properties
	RC_PARAMS="max_success=$(SNAPSHOT_PROPTEST_CASES) $(PROPTEST_RC)" $(BUILD)/tests/snapshot/snapshot_properties
	RC_PARAMS="max_success=$(PROPTEST_CASES) $(PROPTEST_RC)" $(BUILD)/tests/interpreter/numerics_model_tests

# The official conformance suite: a per-file table and a closing `N passed, M failed` line.
conformance: build
	tools/conformance.sh $(BUILD)

# The same table as Markdown in docs/conformance.md.
conformance-doc: build
	tools/conformance-doc.sh $(BUILD)

# Benchmarks run on a release build (build-release/), the figures docs/status.md reports.
# BENCH_QUICK=1: one small workload (fib 27) and one front-end pass (CI's check that it still works).
BENCH_QUICK ?=
export BENCH_QUICK
bench: deps
	[ -f build-release/build.ninja ] || meson setup build-release -Dbuildtype=release
	ninja -C build-release
	bench/run.sh build-release

# ASan + UBSan build of the tests (as CI runs it), with clang in build-san/, which also holds
# the libFuzzer targets (one sanitizer build serves both: clang builds it in about half the
# time GCC takes).
SAN_SETUP = [ -f build-san/build.ninja ] || CC=clang CXX=clang++ meson setup build-san \
	  -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
sanitize: deps
	@tools/install-deps.sh clang libclang-rt-14-dev
	$(SAN_SETUP)
	ninja -C build-san
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 tools/run-tests.sh build-san

# libFuzzer targets (fuzz/, docs/fuzzing.md) with ASan + UBSan, built with clang in build-san/,
# each run for FUZZ_SECONDS on seeds from the suite's modules.
FUZZ_SECONDS ?= 60
fuzz: build
	@tools/install-deps.sh clang libclang-rt-14-dev
	$(SAN_SETUP)
	ninja -C build-san fuzz/seed_corpus fuzz/fuzz_decode fuzz/fuzz_text fuzz/fuzz_validate fuzz/fuzz_run
	tools/fuzz.sh build-san $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-san build-release
