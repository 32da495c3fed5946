#!/usr/bin/env bash
# Starts the real longtail-lab under Xvfb on a fresh run store, lets it visit every place (it
# loads Fashion-MNIST, trains a smoke-sized pair of runs and evaluates them, runs a tiny sweep,
# shows the Grad-CAM maps of the smoke semi-synthetic experiment), and saves a PNG of
# each place into OUTDIR. Uses the build in $LONGTAIL_BUILD_DIR (default: build).
#
#   scripts/screenshots.sh OUTDIR [--language de]
set -euo pipefail

if [[ $# -lt 1 || "$1" == -* ]]; then
  echo "usage: scripts/screenshots.sh OUTDIR [--language de]" >&2
  exit 2
fi
out="$1"
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LONGTAIL_BUILD_DIR:-$root/build}"
gui="$build/app/gui/longtail-lab"
if [[ ! -x "$gui" ]]; then
  echo "no $gui: build first (scripts/build.sh), or set LONGTAIL_BUILD_DIR" >&2
  exit 1
fi
if ! command -v xvfb-run >/dev/null; then
  echo "xvfb-run is missing: sudo apt-get install xvfb xauth (scripts/install-deps.sh does)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
# A store and settings of its own: the tour never touches the user's runs or window layout.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export LD_LIBRARY_PATH="$("$root/.venv/bin/python" -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null || true)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# The tour runs this tiny sweep plan in the Sweep place.
export LONGTAIL_TOUR_PLAN="$root/tests/data/sweep-tiny.json"
# The Grad-CAM place shows the smoke semi-synthetic experiment's SimCLR and supervised runs.
mkdir -p "$work/store"
"$build/app/longtail" semisynth run --preset smoke --out "$work/semisynth" \
  --store "$work/store/runs.sqlite" >/dev/null
export LONGTAIL_TOUR_SEMISYNTH="$work/semisynth/smoke-fashion-mnist-squeezed-s0"
xvfb-run -a -s "-screen 0 1600x1000x24 -dpi 96" \
  "$gui" --store "$work/store/runs.sqlite" --screenshots "$out" "$@"
ls -1 "$out"/*.png
