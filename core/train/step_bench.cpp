#include "train/step_bench.h"

#include <torch/cuda.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include "data/augment.h"
#include "data/fused_view.h"
#include "methods/method.h"
#include "runtime/device.h"
#include "runtime/run_generator.h"
#include "train/graphed_step.h"
#include "util/error.h"

namespace lt {

StepBenchResult bench_step(const StepBenchOptions& o) {
  if (o.batch < 2 || o.steps < 1 || o.size < 8 || o.warmup < 0) {
    throw_setting("bench step needs --batch >= 2, --steps >= 1, --size >= 8");
  }
  set_torch_threads(int(o.threads));
  const DeviceChoice choice = choose_device(o.device, o.precision);
  MethodOptions method;
  method.name = o.method;
  method.projector_layers = o.projector_layers;
  at::Generator init = init_generator(0);
  Method model = make_method(method, EncoderOptions{o.model, true, o.channels}, init);
  model->to(choice.device);
  model->train();
  adopt_memory_format(*model, choice);
  torch::optim::SGD optimizer(model->trainable_parameters(),
                              torch::optim::SGDOptions(0.05).momentum(0.9).weight_decay(5e-4));
  at::Generator gen = run_generator(0);
  Augmenter augment(AugmentConfig{}, o.channels);
  const auto images =
      torch::randint(0, 256, {o.batch, o.channels, o.size, o.size}, gen, torch::kUInt8)
          .to(choice.device);
  const auto labels = torch::randint(0, 10, {o.batch}, gen, torch::kLong).to(choice.device);
  const auto format = activation_format(choice);
  const auto ready = augment.normalize(images).contiguous(format);
  const auto train_on = [&](const torch::Tensor& v1, const torch::Tensor& v2) {
    StepOutput out;
    {
      AutocastGuard autocast(choice);
      out = model->forward(v1, v2, labels);
    }
    optimizer.zero_grad();
    out.loss.backward();
    optimizer.step();
    model->after_optimizer_step();
    return out.loss;
  };
  const auto step = [&] {
    const auto view = [&] { return o.augment ? augment(images, gen).contiguous(format) : ready; };
    const auto v1 = view();
    const auto v2 = model->two_views() ? view() : torch::Tensor();
    return train_on(v1, v2);
  };

  // The graphed step reads each view's augmentation table from a device buffer that stays put;
  // the host draws the next tables and copies them in (from pinned memory) before each replay.
  std::unique_ptr<GraphedStep> graphed;
  std::vector<torch::Tensor> tables;
  const auto refill_tables = [&] {
    for (auto& table : tables) table.copy_(augment.view_table(o.batch, gen).pin_memory(), true);
  };
  if (o.cuda_graph) {
    if (!choice.device.is_cuda() || !cuda_graphs_available() ||
        !fused_view_available(choice.device)) {
      throw_setting(
          "bench step --cuda-graph needs a CUDA device and a build with CUDA kernels (nvcc found "
          "when it was configured)");
    }
    if (o.augment) {
      for (int v = 0; v < (model->two_views() ? 2 : 1); ++v) {
        tables.push_back(
            torch::empty({o.batch, fused::kColumns},
                         torch::TensorOptions().dtype(torch::kFloat).device(choice.device)));
      }
    }
    refill_tables();
    const auto view = [&](size_t v) {
      return v < tables.size() ? augment.view_from_table(images, tables[v]).contiguous(format)
                               : ready;
    };
    graphed = std::make_unique<GraphedStep>(
        [&] { return train_on(view(0), model->two_views() ? view(1) : torch::Tensor()); },
        std::max<int>(3, int(o.warmup)));
  }
  const auto next_step = [&] {
    if (!graphed) return step();
    refill_tables();
    return graphed->replay();
  };
  const auto sync = [&](const torch::Tensor& t) {
    t.item<float>();  // waits for the device
  };
  for (int64_t i = 0; i < o.warmup; ++i) sync(next_step());
  const auto start = std::chrono::steady_clock::now();
  torch::Tensor last;
  for (int64_t i = 0; i < o.steps; ++i) last = next_step();
  sync(last);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {double(o.batch * o.steps) / seconds,
          choice.description + (graphed ? ", whole step in one CUDA graph" : "")};
}

}  // namespace lt
