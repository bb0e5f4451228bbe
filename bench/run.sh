#!/usr/bin/env bash
# Reproduces bench/README.md: generates topologies of 1,000, 10,000 and 100,000 resources and
# times every stage on one core (taskset), best of REPEAT runs, in a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000 10000 100000"}
repeat=${REPEAT:-3}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target topo_bench >/dev/null
mkdir -p build/bench
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
for n in $sizes; do
  file=build/bench/estate-$n.topo
  [ -f "$file" ] || python3 bench/generate.py "$n" > "$file"
  "${pin[@]}" ./build/topo_bench "$file" "$repeat"
done | python3 bench/report.py
