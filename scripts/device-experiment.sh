#!/usr/bin/env bash
# Runs a named experiment on the GPU machine end to end from the carried data (see
# scripts/device-pack.sh) and writes its results to OUT_DIR: NAME.json, NAME.log and the run
# store runs.sqlite (checkpoints stay on the machine: they are too large to come back).
#
#   scripts/device-experiment.sh NAME OUT_DIR [EPOCHS]
#
# Experiments:
#   cifar10-lt-headline   The paper's headline on CIFAR-10: SimSiam and supervised ResNet-18
#                         pre-trained on CIFAR-10-LT (exponential, r = 0.01, 12,406 images) and
#                         on its balanced twin of the same n, the four runs at once on the GPU;
#                         a linear probe (the paper's: lr 30, batch 4096, 100 epochs) on
#                         balanced CIFAR-10 train, top-1 on CIFAR-10 test; Delta_SSL and
#                         Delta_SL. EPOCHS (default 100; auto: what fits PRETRAIN_BUDGET
#                         seconds at the throughput bench/gpu.sh measured in the same session)
#                         is what fits a call, not the paper's 800: the JSON says both.
set -uo pipefail
name=${1:?usage: scripts/device-experiment.sh NAME OUT_DIR [EPOCHS]}
out=${2:?usage: scripts/device-experiment.sh NAME OUT_DIR [EPOCHS]}
mkdir -p "$out"
exec > >(tee -a "$out/$name.log") 2>&1
source scripts/device-env.sh
export LONGTAIL_STORE="$out/runs.sqlite"
start=$(date +%s)

case "$name" in
  cifar10-lt-headline)
    epochs=${3:-100}
    if [ "$epochs" = auto ]; then
      # As many epochs as fit PRETRAIN_BUDGET seconds (default 330) at the throughput that
      # bench/gpu.sh measured for 4 SimSiam runs sharing the GPU; the two supervised runs count
      # as half a SimSiam run each (one view, no projector).
      epochs=$("$PYTHON" - "${PRETRAIN_BUDGET:-330}" <<'PY'
import glob, json, statistics, sys
total = 0
for path in glob.glob("/tmp/bench-loop-alone.json"):
    total += statistics.median(e["images_per_s"] for e in json.load(open(path))["epochs"][1:])
print(max(5, min(800, int(0.75 * float(sys.argv[1]) * total / (12406 * 3)))) if total else 100)
PY
)
      echo "epochs: $epochs (from the shared-GPU throughput of bench/gpu.sh)"
    fi
    model=resnet18; tiny=(); probe_tiny=(); pids=()
    if [ "${DRY_RUN:-0}" = 1 ]; then  # the pipeline on a CPU, in a minute
      model=resnet-small; tiny=(--iterations 2 --sample 0.05); probe_tiny=(--probe-epochs 2 --train-per-class 20 --test-per-class 10)
    fi
    runs=/tmp/headline
    rm -rf "$runs"
    for method in simsiam supervised; do
      for variant in imbalanced balanced; do
        twin=(); [ "$variant" = balanced ] && twin=(--twin)
        "$LT" train --preset paper-cifar --source "cifar10:$CIFAR_DIR" --dist exp --ratio 0.01 \
          "${twin[@]}" --method "$method" --model "$model" --batch 512 --epochs "$epochs" \
          --knn-every 0 --device "$DEVICE" --out "$runs" --name "$method-$variant" --json "${tiny[@]}" \
          >"$runs-$method-$variant.json" 2>"$runs-$method-$variant.err"
      done
    done
    pretrain_seconds=$(( $(date +%s) - start ))
    echo "pre-training: $pretrain_seconds s"
    pids=()
    for run in simsiam-imbalanced simsiam-balanced supervised-imbalanced supervised-balanced; do
      tail -2 "$runs-$run.err"
      ("$LT" eval --run "$runs/$run" --probe id --probe-preset paper --device "$DEVICE" --json \
         "${probe_tiny[@]}" >"$runs-eval-$run.json" || echo "eval of $run failed") &
      pids+=($!)
    done
    wait "${pids[@]}"
    "$PYTHON" - "$runs" "$epochs" "$pretrain_seconds" "$(( $(date +%s) - start ))" "$out/$name.json" <<'PY'
import json, sys
runs, epochs, pretrain_s, total_s, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
cells, top1 = {}, {}
for m in ("simsiam", "supervised"):
    for v in ("imbalanced", "balanced"):
        r = f"{m}-{v}"
        try:
            t = json.load(open(f"{runs}-{r}.json"))
            e = json.load(open(f"{runs}-eval-{r}.json"))
        except Exception as err:
            cells[r] = {"error": str(err)}
            continue
        top1[r] = e["top1"]
        cells[r] = {"top1": e["top1"], "many_shot": e.get("many_shot"), "few_shot": e.get("few_shot"),
                    "epochs_done": t["epochs_done"], "final_loss": t["final_loss"],
                    "images_per_s_last_epoch": t["epochs"][-1]["images_per_s"] if t["epochs"] else None}
def gap(m):
    b, i = top1.get(f"{m}-balanced"), top1.get(f"{m}-imbalanced")
    return None if b is None or i is None else (b - i) / b
result = {"experiment": "cifar10-lt-headline", "data": "CIFAR-10-LT exp r=0.01 (12,406 images) vs its balanced twin",
          "model": "resnet18", "epochs": epochs, "paper_epochs": 800, "probe": "linear, paper preset, balanced CIFAR-10 train -> test",
          "cells": cells, "delta_ssl": gap("simsiam"), "delta_sl": gap("supervised"),
          "paper_claim": "Delta_SSL much smaller than Delta_SL",
          "pretrain_seconds": pretrain_s, "total_seconds": total_s}
if result["delta_ssl"] is not None and result["delta_sl"] is not None:
    result["ssl_more_robust"] = result["delta_ssl"] < result["delta_sl"]
json.dump(result, open(path, "w"), indent=1)
print(json.dumps(result, indent=1))
PY
    "$LT" runs list
    ;;
  *)
    echo "device-experiment: unknown experiment $name (known: cifar10-lt-headline)" >&2
    exit 2
    ;;
esac
