#!/usr/bin/env python3
"""Turns the CIFAR-10 JPEG archive (train/<class>/*.jpg, test/<class>/*.jpg) into CIFAR-10's
binary release (data_batch_1..5.bin, test_batch.bin: per image one label byte and the R, G and B
planes of 32x32 bytes), which `longtail` reads as `cifar10:DIR` without OpenCV. For the GPU
machine, where a call carries at most 64 MiB: the 19.6 MB archive travels, the 184 MB binary is
made there. Needs Pillow (the GPU machine's Python has it).

Usage: cifar10_jpeg_to_binary.py ARCHIVE.tar.gz OUT_DIR
"""
import io
import os
import sys
import tarfile
from concurrent.futures import ProcessPoolExecutor

from PIL import Image

CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


def record(item):
    label, data = item
    img = Image.open(io.BytesIO(data)).convert("RGB")
    if img.size != (32, 32):
        raise ValueError(f"an image of {img.size}, not 32x32")
    r, g, b = img.split()
    return bytes([label]) + r.tobytes() + g.tobytes() + b.tobytes()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    archive, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    splits = {"train": [], "test": []}
    with tarfile.open(archive) as tar:
        for member in tar:
            parts = member.name.lstrip("./").split("/")
            if not member.isfile() or len(parts) != 3 or parts[0] not in splits:
                continue
            if parts[1] not in CLASSES:
                sys.exit(f"{archive}: unknown class folder {parts[1]}")
            splits[parts[0]].append((parts[1], parts[2], tar.extractfile(member).read()))
    with ProcessPoolExecutor() as pool:
        for split, items in splits.items():
            items.sort(key=lambda t: (CLASSES.index(t[0]), t[1]))  # a fixed order, by class
            records = list(pool.map(record, [(CLASSES.index(c), d) for c, _, d in items],
                                    chunksize=512))
            names = ([f"data_batch_{i}.bin" for i in range(1, 6)] if split == "train"
                     else ["test_batch.bin"])
            per_file = (len(records) + len(names) - 1) // len(names)
            for i, name in enumerate(names):
                path = os.path.join(out_dir, name)
                with open(path + ".tmp", "wb") as f:
                    f.write(b"".join(records[i * per_file:(i + 1) * per_file]))
                os.replace(path + ".tmp", path)
            print(f"{split}: {len(records)} images in {len(names)} files", flush=True)


if __name__ == "__main__":
    main()
