#!/usr/bin/env bash
# Builds the libFuzzer target with clang (ASan + UBSan) and fuzzes the whole pipeline for
# FUZZ_SECONDS (default 60), starting from a corpus of the samples and the golden cases.
# A crash leaves its input in build-fuzz/artifacts/; copy it to tests/fuzz/regressions/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
if ! command -v clang++ >/dev/null; then
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends clang
fi
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DTOPO_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target topo_fuzz
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/artifacts
find samples tests/cases tests/fuzz/regressions -name '*.topo' -exec cp {} "$corpus/" \; 2>/dev/null || true
./build-fuzz/topo_fuzz "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 2>&1 | tail -20
echo "fuzz: ${seconds}s without a crash"
