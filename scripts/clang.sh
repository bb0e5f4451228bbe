#!/usr/bin/env bash
# Installs clang (Debian 12) when it is missing: the fuzzer and the sanitizer tree need it.
set -euo pipefail
command -v clang++ >/dev/null && exit 0
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends clang
