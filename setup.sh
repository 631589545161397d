#!/usr/bin/env bash
# Installs what pip needs on Debian 12 (bookworm), as root or through sudo. Idempotent: when everything is
# present it only checks and returns in about a second.
set -euo pipefail

# etcd-server/etcd-client: real etcd nodes for the pip.connect.etcd tests; libcurl talks to etcd's JSON gateway;
# nlohmann-json3-dev is the JSON library (Debian-packaged, header-only, CMake config nlohmann_json::nlohmann_json).
# libboost1.81-dev: boost::unordered_flat_map for the lookup indexes; Boost.Test then comes from 1.81 as well.
packages=(clang-19 clang-tools-19 libclang-rt-19-dev ninja-build libboost1.81-dev libboost-test1.81-dev librange-v3-dev
          libbenchmark-dev python3 etcd-server etcd-client libcurl4-openssl-dev nlohmann-json3-dev)
minimum_cmake=3.28

cmake_is_recent() {
  command -v cmake >/dev/null &&
    dpkg --compare-versions "$(cmake --version | awk 'NR == 1 { print $3 }')" ge "$minimum_cmake"
}

missing_packages() {
  local package
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || echo "$package"
  done
}

missing=$(missing_packages)
if [[ -z $missing ]] && cmake_is_recent; then
  exit 0
fi

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# CMake >= 3.28 (FILE_SET CXX_MODULES) comes from bookworm-backports.
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo 'deb http://deb.debian.org/debian bookworm-backports main' |
    $sudo tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
fi
$sudo apt-get update -qq
# shellcheck disable=SC2086 # one package name per word
[[ -z $missing ]] || $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
cmake_is_recent || $sudo apt-get install -y -qq -t bookworm-backports cmake >/dev/null
echo "setup: $(cmake --version | head -n 1), $(clang++-19 --version | head -n 1)"
