"""The Python way to do what bench_data does, for side-by-side ratios.

  ref_data.py import DIR SPLIT OUT [--procs N]  PIL-decode DIR/SPLIT/<class>/*.jpg, np.save
  ref_data.py load-idx DIR [REPS]              torchvision-style: gunzip the IDX files to numpy
  ref_data.py load-npy FILE [REPS]             np.load of a saved uint8 array
"""
import gzip
import os
import sys
import time
from multiprocessing import Pool

import numpy as np
from PIL import Image


def decode(path):
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"), dtype=np.uint8)


def do_import(root, split, out, procs):
    start = time.perf_counter()
    classes = sorted(os.listdir(os.path.join(root, split)))
    files, labels = [], []
    for c, name in enumerate(classes):
        folder = os.path.join(root, split, name)
        for f in sorted(os.listdir(folder)):
            files.append(os.path.join(folder, f))
            labels.append(c)
    if procs > 1:
        with Pool(procs) as pool:
            images = pool.map(decode, files, chunksize=256)
    else:
        images = [decode(f) for f in files]
    array = np.stack(images).transpose(0, 3, 1, 2).copy()  # N x C x H x W, as ours
    decoded = time.perf_counter() - start
    np.save(out, array)
    np.save(out + ".labels.npy", np.asarray(labels, dtype=np.int64))
    print(f"images={len(files)} decode_s={decoded:.3f} total_s={time.perf_counter() - start:.3f}")


def timed(fn, reps):
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"images={n} median_s={times[len(times) // 2]:.4f} min_s={times[0]:.4f} reps={reps}")


def load_idx(root):
    with gzip.open(os.path.join(root, "train-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
    with gzip.open(os.path.join(root, "train-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)
    assert len(images) == len(labels)
    return len(images)


def load_npy(path):
    return len(np.load(path))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "import":
        procs = int(sys.argv[sys.argv.index("--procs") + 1]) if "--procs" in sys.argv else 1
        do_import(sys.argv[2], sys.argv[3], sys.argv[4], procs)
    elif mode == "load-idx":
        timed(lambda: load_idx(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 10)
    elif mode == "load-npy":
        timed(lambda: load_npy(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 10)
    else:
        sys.exit(__doc__)
