#!/usr/bin/env bash
# Usage: tests/consumer/deb_consumer.sh build/deb/pip_<version>_amd64.deb
# Unpacks the package into a scratch root (dpkg -x: nothing is installed on this machine), then builds and runs
# tests/consumer/project against it as a Debug project: a Debug consumer of the Release package. The root is
# not /, so CMAKE_PREFIX_PATH points into it; an installed package needs no prefix.
set -euo pipefail
deb=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dpkg -x "$deb" "$work/root"
cmake -D WORK_DIR="$work/consumer" -D CONSUMER_SOURCE_DIR="$here/project" -D PIP_PREFIX="$work/root/usr" \
      -D CXX_COMPILER=clang++-19 -D CTEST_COMMAND="$(command -v ctest)" -D BUILD_TYPE=Debug \
      -P "$here/run_consumer.cmake"
echo "deb consumer: $(basename "$deb") unpacked, Debug consumer built and passed"
