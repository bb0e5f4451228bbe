#!/usr/bin/env bash
# Builds the libFuzzer target with clang (ASan + UBSan, build-fuzz/, the tree scripts/sanitize.sh
# also runs the test suite in) and fuzzes the whole pipeline
# for FUZZ_SECONDS (default 60), starting from a corpus of the samples, the golden cases and the
# regression inputs, with a dictionary of the language's words (tests/fuzz/topo.dict).
# A crash, hang (>10 s), leak or sanitizer report stops the run, keeps the input in
# build-fuzz/artifacts/ and makes the script exit non-zero: fix the bug, then copy the input to
# tests/fuzz/regressions/ (the normal test suite replays every file there).
# CI: `FUZZ_SECONDS=60 bash tests/fuzz/run.sh`.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
jobs=${JOBS:-$(nproc)}
start=$(date +%s)
fail() { echo "fuzz: FAILED ($1) after $(($(date +%s) - start))s"; exit 1; }

bash scripts/clang.sh || fail "installing clang"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DTOPO_FUZZ=ON >/dev/null \
  || fail "configure"
cmake --build build-fuzz -j"$jobs" --target topo_fuzz || fail "build"

# Corpus: every seed input under a name of its own (many cases are called main.topo).
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/artifacts
while IFS= read -r -d '' f; do
  cp "$f" "$corpus/seed-$(printf '%s' "$f" | tr '/' '_')"
done < <(find samples tests/cases tests/fuzz/regressions -type f -name '*.topo' -print0)
[ -n "$(ls -A tests/fuzz/regressions)" ] && cp tests/fuzz/regressions/* "$corpus/" 2>/dev/null

log=build-fuzz/fuzz.log
echo "fuzz: $(ls "$corpus" | wc -l) corpus inputs, ${seconds}s"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
./build-fuzz/topo_fuzz "$corpus" -dict=tests/fuzz/topo.dict -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 >"$log" 2>&1
status=$?
tail -25 "$log"
if [ "$status" -ne 0 ]; then
  artifact=$(ls -t build-fuzz/artifacts/ 2>/dev/null | head -1)
  fail "exit $status; input: build-fuzz/artifacts/${artifact:-?}; full log: $log"
fi
echo "fuzz: passed, ${seconds}s of fuzzing without a crash, hang, leak or sanitizer report ($(($(date +%s) - start))s in all)"
