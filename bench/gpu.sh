#!/usr/bin/env bash
# On the GPU machine (see scripts/device-pack.sh): our SimSiam ResNet-18 step and training loop
# beside the paper's PyTorch pipeline (../shared/bench/ref_simsiam_gpu.py), in one call.
#   bench/gpu.sh OUT_DIR      writes OUT_DIR/bench-gpu.log and OUT_DIR/bench-gpu.json
# Levers measured one at a time against the default (uint8 data on the GPU, batched GPU
# augmentation, bf16 autocast + channels_last, cuDNN benchmark mode, the loss read every 10
# steps): fp32 (TF32), cuDNN benchmark off, no augmentation; then the real loop on CIFAR-10-LT
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

step() {  # name, extra flags
  local name=$1; shift
  local v
  v=$("$LT" bench step --method simsiam --model resnet18 --size 32 --channels 3 --batch 512 \
        --device cuda --steps 60 --warmup 15 --json "$@" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["images_per_s"]))')
  note "$name" "${v:-null}"
}
step ours_step
step ours_step_fp32 --precision fp32
LONGTAIL_CUDNN_BENCHMARK=0 step ours_step_no_cudnn_benchmark
step ours_step_no_augmentation --no-augment

loop() {  # name, seed: the real loop, 6 epochs of CIFAR-10-LT exp r=0.01; median of epochs 2..6
  "$LT" train --preset paper-cifar --source "cifar10:$CIFAR_DIR" --dist exp --ratio 0.01 \
    --method simsiam --model resnet18 --batch 512 --epochs 6 --knn-every 0 --device cuda \
    --seed "$2" --out /tmp/bench-loop --name "$1" --store none --json >"/tmp/bench-loop-$1.json"
}
median_ips() {
  python3 -c 'import json,sys,statistics; e=json.load(open(sys.argv[1]))["epochs"][1:]; print(round(statistics.median(x["images_per_s"] for x in e)))' "$1"
}
rm -rf /tmp/bench-loop
loop alone 0 && note ours_loop_cifar10_lt "$(median_ips /tmp/bench-loop-alone.json)"
start=$(date +%s.%N)
for i in 1 2 3 4; do loop "shared$i" "$i" & done
wait
end=$(date +%s.%N)
total=0
for i in 1 2 3 4; do
  v=$(median_ips "/tmp/bench-loop-shared$i.json"); echo "shared run $i: $v img/s"
  total=$((total + v))
done
note ours_loop_4_runs_sharing_the_gpu_sum "$total"
echo "4 shared runs of 6 epochs took $(python3 -c "print(round($end-$start,1))") s"

echo "reference: ../shared/bench/ref_simsiam_gpu.py (COMPILE=0)"
COMPILE=0 STEPS=${REF_STEPS:-40} python3 .device/bench/ref_simsiam_gpu.py .device/data/cifar10-jpeg.tar.gz \
  | tee /tmp/ref.log
grep '^RESULT' /tmp/ref.log | while read -r _ name value _; do note "ref_$name" "${value#images_per_s=}"; done
python3 - "$results" "$out/bench-gpu.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
r = {x["name"]: x["images_per_s"] for x in rows}
ratios = {}
for ours in ("ours_step", "ours_loop_cifar10_lt", "ours_loop_4_runs_sharing_the_gpu_sum"):
    for ref in ("ref_paper", "ref_paperbf", "ref_gpubf", "ref_graphed"):
        if r.get(ours) and r.get(ref):
            ratios[f"{ours}/{ref}"] = round(r[ours] / r[ref], 2)
json.dump({"images_per_s": r, "ratios": ratios}, open(sys.argv[2], "w"), indent=1)
print(json.dumps(ratios, indent=1))
PY
