#include "eval/fine_tune.h"

#include <torch/torch.h>

#include <cmath>

#include "models/features.h"
#include "runtime/global_generator.h"
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
  throw_setting("--finetune-preset \"" + name + "\" is unknown; use default or fast");
}

ProbeResult fine_tune(ResNet encoder, const torch::Tensor& train_images,
                      const torch::Tensor& train_labels, const torch::Tensor& test_images,
                      const torch::Tensor& test_labels, int64_t num_classes,
                      const AugmentConfig& augment, const DeviceChoice& device,
                      const FineTuneOptions& o, const ProgressFn& progress) {
  if (o.epochs < 1 || o.batch_size < 1 || !(o.lr > 0)) {
    throw_setting("fine-tuning: epochs and batch size must be at least 1 and lr positive");
  }
  const int64_t channels = train_images.size(1);
  const Augmenter train_view(crop_and_flip(augment), channels);
  const Augmenter normalizer(augment, channels);
  torch::nn::Linear head = [&] {
    const auto seeded = seed_global_generator(o.seed);
    return torch::nn::Linear(encoder->feature_dim(), num_classes);
  }();
  head->to(device.device);
  // A group's options replace the defaults whole, so each carries momentum and weight decay.
  const auto sgd = [&](double lr) {
    return std::make_unique<torch::optim::SGDOptions>(
        torch::optim::SGDOptions(lr).momentum(o.momentum).weight_decay(o.weight_decay));
  };
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(encoder->parameters(), sgd(o.lr));
  groups.emplace_back(head->parameters(), sgd(10 * o.lr));
  torch::optim::SGD optimizer(std::move(groups), *sgd(o.lr));
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  const int64_t n = train_images.size(0);
  const int64_t steps_per_epoch = (n + o.batch_size - 1) / o.batch_size;
  const int64_t total_steps = o.epochs * steps_per_epoch;
  const auto format = activation_format(device);
  int64_t step = 0;
  encoder->train();
  for (int64_t epoch = 0; epoch < o.epochs; ++epoch) {
    report(progress, "fine-tuning", epoch, o.epochs);
    const auto order = torch::randperm(n, gen, torch::kLong).to(train_images.device());
    auto loss_sum = torch::zeros({}, torch::TensorOptions().device(device.device));
    for (int64_t start = 0; start < n; start += o.batch_size, ++step) {
      // Cosine decay over the whole fine-tuning.
      const double scale = 0.5 * (1 + std::cos(M_PI * double(step) / double(total_steps)));
      optimizer.param_groups()[0].options().set_lr(o.lr * scale);
      optimizer.param_groups()[1].options().set_lr(10 * o.lr * scale);
      const auto idx = order.slice(0, start, start + o.batch_size);
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
