"""The independent check of `longtail gradcam`: rebuilds the run's encoder as torchvision's
ResNet (CIFAR stem), loads the exported weights.pt, computes pytorch-grad-cam's GradCAM or
GradCAMPlusPlus on the same normalised input (input.npy) for the same targets, and compares
with our maps.npy. Prints the largest difference per folder; exits 1 when one exceeds the
tolerance and 77 when pytorch_grad_cam (or torchvision) is missing. Several folders share one
start of Python (importing torch takes longer than the maps).
Usage: check_gradcam.py [--tolerance T (default 1e-4)] OUT_DIR..."""
import json
import os
import sys

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torchvision
    from pytorch_grad_cam import GradCAM, GradCAMPlusPlus
    from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget
except ImportError as e:
    print(f"skipped: {e} (scripts/install-deps.sh installs grad-cam==1.5.7)")
    sys.exit(77)


class EmbeddingTarget:
    """The score <f(x), t / |t|> of a pooled embedding f(x) against a fixed target t."""

    def __init__(self, target):
        self.direction = target / target.norm().clamp_min(1e-12)

    def __call__(self, output):
        return (output * self.direction).sum()


def max_difference(out):
    with open(os.path.join(out, "masses.json")) as f:
        summary = json.load(f)
    arch, channels = summary["arch"], summary["in_channels"]
    if arch not in ("resnet18", "resnet50") or not summary["cifar_stem"]:
        print(f"skipped: {out} is a {arch} run; torchvision builds resnet18 and resnet50")
        sys.exit(77)

    model = getattr(torchvision.models, arch)()
    model.conv1 = nn.Conv2d(channels, 64, 3, 1, 1, bias=False)  # the CIFAR stem
    model.maxpool = nn.Identity()
    state = torch.load(os.path.join(out, "weights.pt"))
    explains_a_class = summary["target"] in ("label", "predicted")
    if explains_a_class:
        model.fc = nn.Linear(model.fc.in_features, summary["classes"])
    else:  # the pooled embedding is explained, also for a supervised run: its head is not used
        model.fc = nn.Identity()
        state = {k: v for k, v in state.items() if not k.startswith("fc.")}
    model.load_state_dict(state)  # strict: every tensor must land
    model.eval()

    x = torch.from_numpy(np.load(os.path.join(out, "input.npy")))
    ours = np.load(os.path.join(out, "maps.npy"))
    explained = [entry["explained_class"] for entry in summary["per_image"]]
    if summary["target"] == "predicted":
        targets = None  # pytorch-grad-cam picks the arg max itself
    elif explains_a_class:
        targets = [ClassifierOutputTarget(int(c)) for c in explained]
    else:
        t = torch.from_numpy(np.load(os.path.join(out, "targets.npy")))
        targets = [EmbeddingTarget(t[i]) for i in range(len(t))]
    method = {"gradcam": GradCAM, "gradcam++": GradCAMPlusPlus}[summary["method"]]
    with method(model=model, target_layers=[model.layer4[-1]]) as cam:
        theirs = cam(input_tensor=x, targets=targets)

    if theirs.shape != ours.shape:
        print(f"{out}: shapes differ: ours {ours.shape}, pytorch-grad-cam {theirs.shape}")
        return float("inf")
    difference = float(np.abs(theirs - ours).max())
    print(f"{out}: {summary['pretraining']} {summary['method']} target {summary['target']}: "
          f"{len(ours)} maps, max |ours - pytorch-grad-cam| = {difference:.3g}")
    return difference


def main():
    args = sys.argv[1:]
    tolerance = 1e-4
    if len(args) >= 2 and args[0] == "--tolerance":
        tolerance, args = float(args[1]), args[2:]
    if not args:
        print(__doc__)
        sys.exit(2)
    worst = max(max_difference(out) for out in args)
    sys.exit(0 if worst < tolerance else 1)


if __name__ == "__main__":
    main()
