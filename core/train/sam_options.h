// SAM, ASAM and rwSAM settings of a run: plain data, no LibTorch header (the steps are in
// sam.h).
#pragma once

#include <cstdint>
#include <string>

namespace lt {

struct SamOptions {
  std::string mode = "none";  // none, sam (plain), asam or rwsam
  double rho = 0.05;          // the radius of the ascent step
  bool adaptive = false;      // rwsam: ASAM's scaling (asam always has it, sam never)
  // rwSAM: the ascent gradient comes from the per-example loss weighted by KDE weights of an
  // encoder's features (eval/kde_weights.h). The paper's workflow: weights from the final
  // features of a finished plain run (`weights_from`), fixed for a full-length rwSAM run. Ours,
  // as an option: stage 1 trains plainly for `start_epoch` epochs, then the run computes the
  // weights from its own encoder (and again every `refresh_every` epochs).
  double alpha = 1.2;
  double bandwidth = 0;       // 0: chosen by 5-fold held-out likelihood (eval/kde_bandwidth.h)
  std::string weights_from;   // a finished run's directory, or a file of `longtail weights`
  int64_t start_epoch = 0;    // epochs of stage 1 (0: none; then `weights_from` is needed)
  int64_t refresh_every = 0;  // epochs between new weights in stage 2 (0: computed once)
};

// The paper's radii by name, all ASAM's (its official scripts always run the adaptive
// perturbation): "paper-cifar" (rho 5, alpha 1.2: the paper's CIFAR-10 text), "official-asam"
// (rho 0.5, alpha 1.2: the released code's default), "imagenet-lt" (rho 2, alpha 0.5). Only
// rho, alpha and adaptive are set; the mode stays "none" for the caller to choose. Throws a
// kSetting lt::Error naming them.
SamOptions sam_preset(const std::string& name);

// Whether the ascent step uses ASAM's scaling: always for asam, never for plain sam, and as
// `adaptive` says for rwsam.
bool sam_is_adaptive(const SamOptions& options);

// Refuses an unknown mode or nonsense values, naming the config field.
void validate_sam(const SamOptions& options);

}  // namespace lt
