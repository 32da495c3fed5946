#include "train/step_bench.h"

#include <torch/cuda.h>
#include <torch/torch.h>

#include <chrono>

#include "data/augment.h"
#include "methods/method.h"
#include "runtime/device.h"
#include "runtime/run_generator.h"
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
  const auto step = [&] {
    const auto view = [&] { return o.augment ? augment(images, gen).contiguous(format) : ready; };
    const auto v1 = view();
    const auto v2 = model->two_views() ? view() : torch::Tensor();
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
  const auto sync = [&](const torch::Tensor& t) {
    t.item<float>();  // waits for the device
  };
  for (int64_t i = 0; i < o.warmup; ++i) sync(step());
  const auto start = std::chrono::steady_clock::now();
  torch::Tensor last;
  for (int64_t i = 0; i < o.steps; ++i) last = step();
  sync(last);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {double(o.batch * o.steps) / seconds, choice.description};
}

}  // namespace lt
