#!/usr/bin/env bash
# One call on the GPU machine for issue 25's prepared levers (carry .device from
# scripts/device-pack.sh): first the GPU tests that prove them (the fused kernel against its CPU
# twin, the graphed step against eager steps, NCCL in a group of one, and the older Cuda.*
# tests), then bench/gpu.sh, which measures each lever alone beside the reference. Everything
# lands in OUT_DIR (gpu-tests.log, bench-gpu.{log,json}).
#   scripts/device-levers.sh OUT_DIR
set -uo pipefail
out=${1:?usage: scripts/device-levers.sh OUT_DIR}
mkdir -p "$out"
source scripts/device-env.sh
start=$(date +%s)
( cd build-device && timeout 240 tests/longtail_gpu_tests ) >"$out/gpu-tests.log" 2>&1
echo "gpu tests: exit $? in $(( $(date +%s) - start )) s"
grep -E '^\[  (PASSED|FAILED|SKIPPED|  OK) |Failure' "$out/gpu-tests.log" | head -40
bench/gpu.sh "$out"
echo "device-levers: $(( $(date +%s) - start )) s in all"
