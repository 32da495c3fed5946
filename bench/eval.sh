#!/usr/bin/env bash
# The evaluation path, ours against the PyTorch equivalent under the same LibTorch, one run:
#  1. the paper's probe settings (batch 4096, 100 epochs) on 60,000 x 512 cached features
#  2. resnet-small features of the 60,000 Fashion-MNIST training images
# Usage: bench/eval.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
py="$root/.venv/bin/python"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
ours=$("$build/bench/bench_eval" probe 60000 512 100); echo "ours   $ours"
theirs=$("$py" "$root/bench/ref_eval.py" probe 60000 512 100); echo "torch  $theirs"
python3 -c "import sys; a=float('$ours'.split('seconds=')[1].split()[0]); b=float('$theirs'.split('seconds=')[1].split()[0]); print(f'probe: ours {a:.2f} s, PyTorch {b:.2f} s, ratio {b/a:.2f}x')"
ours=$("$build/bench/bench_eval" features); echo "ours   $ours"
theirs=$("$py" "$root/bench/ref_eval.py" features); echo "torch  $theirs"
python3 -c "a=float('$ours'.split('seconds=')[1].split()[0]); b=float('$theirs'.split('seconds=')[1].split()[0]); print(f'features: ours {a:.2f} s, PyTorch {b:.2f} s, ratio {b/a:.2f}x')"
