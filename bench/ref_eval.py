"""The PyTorch way to do what bench_eval does, under the same LibTorch (the venv's torch).

  ref_eval.py probe [N] [D] [EPOCHS]  nn.Linear + SGD (batch 4096, momentum 0.9) on N x D features
  ref_eval.py features                the reference small ResNet over Fashion-MNIST's train split
"""
import gzip
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(os.cpu_count())
torch.manual_seed(0)

if sys.argv[1] == "probe":
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
    d = int(sys.argv[3]) if len(sys.argv) > 3 else 512
    epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    x = torch.randn(n, d)
    y = (x @ torch.randn(d, 10)).argmax(1)
    probe = torch.nn.Linear(d, 10)
    opt = torch.optim.SGD(probe.parameters(), lr=0.1, momentum=0.9)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, [int(0.6 * epochs), int(0.8 * epochs)], 0.1)
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(n)
        for i in range(0, n, 4096):
            idx = order[i:i + 4096]
            loss = F.cross_entropy(probe(x[idx]), y[idx])
            opt.zero_grad(); loss.backward(); opt.step()
        sched.step()
    with torch.no_grad():
        top1 = (probe(x[:10000]).argmax(1) == y[:10000]).float().mean().item()
    print(f"probe n={n} d={d} epochs={epochs} seconds={time.perf_counter() - start:.3f} train_top1={top1:.3f}")
elif sys.argv[1] == "features":
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench"))
    from ref_simsiam_step import ResNet
    with gzip.open("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz") as f:
        images = torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28).copy())
    enc = ResNet([16, 32, 64, 128], [1, 1, 1, 1], 1).eval()
    start = time.perf_counter()
    with torch.no_grad():
        feats = torch.cat([enc((images[i:i + 512].float() / 255 - 0.2860) / 0.3530)
                           for i in range(0, len(images), 512)])
    s = time.perf_counter() - start
    print(f"features images={len(feats)} dim={feats.shape[1]} seconds={s:.3f} images_per_s={len(feats) / s:.1f}")
