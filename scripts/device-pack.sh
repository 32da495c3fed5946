#!/usr/bin/env bash
# Prepares, here, what a call to the GPU machine carries besides the repository (all ignored by
# git, under 64 MiB together):
#   .device/include      sqlite3.h, zlib.h, zconf.h and gloo/ (for scripts/device-build.sh there)
#   .device/data         CIFAR-10 as the 19.6 MB JPEG archive (turned into the binary release
#                        there by scripts/cifar10_jpeg_to_binary.py) and Fashion-MNIST's IDX files
#   .device/bench        ../shared/bench/ref_simsiam_gpu.py, the reference to measure against
#   .device/bin          core, CLI, tests and bench_augment built here (in build-device) without Qt and OpenCV, against the same
#                        torch 2.11 (CUDA 13.0) as the GPU machine's, so no build is needed there
# Usage: scripts/device-pack.sh     then carry [".device"].
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${LONGTAIL_SHARED_DIR:-$root/../shared}
cd "$root"
mkdir -p .device/include .device/data/fashion-mnist .device/bench
cp /usr/include/sqlite3.h /usr/include/zlib.h /usr/include/zconf.h .device/include/
# Gloo's headers (libgloo-dev): c10d's ProcessGroupGloo.hpp includes them, the wheel lacks them.
cp -r /usr/include/gloo .device/include/
cp "$shared/data/cifar10-jpeg.tar.gz" .device/data/
cp /usr/share/datasets/fashion-mnist/*-ubyte.gz .device/data/fashion-mnist/
cp "$shared/bench/ref_simsiam_gpu.py" .device/bench/
scripts/build.sh build-device -DLONGTAIL_GUI=OFF -DLONGTAIL_OPENCV=OFF -DLONGTAIL_BENCH=ON
# Only the programs travel, stripped. The CUDA kernels (data/fused_view_cuda.cu) are compiled
# here by nvcc for TORCH_CUDA_ARCH_LIST (9.0: H100, H200).
[ -f build-device/core/liblongtail_cuda_kernels.a ] ||
  echo "device-pack: note: build-device has no CUDA kernels (nvcc not found?); the fused lever will not run" >&2
mkdir -p .device/bin
cp build-device/app/longtail build-device/tests/longtail_*_tests build-device/bench/bench_augment .device/bin/
strip .device/bin/*
du -sh .device .device/*
