#!/usr/bin/env bash
# README's first command: installs what is missing, builds, and runs the main job on the
# embedded default data (Fashion-MNIST from Debian's dataset-fashion-mnist).
# For now the main job is the long-tail designer: an exponential r = 0.01 variant of
# Fashion-MNIST and its balanced twin of the same size.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" build
mkdir -p "$root/build/variants"
"$root/build/app/longtail" data design --source fashion-mnist --dist exp --ratio 0.01 --twin \
  --seed 0 --out "$root/build/variants/fashion-mnist-exp-r0.01.json"
