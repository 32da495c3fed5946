// A linear probe on a run's pooled features as a file: a torch state dict of "weight" (K x D)
// and "bias" (K), as `semisynth run` writes rare-probe.pt and torch.save({"weight": W,
// "bias": b}, FILE) writes it in Python. Grad-CAM's probe target explains one of its logits.
// Plain numbers in the header, no LibTorch, so that the GUI can read and hold a probe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lt {

struct LinearProbe {
  int64_t classes = 0;        // K
  int64_t features = 0;       // D, the width of the pooled embedding the probe reads
  std::vector<float> weight;  // K x D, row by row
  std::vector<float> bias;    // K (zeros when the file holds no "bias")
};

// Throws a kIo lt::Error when `path` cannot be read and a kData one when it is not a state dict
// saved by torch or holds no 2-d "weight" (or a "bias" that does not fit it); each message names
// the file and what a probe file holds.
LinearProbe read_probe_file(const std::string& path);

// Writes `probe` as such a state dict (a file torch.load reads); throws a kSetting lt::Error
// when its numbers do not fit its shape and a kIo one when the file cannot be written.
void write_probe_file(const LinearProbe& probe, const std::string& path);

}  // namespace lt
