#include "eval/linear_probe.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>

#include "runtime/global_generator.h"
#include "util/error.h"

namespace lt {

ProbeOptions probe_preset(const std::string& name) {
  ProbeOptions o;
  if (name == "paper") return o;
  if (name == "fast") {
    o.epochs = 30;
    o.batch_size = 1024;
    o.lr = 0.5;
    o.standardize = true;
    return o;
  }
  if (name == "official") {
    // The official code's CIFAR probe: batch 256 and random resized crops (0.8-1) with flips of
    // the training images, drawn afresh every epoch; lr 30, 100 epochs, /10 at 60 and 80.
    o.batch_size = 256;
    o.train_augment = true;
    return o;
  }
  throw_setting("--probe-preset \"" + name + "\" is unknown; use paper, official or fast");
}

namespace {

// The probe's SGD over `n` training examples whose features `batch` gives for a batch of
// indices (on `device`); scored on fixed test features. The final epoch's probe is scored.
ProbeResult fit_probe(const BatchFeatures& batch, int64_t n, int64_t feature_dim,
                      const torch::Tensor& train_y, const torch::Tensor& test_x,
                      const torch::Tensor& test_y, int64_t num_classes, const ProbeOptions& o,
                      const ProgressFn& progress) {
  if (o.epochs < 1 || o.batch_size < 1 || !(o.lr > 0)) {
    throw_setting("probe: epochs and batch size must be at least 1 and lr positive");
  }
  torch::nn::Linear probe = [&] {
    const auto seeded = seed_global_generator(o.seed);
    return torch::nn::Linear(feature_dim, num_classes);
  }();
  probe->to(test_x.device());
  torch::optim::SGD optimizer(
      probe->parameters(),
      torch::optim::SGDOptions(o.lr).momentum(o.momentum).weight_decay(o.weight_decay));
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  double lr = o.lr;
  double last_loss = 0;
  for (int64_t epoch = 0; epoch < o.epochs; ++epoch) {
    report(progress, "linear probe", epoch, o.epochs);
    for (double m : o.milestones) {
      if (epoch == int64_t(m * double(o.epochs))) lr *= 0.1;
    }
    for (auto& group : optimizer.param_groups()) group.options().set_lr(lr);
    const auto order = torch::randperm(n, gen, torch::kLong).to(test_x.device());
    auto loss_sum = torch::zeros({}, test_x.options());
    int64_t batches = 0;
    for (int64_t start = 0; start < n; start += o.batch_size) {
      const auto idx = order.slice(0, start, start + o.batch_size);
      const auto loss =
          torch::nn::functional::cross_entropy(probe->forward(batch(idx)), train_y.index({idx}));
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      loss_sum += loss.detach();
      ++batches;
    }
    last_loss = loss_sum.item<double>() / double(batches);
    if (!std::isfinite(last_loss)) {
      throw_data("the linear probe diverged in epoch " + std::to_string(epoch + 1) +
                 " (loss NaN or infinite); lower the probe's lr or standardise the features " +
                 "(--probe-preset fast)");
    }
  }
  torch::NoGradGuard no_grad;
  ProbeResult result = score_predictions(probe->forward(test_x).argmax(1), test_y, num_classes);
  result.final_train_loss = last_loss;
  result.weight = probe->weight.detach().clone();
  result.bias = probe->bias.detach().clone();
  return result;
}

}  // namespace

ProbeResult train_linear_probe(const torch::Tensor& train_x_in, const torch::Tensor& train_y,
                               const torch::Tensor& test_x_in, const torch::Tensor& test_y,
                               int64_t num_classes, const ProbeOptions& o,
                               const ProgressFn& progress) {
  torch::Tensor train_x = train_x_in.to(torch::kFloat);
  torch::Tensor test_x = test_x_in.to(torch::kFloat);
  torch::Tensor feature_mean, feature_std;  // set when standardising
  if (o.standardize) {
    feature_mean = train_x.mean(0, true);
    feature_std = train_x.std(0, true, true).clamp_min(1e-6);
    train_x = (train_x - feature_mean) / feature_std;
    test_x = (test_x - feature_mean) / feature_std;
  }
  ProbeResult result =
      fit_probe([&](const torch::Tensor& idx) { return train_x.index({idx}); }, train_x.size(0),
                train_x.size(1), train_y, test_x, test_y, num_classes, o, progress);
  if (o.standardize) {  // W ((x - m) / s) + b = (W / s) x + (b - (W / s) m)
    result.weight = result.weight / feature_std;
    result.bias = result.bias - torch::mv(result.weight, feature_mean.squeeze(0));
  }
  return result;
}

ProbeResult train_linear_probe(const BatchFeatures& train_features, int64_t train_size,
                               const torch::Tensor& train_y, const torch::Tensor& test_x_in,
                               const torch::Tensor& test_y, int64_t num_classes,
                               const ProbeOptions& o, const ProgressFn& progress) {
  if (o.standardize) {
    throw_setting(
        "probe: standardised features need fixed ones; a probe with training-time "
        "augmentation (--probe-preset official) takes the raw features");
  }
  const torch::Tensor test_x = test_x_in.to(torch::kFloat);
  return fit_probe([&](const torch::Tensor& idx) { return train_features(idx).to(torch::kFloat); },
                   train_size, test_x.size(1), train_y, test_x, test_y, num_classes, o, progress);
}

ProbeResult score_predictions(const torch::Tensor& predicted, const torch::Tensor& labels,
                              int64_t num_classes) {
  ProbeResult result;
  const auto correct = predicted.eq(labels).to(torch::kFloat);
  result.top1 = correct.mean().item<double>();
  const auto counts = torch::bincount(labels.cpu(), {}, num_classes);
  const auto hits = torch::bincount(labels.cpu(), correct.cpu(), num_classes);
  for (int64_t c = 0; c < num_classes; ++c) {
    const int64_t count = counts[c].item<int64_t>();
    result.test_counts.push_back(count);
    result.per_class.push_back(count > 0 ? hits[c].item<double>() / double(count) : NAN);
  }
  return result;
}

ShotSplit shot_split(const std::vector<double>& per_class, const std::vector<int64_t>& test_counts,
                     const std::vector<int64_t>& pretrain_counts, int64_t many_above,
                     int64_t few_below) {
  ShotSplit s;
  double hits[3] = {0, 0, 0}, totals[3] = {0, 0, 0};
  for (size_t c = 0; c < per_class.size() && c < pretrain_counts.size(); ++c) {
    if (std::isnan(per_class[c])) continue;
    const int group = pretrain_counts[c] > many_above ? 0 : pretrain_counts[c] < few_below ? 2 : 1;
    hits[group] += per_class[c] * double(test_counts[c]);
    totals[group] += double(test_counts[c]);
    (group == 0 ? s.many_classes : group == 1 ? s.medium_classes : s.few_classes)++;
  }
  s.many = totals[0] > 0 ? hits[0] / totals[0] : NAN;
  s.medium = totals[1] > 0 ? hits[1] / totals[1] : NAN;
  s.few = totals[2] > 0 ? hits[2] / totals[2] : NAN;
  return s;
}

}  // namespace lt
