// Which pre-training method a run uses, and its settings: plain data, no LibTorch header.
#pragma once

#include <cstdint>
#include <string>

namespace lt {

struct MethodOptions {
  std::string name = "simsiam";  // simsiam, simclr, moco or supervised
  int64_t num_classes = 10;      // supervised: the linear head's outputs
  int64_t projector_dim = 0;     // 0 = the method's default for the encoder
  int64_t predictor_dim = 0;     // SimSiam's bottleneck; 0 = default
  int64_t projector_layers = 2;  // SimSiam: 2 (CIFAR, the paper's code) or 3 (ImageNet)
  double temperature = 0.0;      // SimCLR (default 0.5) and MoCo (default 0.2); 0 = default
  double moco_momentum = 0.99;   // MoCo: key encoder momentum m
  int64_t moco_queue = 4096;     // MoCo: K negatives
};

}  // namespace lt
