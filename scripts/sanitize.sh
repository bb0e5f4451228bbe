#!/usr/bin/env bash
# Builds the compiler and its whole test suite with AddressSanitizer and UndefinedBehaviorSanitizer
# and runs every test under them. Any sanitizer report aborts the process that hit it
# (-fno-sanitize-recover=all), so it fails its test; the script exits non-zero.
# The tree is build-fuzz/ (clang, RelWithDebInfo, TOPO_FUZZ=ON), the one tests/fuzz/run.sh
# fuzzes with: on two cores each sanitizer build costs minutes, so CI builds one, not two.
# SANITIZE_TREE=gcc builds build-asan/ with g++ instead (TOPO_SANITIZE=ON, Debug).
# CI: `bash scripts/sanitize.sh`.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
start=$(date +%s)
fail() { echo "sanitize: FAILED ($1) after $(($(date +%s) - start))s"; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ "${SANITIZE_TREE:-clang}" = gcc ]; then
  tree=build-asan
  cmake -S . -B "$tree" -DCMAKE_BUILD_TYPE=Debug -DTOPO_SANITIZE=ON >/dev/null || fail "configure"
else
  tree=build-fuzz
  bash scripts/clang.sh || fail "installing clang"
  cmake -S . -B "$tree" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DTOPO_FUZZ=ON >/dev/null \
    || fail "configure"
fi
cmake --build "$tree" -j"$jobs" || fail "build"
ctest --test-dir "$tree" --output-on-failure -j"$jobs" --timeout 600 || fail "ctest"
echo "sanitize: every test passed under ASan+UBSan ($tree) in $(($(date +%s) - start))s"
