"""The paper's SSL view as its code makes it (SimSiam's CIFAR pipeline: torchvision's
RandomResizedCrop(scale 0.2-1), RandomHorizontalFlip, ColorJitter(0.4, 0.4, 0.4, 0.1) with p 0.8,
RandomGrayscale(0.2), ToTensor, Normalize), one image at a time as a DataLoader worker does, on
uint8 tensors (torchvision.transforms.v2) rather than PIL images so that decoding is not counted.
Prints images_per_s for one process; a DataLoader with one worker per core scales it by at most
the number of cores.
  python ref_augment.py [--batch N] [--size S] [--channels C] [--reps R]
"""
import argparse
import statistics
import time

import torch
from torchvision.transforms import v2

parser = argparse.ArgumentParser()
parser.add_argument("--batch", type=int, default=512)
parser.add_argument("--size", type=int, default=32)
parser.add_argument("--channels", type=int, default=3)
parser.add_argument("--reps", type=int, default=5)
args = parser.parse_args()

torch.manual_seed(0)
images = torch.randint(0, 256, (args.batch, args.channels, args.size, args.size), dtype=torch.uint8)
steps = [
    v2.RandomResizedCrop(args.size, scale=(0.2, 1.0), antialias=True),
    v2.RandomHorizontalFlip(),
    v2.RandomApply([v2.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
]
if args.channels == 3:
    steps.append(v2.RandomGrayscale(p=0.2))
mean, std = ([0.4914, 0.4822, 0.4465], [0.2023, 0.1994, 0.2010]) if args.channels == 3 else ([0.2860], [0.3530])
steps += [v2.ToDtype(torch.float32, scale=True), v2.Normalize(mean, std)]
view = v2.Compose(steps)

times = []
for rep in range(args.reps + 1):
    start = time.perf_counter()
    batch = torch.stack([view(image) for image in images])
    if rep > 0:
        times.append(time.perf_counter() - start)
print(f"images_per_s={args.batch / statistics.median(times):.0f}")
