#!/usr/bin/env bash
# Configures and builds LongTail Lab into BUILD_DIR (default: build). Extra arguments go to
# CMake, e.g. scripts/build.sh build-cli -DLONGTAIL_GUI=OFF -DLONGTAIL_OPENCV=OFF
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/env.sh"
build_dir=${1:-build}
shift || true
case "$build_dir" in /*) ;; *) build_dir="$root/$build_dir" ;; esac
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >"$root/.cmake-configure.log" 2>&1 \
  || { cat "$root/.cmake-configure.log"; exit 1; }
cmake --build "$build_dir" -j "$LONGTAIL_JOBS"
