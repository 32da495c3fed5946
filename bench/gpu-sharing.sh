#!/usr/bin/env bash
# On the GPU machine (see scripts/device-pack.sh): why do K runs sharing one GPU go slower
# together than one after another (issue 25: four reached a third of one run's throughput)?
# Each variant runs K SimSiam ResNet-18 runs on CIFAR-10-LT (exp, r = 0.01, batch 512) at once
# for EPOCHS epochs and sums their median images/s (epochs 2..); one run alone is the yardstick.
# The suspects, one variant each: CPU threads per process (16 cores shared by K processes, each
# with a thread pool of 16), cuDNN's autotuning per process, the augmentation's many small
# kernels (fused instead). nvidia-smi samples the GPU's use and memory during each variant.
#   bench/gpu-sharing.sh OUT_DIR [K] [EPOCHS]   writes OUT_DIR/gpu-sharing.{log,json}
set -uo pipefail
out=${1:?usage: bench/gpu-sharing.sh OUT_DIR [K] [EPOCHS]}
k=${2:-4}
epochs=${3:-4}
mkdir -p "$out"
source scripts/device-env.sh
exec > >(tee -a "$out/gpu-sharing.log") 2>&1
model=(--model resnet18)
if [ "${DRY_RUN:-0}" = 1 ]; then model=(--model resnet-small --sample 0.05); epochs=2; k=2; fi
cores=$(nproc)
results=/tmp/gpu-sharing.jsonl
: >"$results"

one() {  # variant, index, environment assignments (or -), extra train flags...
  local variant=$1 i=$2 assignments=$3; shift 3
  [ "$assignments" = - ] && assignments=
  env $assignments "$LT" train --preset paper-cifar --source "cifar10:$CIFAR_DIR" --dist exp --ratio 0.01 \
    --method simsiam "${model[@]}" --batch 512 --epochs "$epochs" --knn-every 0 --device "$DEVICE" \
    --seed "$i" --out "/tmp/sharing-$variant" --name "run$i" --store none --json "$@" \
    >"/tmp/sharing-$variant-$i.json" 2>"/tmp/sharing-$variant-$i.err"
}
variant() {  # name, count, env assignments (or -), extra train flags...
  local name=$1 count=$2 env=$3; shift 3
  rm -rf "/tmp/sharing-$name"
  local sampler
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader,nounits -lms 500 \
      >"/tmp/sharing-$name.smi" 2>/dev/null &
    sampler=$!
  fi
  local start pids=()
  start=$(date +%s.%N)
  for i in $(seq 1 "$count"); do
    one "$name" "$i" "$env" "$@" &
    pids+=($!)
  done
  wait "${pids[@]}"
  local wall
  wall=$(python3 -c "import time; print(round(time.time() - $start, 1))")
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null
  "$PYTHON" - "$name" "$count" "$wall" "$results" <<'PY'
import glob, json, statistics, sys
name, count, wall, results = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
per_run = []
for i in range(1, count + 1):
    try:
        epochs = json.load(open(f"/tmp/sharing-{name}-{i}.json"))["epochs"][1:]
        per_run.append(round(statistics.median(e["images_per_s"] for e in epochs)))
    except Exception as err:
        print(f"{name} run {i}: no result ({err}); see /tmp/sharing-{name}-{i}.err")
use, memory = [], []
try:
    for line in open(f"/tmp/sharing-{name}.smi"):
        u, m = line.split(",")
        use.append(float(u)); memory.append(float(m))
except Exception:
    pass
row = {"variant": name, "runs": count, "images_per_s_per_run": per_run, "images_per_s_sum": sum(per_run),
       "wall_s": wall, "gpu_use_median_pct": statistics.median(use) if use else None,
       "gpu_memory_max_mib": max(memory) if memory else None}
print(json.dumps(row))
open(results, "a").write(json.dumps(row) + "\n")
PY
}

variant alone 1 -
variant shared "$k" -
variant shared_threads_1 "$k" - --threads 1
variant shared_threads_split "$k" - --threads $(( cores / k > 0 ? cores / k : 1 ))
variant shared_no_cudnn_benchmark "$k" LONGTAIL_CUDNN_BENCHMARK=0
variant shared_fused_augmentation "$k" LONGTAIL_AUGMENT_KERNEL=fused --threads $(( cores / k > 0 ? cores / k : 1 ))
"$PYTHON" - "$results" "$out/gpu-sharing.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
alone = next((r["images_per_s_sum"] for r in rows if r["variant"] == "alone"), None)
for r in rows:
    r["sum_over_alone"] = round(r["images_per_s_sum"] / alone, 2) if alone else None
json.dump(rows, open(sys.argv[2], "w"), indent=1)
for r in rows:
    print(f'{r["variant"]:28s} sum {r["images_per_s_sum"]:7d} img/s = {r["sum_over_alone"]}x alone, wall {r["wall_s"]} s, GPU use {r["gpu_use_median_pct"]} %, memory {r["gpu_memory_max_mib"]} MiB')
PY
