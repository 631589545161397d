#!/usr/bin/env bash
# Installs the toolchain pip needs on Debian 12 (bookworm). Idempotent: returns in seconds when all is there.
set -euo pipefail

packages=(clang-19 clang-tools-19 libclang-rt-19-dev ninja-build libboost-test-dev librange-v3-dev
          libbenchmark-dev python3)

have_all() {
  command -v cmake >/dev/null && dpkg --compare-versions "$(cmake --version | awk 'NR==1{print $3}')" ge 3.28 &&
    dpkg-query -W -f='${Status}\n' "${packages[@]}" 2>/dev/null | grep -vq 'install ok installed' && return 1
  command -v cmake >/dev/null && dpkg --compare-versions "$(cmake --version | awk 'NR==1{print $3}')" ge 3.28
}

if have_all; then
  exit 0
fi

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
backports=/etc/apt/sources.list.d/bookworm-backports.list
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo 'deb http://deb.debian.org/debian bookworm-backports main' | $sudo tee "$backports" >/dev/null
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${packages[@]}" >/dev/null
$sudo apt-get install -y -qq -t bookworm-backports cmake >/dev/null
cmake --version | head -1
