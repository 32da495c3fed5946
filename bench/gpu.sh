#!/usr/bin/env bash
# On the GPU machine (see scripts/device-pack.sh): our SimSiam ResNet-18 step and training loop
# beside the paper's PyTorch pipeline (../shared/bench/ref_simsiam_gpu.py), in one call.
#   bench/gpu.sh OUT_DIR      writes OUT_DIR/bench-gpu.log and OUT_DIR/bench-gpu.json
# Levers measured one at a time against the default (uint8 data on the GPU, batched GPU
# augmentation, bf16 autocast + channels_last, cuDNN benchmark mode, the loss read every 10
# steps): fp32 (TF32), cuDNN benchmark off, no augmentation, the fused augmentation kernel, the
# whole step in one CUDA graph; then the real loop on CIFAR-10-LT
# from the cache, alone and as 4 runs sharing the GPU.
set -uo pipefail
out=${1:?usage: bench/gpu.sh OUT_DIR}
mkdir -p "$out"
source scripts/device-env.sh
log="$out/bench-gpu.log"
exec > >(tee -a "$log") 2>&1
results="$out/bench-gpu.jsonl"
: >"$results"
note() { echo "{\"name\": \"$1\", \"images_per_s\": $2}" >>"$results"; echo "RESULT $1 images_per_s=$2"; }

steps=60; warmup=15; epochs=6; model=(--model resnet18)  # with DRY_RUN, resnet-small on 5% of the images
if [ "${DRY_RUN:-0}" = 1 ]; then steps=1; warmup=0; epochs=2; model=(--model resnet-small --sample 0.05); fi
step() {  # name, extra flags
  local name=$1; shift
  local v
  v=$("$LT" bench step --method simsiam --model resnet18 --size 32 --channels 3 --batch 512 \
        --device "$DEVICE" --steps "$steps" --warmup "$warmup" --json "$@" | "$PYTHON" -c 'import json,sys; print(round(json.load(sys.stdin)["images_per_s"]))')
  note "$name" "${v:-null}"
}
step ours_step --projector-layers 3
step ours_step_fp32 --projector-layers 3 --precision fp32
LONGTAIL_CUDNN_BENCHMARK=0 step ours_step_no_cudnn_benchmark --projector-layers 3
step ours_step_no_augmentation --projector-layers 3 --no-augment
# The augmentation fused into one kernel (data/fused_view_cuda.cu) instead of torch's operations:
# the step with it, and one view of a batch alone by each path.
LONGTAIL_AUGMENT_KERNEL=fused step ours_step_fused_augmentation --projector-layers 3
# The whole step (fused augmentation, forward, backward, SGD) captured in one CUDA graph.
[ "${DRY_RUN:-0}" = 1 ] || step ours_step_cuda_graph --projector-layers 3 --cuda-graph
if [ -x build-device/bench/bench_augment ] && [ "${DRY_RUN:-0}" != 1 ]; then
  build-device/bench/bench_augment --device cuda --batch 512 --size 32 --channels 3 --reps 50 |
    while read -r line; do
      echo "bench_augment: $line"
      note "augment_view_$(sed -E 's/.*kernel=([a-z]+).*/\1/' <<<"$line")" "$(sed -E 's/.*images_per_s=([0-9]+).*/\1/' <<<"$line")"
    done
fi

loop() {  # name, seed: the real loop, 6 epochs of CIFAR-10-LT exp r=0.01; median of epochs 2..6
  "$LT" train --preset paper-cifar --source "cifar10:$CIFAR_DIR" --dist exp --ratio 0.01 \
    --method simsiam "${model[@]}" --batch 512 --epochs "$epochs" --knn-every 0 --device "$DEVICE" \
    --seed "$2" --out /tmp/bench-loop --name "$1" --store none --json >"/tmp/bench-loop-$1.json"
}
median_ips() {
  "$PYTHON" -c 'import json,sys,statistics; e=json.load(open(sys.argv[1]))["epochs"][1:]; print(round(statistics.median(x["images_per_s"] for x in e)))' "$1"
}
rm -rf /tmp/bench-loop
loop alone 0 && note ours_loop_cifar10_lt "$(median_ips /tmp/bench-loop-alone.json)"
start=$(date +%s.%N)
pids=()
for i in 1 2 3 4; do loop "shared$i" "$i" & pids+=($!); done
wait "${pids[@]}"  # (a bare wait would also wait for the tee of the log)
end=$(date +%s.%N)
total=0
for i in 1 2 3 4; do
  v=$(median_ips "/tmp/bench-loop-shared$i.json"); echo "shared run $i: $v img/s"
  total=$((total + v))
done
note ours_loop_4_runs_sharing_the_gpu_sum "$total"
echo "4 shared runs of $epochs epochs took $("$PYTHON" -c "print(round($end-$start,1))") s"

echo "reference: ../shared/bench/ref_simsiam_gpu.py (COMPILE=0)"
: >/tmp/ref.log
[ "${DRY_RUN:-0}" = 1 ] || COMPILE=0 STEPS=${REF_STEPS:-40} python3 .device/bench/ref_simsiam_gpu.py .device/data/cifar10-jpeg.tar.gz \
  | tee /tmp/ref.log
sed -nE 's/^RESULT +([a-z_]+) +images_per_s= *([0-9.]+).*/\1 \2/p' /tmp/ref.log |
  while read -r name value; do note "ref_$name" "$value"; done
"$PYTHON" - "$results" "$out/bench-gpu.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
r = {x["name"]: x["images_per_s"] for x in rows}
ratios = {}
for ours in ("ours_step", "ours_step_fused_augmentation", "ours_step_cuda_graph", "ours_loop_cifar10_lt", "ours_loop_4_runs_sharing_the_gpu_sum"):
    for ref in ("ref_paper", "ref_paperbf", "ref_gpubf", "ref_graphed"):
        if r.get(ours) and r.get(ref):
            ratios[f"{ours}/{ref}"] = round(r[ours] / r[ref], 2)
for lever in ("ours_step_fp32", "ours_step_no_cudnn_benchmark", "ours_step_no_augmentation", "ours_step_fused_augmentation", "ours_step_cuda_graph"):
    if r.get(lever) and r.get("ours_step"):
        ratios[f"{lever}/ours_step"] = round(r[lever] / r["ours_step"], 3)
if r.get("augment_view_fused") and r.get("augment_view_ops"):
    ratios["augment_view_fused/augment_view_ops"] = round(r["augment_view_fused"] / r["augment_view_ops"], 2)
json.dump({"images_per_s": r, "ratios": ratios}, open(sys.argv[2], "w"), indent=1)
print(json.dumps(ratios, indent=1))
PY
