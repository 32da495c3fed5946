// Which pre-training method a run uses, and its settings: plain data, no LibTorch header.
#pragma once

#include <cstdint>
#include <string>

namespace lt {

struct MethodOptions {
  std::string name = "simsiam";  // one of known_methods() (methods/method_list.h)
  int64_t num_classes = 10;      // supervised: the linear head's outputs
  int64_t examples = 0;          // training images, set by the trainer (BCL's memory has one each)
  int64_t projector_dim = 0;     // 0 = the method's default for the encoder
  int64_t predictor_dim = 0;     // SimSiam's bottleneck; 0 = default
  int64_t projector_layers = 2;  // SimSiam: 2 (CIFAR, the paper's code) or 3 (ImageNet)
  double temperature = 0.0;      // SimCLR (default 0.5) and MoCo (default 0.2); 0 = default
  double moco_momentum = 0.99;   // MoCo: key encoder momentum m
  int64_t moco_queue = 4096;     // MoCo: K negatives
  // The temperature of the contrastive methods over the run: "constant" (`temperature`) or
  // "cosine" (Kukleva et al., ICLR 2023), tau(t) = tau_min + (tau_max - tau_min) *
  // (1 + cos(2 pi t / T)) / 2 with t in epochs (fractional, per step), starting at tau_max.
  std::string temperature_schedule = "constant";
  double temperature_min = 0.1;     // cosine: tau_min (the paper's 0.1)
  double temperature_max = 1.0;     // cosine: tau_max (the paper's 1.0)
  double temperature_period = 0.0;  // cosine: T in epochs; 0 = a fifth of the run (400 of 2000)
  double byol_momentum = 0.99;      // BYOL: tau_base of the target's momentum, rising to 1
  double sdclr_prune = 0.9;         // SDCLR: share of weights the pruned branch drops (CIFAR)
  double bcl_beta = 0.97;           // BCL: the memory's EMA factor over epochs (the authors')
  int64_t bcl_ops = 1;              // BCL: RandAugment rounds per view (the authors' rand_k 1)
};

}  // namespace lt
