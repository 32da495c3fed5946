#!/usr/bin/env bash
# The data path, ours against the Python reference in one run on this machine:
#  1. importing all 60,000 CIFAR-10 JPEGs (train + test) into cache files
#  2. loading the cached Fashion-MNIST training set
# Needs a build (scripts/build.sh) and ../shared/data/cifar10-jpeg.tar.gz.
# Usage: bench/data.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
py="$root/.venv/bin/python"
archive="$root/../shared/data/cifar10-jpeg.tar.gz"
work="$build/bench-data"
cifar="$build/data/cifar10-jpeg"
mkdir -p "$work"
if [ ! -f "$cifar/.complete" ]; then
  mkdir -p "$cifar" && tar xzf "$archive" -C "$cifar" && touch "$cifar/.complete"
fi
# Both sides read the JPEGs from the page cache.
find "$cifar" -name '*.jpg' -print0 | xargs -0 cat >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
ours_s=0
for split in train test; do
  line=$("$build/bench/bench_data" import "cifar10:$cifar" "$split" "$work/cifar10-$split.ltds")
  echo "ours   import cifar10 $split: $line"
  ours_s=$(python3 -c "print($ours_s + float('$line'.split('total_s=')[1]))")
done
ref1_s=0; refn_s=0
for split in train test; do
  line=$("$py" "$root/bench/ref_data.py" import "$cifar" "$split" "$work/ref-$split.npy")
  echo "python import cifar10 $split (PIL, 1 process): $line"
  ref1_s=$(python3 -c "print($ref1_s + float('$line'.split('total_s=')[1]))")
  line=$("$py" "$root/bench/ref_data.py" import "$cifar" "$split" "$work/ref-$split.npy" --procs "$(nproc)")
  echo "python import cifar10 $split (PIL, $(nproc) processes): $line"
  refn_s=$(python3 -c "print($refn_s + float('$line'.split('total_s=')[1]))")
done
python3 -c "print(f'import 60,000 JPEGs: ours {$ours_s:.2f} s, PIL 1 process {$ref1_s:.2f} s ({$ref1_s/$ours_s:.1f}x), PIL $(nproc) processes {$refn_s:.2f} s ({$refn_s/$ours_s:.1f}x)')"

"$build/app/longtail" data import fashion-mnist --out "$work/fashion-mnist-train.ltds" >/dev/null
"$py" -c "import numpy as np, gzip; np.save('$work/fm.npy', np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read(), np.uint8, offset=16).reshape(-1,1,28,28))"
ours=$("$build/bench/bench_data" load "$work/fashion-mnist-train.ltds" 20)
idx=$("$py" "$root/bench/ref_data.py" load-idx /usr/share/datasets/fashion-mnist 20)
npy=$("$py" "$root/bench/ref_data.py" load-npy "$work/fm.npy" 20)
echo "ours   load cached fashion-mnist train (checksum verified): $ours"
echo "python load fashion-mnist IDX .gz (torchvision-style): $idx"
echo "python np.load of the same pixels (.npy): $npy"
python3 - "$ours" "$idx" "$npy" <<'PY'
import sys
med = [float(s.split("median_s=")[1].split()[0]) for s in sys.argv[1:]]
print(f"load cached Fashion-MNIST: ours {med[0]*1000:.1f} ms, IDX.gz {med[1]*1000:.1f} ms ({med[1]/med[0]:.1f}x), .npy {med[2]*1000:.1f} ms ({med[2]/med[0]:.1f}x)")
PY
