#!/usr/bin/env bash
# One SSL view of a batch: ours by torch's operations and by the fused path (data/fused_view.h),
# against the paper's per-image torchvision pipeline (bench/ref_augment.py), in one run on this
# machine's CPU. Needs a build (scripts/build.sh).
# Usage: bench/augment.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
py="$root/.venv/bin/python"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for shape in "512 32 3" "256 28 1"; do
  read -r batch size channels <<<"$shape"
  declare -A ips=()
  while read -r line; do
    echo "ours $line"
    kernel=$(sed -E 's/.*kernel=([a-z]+).*/\1/' <<<"$line")
    ips[$kernel]=$(sed -E 's/.*images_per_s=([0-9.]+).*/\1/' <<<"$line")
  done < <("$build/bench/bench_augment" --batch "$batch" --size "$size" --channels "$channels" --reps 20)
  ref=$("$py" "$root/bench/ref_augment.py" --batch "$batch" --size "$size" --channels "$channels" | sed 's/images_per_s=//')
  echo "reference (torchvision v2, per image, one process) $batch x $channels x $size x $size: $ref img/s"
  python3 -c "o, f, r = ${ips[ops]}, ${ips[fused]}, $ref; print(f'ratios: fused/ops {f/o:.2f}x, ops/reference {o/r:.1f}x, fused/reference {f/r:.1f}x')"
  unset ips
done
