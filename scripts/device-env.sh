# Sourced on the GPU machine (from the repository root of a call that carried .device, made by
# scripts/device-pack.sh): points the carried programs at the machine's LibTorch, puts the data
# where the programs look, and turns the CIFAR-10 archive into the binary release once.
# Sets LT (the longtail program), CIFAR_DIR and LONGTAIL_STORE.
# DRY_RUN=1 tries the scripts on a machine without a GPU (CPU, tiny settings, PYTHON=.venv/bin/python).
repo=$(pwd)
PYTHON=${PYTHON:-python3}
DEVICE=${DEVICE:-cuda}
torch_lib=$("$PYTHON" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
# The CUDA runtime of torch's wheel (nvidia/cu13/lib): our CUDA kernels (data/fused_view_cuda.cu)
# need libcudart directly, and it must be the one LibTorch loads.
cudart_lib=$(dirname "$(ls "$torch_lib"/../../nvidia/cu*/lib/libcudart.so.* 2>/dev/null | head -1)" 2>/dev/null)
export LD_LIBRARY_PATH="$torch_lib${cudart_lib:+:$cudart_lib}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# The test programs were built in /work/main/build-device and name the CLI, the sources and the
# Python by those paths: make them true here.
if [ ! -e /work/main ]; then mkdir -p /work && ln -s "$repo" /work/main; fi
mkdir -p "$repo/build-device/app" "$repo/build-device/tests"
[ -e "$repo/.venv" ] || mkdir -p "$repo/.venv/bin"
if [ "${DRY_RUN:-0}" != 1 ]; then
  cp -f .device/bin/longtail "$repo/build-device/app/"
  cp -f .device/bin/longtail_*_tests "$repo/build-device/tests/"
  mkdir -p "$repo/build-device/bench" && cp -f .device/bin/bench_augment "$repo/build-device/bench/"
fi
[ -e "$repo/.venv/bin/python" ] || ln -sf "$(command -v python3)" "$repo/.venv/bin/python"
# Fashion-MNIST where the Debian package puts it.
if [ ! -e /usr/share/datasets/fashion-mnist ]; then
  mkdir -p /usr/share/datasets && ln -s "$repo/.device/data/fashion-mnist" /usr/share/datasets/fashion-mnist
fi
export LT="$repo/build-device/app/longtail"
export CIFAR_DIR=/tmp/cifar10-bin
if [ ! -f "$CIFAR_DIR/test_batch.bin" ]; then
  "$PYTHON" scripts/cifar10_jpeg_to_binary.py .device/data/cifar10-jpeg.tar.gz "$CIFAR_DIR"
fi
export LONGTAIL_STORE=/tmp/longtail-runs.sqlite
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
