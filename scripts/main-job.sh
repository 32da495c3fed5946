#!/usr/bin/env bash
# README's first command: installs what is missing, builds, and runs the main job on the
# embedded default data: `longtail quick`, the paper's headline on Fashion-MNIST (SimSiam and
# supervised pre-training on an exponential r = 0.01 variant and on its balanced twin, probed
# in domain and on OpenCV's digits), ending with Delta_SSL against Delta_SL and a verdict.
# Extra arguments go to `longtail quick` (e.g. --preset smoke for a one-minute version).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" build
"$root/build/app/longtail" quick --out "$root/build/runs/quick" "$@"
