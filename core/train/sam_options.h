// SAM, ASAM and rwSAM settings of a run: plain data, no LibTorch header (the steps are in
// sam.h).
#pragma once

#include <cstdint>
#include <string>

namespace lt {

struct SamOptions {
  std::string mode = "none";  // none, sam, asam or rwsam
  double rho = 0.05;          // the radius of the ascent step
  bool adaptive = false;      // rwsam: ASAM's scaling (asam always has it)
  // rwSAM: stage 1 trains plainly for `start_epoch` epochs, then the ascent gradient comes from
  // the per-example loss weighted by KDE weights of the encoder's features (eval/kde_weights.h).
  double alpha = 1.2;
  double bandwidth = 0;       // 0: the median-distance rule
  int64_t start_epoch = 0;    // epochs of stage 1
  int64_t refresh_every = 0;  // epochs between new weights in stage 2 (0: computed once)
};

// The paper's settings by name: "paper-cifar" (rwSAM, rho 5, alpha 1.2: the paper's CIFAR-10
// text), "official-asam" (rwSAM with ASAM's scaling, rho 0.5, alpha 1.2: the authors' released
// code), "imagenet-lt" (rwSAM, rho 2, alpha 0.5). Throws a kSetting lt::Error naming them.
SamOptions sam_preset(const std::string& name);

// Refuses an unknown mode or nonsense values, naming the config field.
void validate_sam(const SamOptions& options);

}  // namespace lt
