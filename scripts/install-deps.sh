#!/usr/bin/env bash
# Installs everything LongTail Lab needs on Debian 12: the Debian packages (build tools, libraries,
# Qt 6, the embedded data sets) and a Python virtual environment holding PyPI's torch 2.11.0,
# whose LibTorch the C++ build links against. Idempotent: a second run only checks.
#
# The venv lives in a per-user cache keyed by the pinned versions, and .venv in the checkout is a
# symlink to it, so fresh clones and CI runs reuse it. The first run downloads about 4 GB from
# PyPI (torch ~1.1 GB, NVIDIA's CUDA runtime wheels ~2.7 GB); pip's cache keeps them afterwards.
#
# Usage: scripts/install-deps.sh [--no-python]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
torch_version=2.11.0
torchvision_version=0.26.0  # the torchvision built for torch 2.11

debian_packages=(
  # build
  build-essential cmake ninja-build ccache pkg-config git clang clang-format
  # libraries
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libsqlite3-dev zlib1g-dev
  libgtest-dev libgmock-dev libopencv-dev
  # Qt 6 (Widgets, Charts, SVG, Linguist); with --no-install-recommends Qt's CMake files also
  # need the GL/Vulkan/xkb development headers
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev
  qt6-tools-dev-tools qt6-l10n-tools libqt6opengl6-dev libxkbcommon-dev libgl-dev libvulkan-dev
  # headless GUI tests and screenshots
  xvfb xauth
  # the embedded data sets: Fashion-MNIST and OpenCV's digits.png
  dataset-fashion-mnist opencv-doc
  # the virtual environment
  python3-venv python3-pip
  # a real single-node Slurm for the cluster tests (scripts/slurm-local.sh)
  slurmctld slurmd slurm-client munge
  # pdflatex and pgfplots, to check that exported .tex figures compile
  texlive-latex-base texlive-latex-recommended texlive-pictures
  # Gloo's headers, which c10d's ProcessGroupGloo.hpp includes (data-parallel training; the
  # Gloo that runs is the torch wheel's, libgloo.so is not linked)
  libgloo-dev
)

missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

[ "${1:-}" = "--no-python" ] && exit 0

cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/longtail
venv="$cache_root/venv-py3-torch$torch_version"
# torchvision, numpy, Pillow and scikit-learn run the Python references and checks (bench/,
# tests: scikit-learn is the independent KDE that rwSAM's weights are checked against; cvxpy the
# independent solver of the toy model's minimum-norm classifier; grad-cam (pytorch-grad-cam) the
# independent Grad-CAM that `longtail gradcam` is checked against).
python_packages=("torch==$torch_version" "torchvision==$torchvision_version" numpy pillow scikit-learn cvxpy grad-cam==1.5.7)
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import torch, torchvision, numpy, PIL, sklearn, cvxpy, pytorch_grad_cam; assert torch.__version__.startswith('$torch_version')" 2>/dev/null; then
  echo "install-deps: making $venv with ${python_packages[*]} (first time: ~4 GB download)"
  mkdir -p "$cache_root"
  [ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q "${python_packages[@]}"
else
  echo "install-deps: $venv has torch $torch_version"
fi
# The checkout's .venv points at the shared one (CMakeLists asks it where LibTorch is).
if [ ! -e "$here/.venv" ] || [ -L "$here/.venv" ]; then
  ln -sfn "$venv" "$here/.venv"
fi
