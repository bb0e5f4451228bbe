#!/usr/bin/env bash
# Reproduces bench/README.md: generates topologies of 1,000, 10,000 and 100,000 resources and
# times every stage on one core (taskset -c 0), best of REPEAT runs, in a release build of its
# own tree (build-bench/). Prints the Markdown tables of the README.
#   bash bench/run.sh                    # all three sizes, best of 3
#   SIZES="1000 10000" REPEAT=1 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000 10000 100000"}
repeat=${REPEAT:-3}
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j"${JOBS:-$(nproc)}" --target topo_bench >/dev/null
mkdir -p build-bench/bench
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
for n in $sizes; do
  file=build-bench/bench/estate-$n.topo
  python3 bench/generate.py "$n" > "$file.tmp" && mv "$file.tmp" "$file"
  "${pin[@]}" ./build-bench/topo_bench "$file" "$repeat"
done | python3 bench/report.py
