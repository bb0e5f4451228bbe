#!/usr/bin/env bash
# Builds the compiler and its whole test suite with AddressSanitizer and UndefinedBehaviorSanitizer
# (TOPO_SANITIZE=ON, build-asan/) and runs every test under them. Any sanitizer report aborts the
# process that hit it (-fno-sanitize-recover=all), so it fails its test; the script exits non-zero.
# Debug (-O0): on two cores the compile dominates (a cold build took about 13 minutes on the
# shared VM, the suite a few minutes), and -O0 compiles faster than -O2; BUILD_TYPE overrides.
# CI: `bash scripts/sanitize.sh`.
set -uo pipefail
cd "$(dirname "$0")/.."
build_type=${BUILD_TYPE:-Debug}
jobs=${JOBS:-$(nproc)}
start=$(date +%s)
fail() { echo "sanitize: FAILED ($1) after $(($(date +%s) - start))s"; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE="$build_type" -DTOPO_SANITIZE=ON >/dev/null || fail "configure"
cmake --build build-asan -j"$jobs" || fail "build"
ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 600 || fail "ctest"
echo "sanitize: every test passed under ASan+UBSan ($build_type) in $(($(date +%s) - start))s"
