// How a run trains, beside what it trains: the paper trains its supervised baselines by the
// standard protocol of He et al. (zero-pad 4 pixels and crop back to the image's size, flip; SGD
// with momentum 0.9, weight decay 5e-4, lr 0.1 at batch 128 scaled linearly with the batch,
// cosine decay), its self-supervised runs by SimSiam's views and schedule. A config's
// augment.protocol says which: "auto" (the default) picks by the method when the run starts.
#pragma once

#include <cstdint>
#include <string>

#include "train/run_config.h"

namespace lt {

// The standard protocol's learning rate for a batch size: 0.1 * batch / 128.
double standard_supervised_lr(int64_t batch_size);

// `config` under `protocol`: "standard" sets the augmentation and the optimiser above (lr from
// the config's batch size); "ssl" sets only the augmentation (SimSiam's views, the config's own
// optimiser: what supervised runs did before the standard protocol); "auto" is "standard" for
// supervised pre-training and "ssl" for every self-supervised method. Throws a kSetting lt::Error
// for any other name.
RunConfig with_protocol(RunConfig config, const std::string& protocol);

// `config` with an "auto" protocol decided by its method; any other protocol is kept as given.
// An lr other than RunConfig's default (SimSiam's 0.05) is kept: it was chosen for this run.
RunConfig resolve_protocol(const RunConfig& config);

// The protocol a recorded config (config.json, or the store's copy of it) trained with: "ssl" for
// configs written before the protocols existed; "" when the text is not a run config.
std::string recorded_protocol(const std::string& config_json);

}  // namespace lt
