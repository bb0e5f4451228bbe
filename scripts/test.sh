#!/usr/bin/env bash
# Quick start, step 2: run every test (unit, golden cases, samples, robustness) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x build/topo ] || [ ! -f build/CTestTestfile.cmake ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >/dev/null
fi
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
