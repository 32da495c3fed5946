#include "eval/fine_tune.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "models/features.h"
#include "models/init.h"
#include "runtime/run_generator.h"
#include "util/error.h"

namespace lt {

FineTuneOptions fine_tune_preset(const std::string& name) {
  FineTuneOptions o;
  if (name == "default" || name == "paper") return o;
  if (name == "fast") {
    o.epochs = 5;
    o.batch_size = 128;
    return o;
  }
  if (name == "imagenet-transfer") {
    o.epochs = 20;
    o.iterations_per_epoch = 500;
    o.batch_size = 48;
    o.lr = 0.001;
    o.head_lr_factor = 10;
    o.nesterov = true;
    o.milestones = {12};
    return o;
  }
  throw_setting("--finetune-preset \"" + name +
                "\" is unknown; use default, fast or imagenet-transfer");
}

double fine_tune_lr_scale(const FineTuneOptions& o, int64_t epoch, int64_t step,
                          int64_t total_steps) {
  if (o.milestones.empty()) {
    return 0.5 * (1 + std::cos(M_PI * double(step) / double(std::max<int64_t>(total_steps, 1))));
  }
  double scale = 1;
  for (int64_t m : o.milestones) {
    if (epoch >= m) scale *= 0.1;
  }
  return scale;
}

ProbeResult fine_tune(ResNet encoder, const torch::Tensor& train_images,
                      const torch::Tensor& train_labels, const torch::Tensor& test_images,
                      const torch::Tensor& test_labels, int64_t num_classes,
                      const AugmentConfig& augment, const DeviceChoice& device,
                      const FineTuneOptions& o, const ProgressFn& progress) {
  if (o.epochs < 1 || o.batch_size < 1 || !(o.lr > 0) || !(o.head_lr_factor > 0) ||
      o.iterations_per_epoch < 0) {
    throw_setting(
        "fine-tuning: epochs and batch size must be at least 1, lr positive, the head's lr "
        "factor positive, the iterations per epoch 0 (one pass) or more");
  }
  const int64_t channels = train_images.size(1);
  const Augmenter train_view(crop_and_flip(augment), channels);
  const Augmenter normalizer(augment, channels);
  at::Generator init = init_generator(o.seed);
  torch::nn::Linear head =
      initialised(torch::nn::Linear(encoder->feature_dim(), num_classes), init);
  head->to(device.device);
  // A group's options replace the defaults whole, so each carries momentum and weight decay.
  const auto sgd = [&](double lr) {
    return std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(lr)
                                                          .momentum(o.momentum)
                                                          .nesterov(o.nesterov)
                                                          .weight_decay(o.weight_decay));
  };
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(encoder->parameters(), sgd(o.lr));
  groups.emplace_back(head->parameters(), sgd(o.head_lr_factor * o.lr));
  torch::optim::SGD optimizer(std::move(groups), *sgd(o.lr));
  at::Generator gen = run_generator(o.seed);
  const int64_t n = train_images.size(0);
  const bool fixed_iterations = o.iterations_per_epoch > 0;
  // With a fixed number of batches an epoch, every batch is whole (the official script's loader
  // drops the last partial one), so a target smaller than a batch trains on batches of all of it.
  const int64_t batch = fixed_iterations ? std::min(o.batch_size, n) : o.batch_size;
  const int64_t steps_per_epoch =
      fixed_iterations ? o.iterations_per_epoch : (n + o.batch_size - 1) / o.batch_size;
  const int64_t total_steps = o.epochs * steps_per_epoch;
  const auto format = activation_format(device);
  torch::Tensor order;
  int64_t cursor = n;  // where the next batch starts in `order`; n: a new pass is due
  int64_t step = 0;
  encoder->train();
  for (int64_t epoch = 0; epoch < o.epochs; ++epoch) {
    report(progress, "fine-tuning", epoch, o.epochs);
    if (!fixed_iterations) cursor = n;  // one pass an epoch, the last batch as it falls
    auto loss_sum = torch::zeros({}, torch::TensorOptions().device(device.device));
    for (int64_t i = 0; i < steps_per_epoch; ++i, ++step) {
      if (cursor >= n || (fixed_iterations && cursor + batch > n)) {
        order = torch::randperm(n, gen, torch::kLong).to(train_images.device());
        cursor = 0;
      }
      const double scale = fine_tune_lr_scale(o, epoch, step, total_steps);
      optimizer.param_groups()[0].options().set_lr(o.lr * scale);
      optimizer.param_groups()[1].options().set_lr(o.head_lr_factor * o.lr * scale);
      const auto idx = order.slice(0, cursor, std::min(cursor + batch, n));
      cursor += batch;
      const auto x = train_view(train_images.index_select(0, idx), gen).contiguous(format);
      torch::Tensor loss;
      {
        AutocastGuard autocast(device);
        loss = torch::nn::functional::cross_entropy(head->forward(encoder->forward(x)),
                                                    train_labels.index_select(0, idx));
      }
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      loss_sum += loss.detach().to(torch::kFloat);
    }
    const double mean_loss = loss_sum.item<double>() / double(steps_per_epoch);
    if (!std::isfinite(mean_loss)) {
      throw_data("fine-tuning diverged in epoch " + std::to_string(epoch + 1) +
                 " (loss NaN or infinite); lower --finetune-lr (now " + std::to_string(o.lr) + ")");
    }
  }
  torch::NoGradGuard no_grad;
  const auto features = encode(encoder, test_images, normalizer, device.bf16, false);
  head->eval();
  return score_predictions(head->forward(features.to(torch::kFloat)).argmax(1), test_labels,
                           num_classes);
}

}  // namespace lt
