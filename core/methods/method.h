// One interface for every pre-training method: a module that owns the encoder (and its heads),
// turns a batch of augmented views into a loss and a per-example loss, and may update state of
// its own after the optimiser's step (MoCo's momentum encoder and queue).
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>

#include <memory>
#include <string>
#include <vector>

#include "methods/method_options.h"
#include "methods/training_clock.h"
#include "models/resnet.h"
#include "runtime/collectives.h"

namespace lt {

struct StepOutput {
  torch::Tensor loss;         // scalar, what the optimiser minimises
  torch::Tensor per_example;  // N, one loss per source image (rwSAM and the gap need it)
};

class MethodImpl : public torch::nn::Module {
 public:
  // `view2` is undefined for methods with one view (supervised).
  virtual StepOutput forward(const torch::Tensor& view1, const torch::Tensor& view2,
                             const torch::Tensor& labels) = 0;
  virtual void after_optimizer_step() {}
  // Before each training step (not in evaluation): see training_clock.h.
  virtual void before_step(const TrainingClock& clock) { (void)clock; }
  // Before each training step, the dataset positions of the batch (N longs on the device). A
  // method may answer with a per-image augmentation strength in [0, 1] (BCL's memory), which the
  // trainer turns into stronger views (Augmenter::boosted); undefined: the plain views.
  virtual torch::Tensor begin_batch(const torch::Tensor& indices) {
    (void)indices;
    return {};
  }
  virtual bool two_views() const { return true; }
  // What the optimiser trains; MoCo's key encoder follows by momentum instead.
  virtual std::vector<torch::Tensor> trainable_parameters() { return parameters(); }
  ResNet encoder() const { return encoder_; }
  // In a data-parallel run: the other ranks, for methods whose loss spans the global batch
  // (SimCLR's negatives, MoCo's queue), as their reference implementations gather them.
  virtual void gather_across(std::shared_ptr<Collectives> /*collectives*/) {}

 protected:
  // `init` draws the initial weights (models/init.h) of the encoder and of the method's heads.
  MethodImpl(const EncoderOptions& encoder_options, at::Generator& init);
  ResNet encoder_{nullptr};
};

using Method = std::shared_ptr<MethodImpl>;

// A method whose initial weights are drawn from `init` (runtime/run_generator.h:
// init_generator(seed)). Throws a kSetting lt::Error for an unknown method or impossible option.
Method make_method(const MethodOptions& options, const EncoderOptions& encoder_options,
                   at::Generator& init);

}  // namespace lt
