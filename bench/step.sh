#!/usr/bin/env bash
# One SimSiam training step, ours (augmentation of both views included) against the paper-style
# PyTorch reference (../shared/bench/ref_simsiam_step.py, no augmentation, fp32) under the same
# LibTorch (the venv's torch), in one run on this machine. Prints images/s and the ratio.
# Usage: bench/step.sh [BUILD_DIR] [REPEATS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
repeats=${2:-3}
py="$root/.venv/bin/python"
ref="$root/../shared/bench/ref_simsiam_step.py"
threads=$(nproc)
echo "machine: $threads cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); torch $("$py" -c 'import torch; print(torch.__version__)')"

median() { python3 -c "import sys, statistics; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
measure() {  # name, our flags, reference flags
  local name=$1 ours=() theirs=()
  for _ in $(seq "$repeats"); do
    ours+=("$("$build/app/longtail" bench step $2 --threads "$threads" 2>/dev/null | sed 's/images_per_s=//')")
    theirs+=("$("$py" "$ref" $3 --threads "$threads" | sed 's/images_per_s=//')")
  done
  local a b
  a=$(median "${ours[@]}"); b=$(median "${theirs[@]}")
  python3 -c "print(f'$name: ours {$a:.1f} img/s (runs: ${ours[*]}), reference {$b:.1f} img/s (runs: ${theirs[*]}), ratio {$a/$b:.2f}x')"
}
measure "small network 28x28x1 batch 256" \
  "--method simsiam --model resnet-small --size 28 --channels 1 --batch 256 --steps 5" \
  "--arch small --size 28 --channels 1 --batch 256 --steps 5"
measure "ResNet-18 32x32x3 batch 128" \
  "--method simsiam --model resnet18 --size 32 --channels 3 --batch 128 --steps 3" \
  "--arch resnet18 --size 32 --channels 3 --batch 128 --steps 3"
