#!/usr/bin/env bash
# Builds core, the CLI and the core tests on the GPU machine, against the LibTorch (CUDA) of its
# Python's torch, with neither Qt nor OpenCV. Run it there from the repository root:
#
#   scripts/device-build.sh [BUILD_DIR]      (default build-gpu)
#
# That machine has a compiler, CMake, nlohmann-json, CLI11 and GoogleTest, and the SQLite and
# zlib libraries but not their headers: scripts/device-pack.sh copies sqlite3.h, zlib.h and
# zconf.h (and Gloo's headers, for data-parallel training) into .device/include here, and the
# call carries .device. The libraries are linked by their full paths.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build-gpu}
include=$root/.device/include
python=${LONGTAIL_PYTHON:-$(command -v python3)}
for header in sqlite3.h zlib.h zconf.h; do
  [ -f "$include/$header" ] || { echo "device-build: $include/$header is missing; run scripts/device-pack.sh here and carry .device" >&2; exit 1; }
done
library() {  # the full path of a shared library known to the dynamic linker
  ldconfig -p | awk -v name="$1" '$1 == name { print $NF; exit }'
}
sqlite=$(library libsqlite3.so.0)
zlib=$(library libz.so.1)
[ -n "$sqlite" ] && [ -n "$zlib" ] || { echo "device-build: libsqlite3.so.0 or libz.so.1 not found" >&2; exit 1; }
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
start=$(date +%s)
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DLONGTAIL_GUI=OFF -DLONGTAIL_OPENCV=OFF -DLONGTAIL_BENCH=OFF -DLONGTAIL_TESTS=ON \
  -DLONGTAIL_PYTHON="$python" -DTORCH_CUDA_ARCH_LIST="${TORCH_CUDA_ARCH_LIST:-9.0}" \
  -DSQLite3_INCLUDE_DIR="$include" -DSQLite3_LIBRARY="$sqlite" \
  -DZLIB_INCLUDE_DIR="$include" -DZLIB_LIBRARY="$zlib" \
  -DLONGTAIL_GLOO_INCLUDE_DIR="$include"
cmake --build "$build" -j "${LONGTAIL_JOBS:-$(nproc)}"
echo "device-build: built $build in $(( $(date +%s) - start )) s"
