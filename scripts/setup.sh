#!/usr/bin/env bash
# Quick start, step 1: install what is missing (Debian 12), build topo, and compile the default
# sample to every target into out/imbit/.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make antlr4 libantlr4-runtime-dev libfmt-dev libcli11-dev nlohmann-json3-dev
          libkainjow-mustache-dev libgtest-dev libbenchmark-dev graphviz shellcheck awscli ccache
          libgoogle-perftools-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build_type=${BUILD_TYPE:-Release}
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build -j"$(nproc)"

sample=${1:-samples/imbit.topo}
name=$(basename "$sample" .topo)
./build/topo build "$sample" --target all -o "out/$name"
echo "setup: built build/topo and compiled $sample into out/$name/"
