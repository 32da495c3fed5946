// Times the evaluation path in-process:
//   bench_eval probe [N] [D] [EPOCHS]   the paper's probe (batch 4096, lr 30) on N x D features
//   bench_eval features                 resnet-small features of the Fashion-MNIST train split
// Prints key=value lines; bench/eval.sh runs it beside the PyTorch equivalent.
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "data/augment.h"
#include "data/dataset_tensors.h"
#include "data/source.h"
#include "eval/linear_probe.h"
#include "models/features.h"
#include "models/resnet.h"
#include "runtime/device.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  lt::set_torch_threads(0);
  torch::manual_seed(0);
  if (argc >= 2 && std::strcmp(argv[1], "probe") == 0) {
    const int64_t n = argc > 2 ? std::stoll(argv[2]) : 60000;
    const int64_t d = argc > 3 ? std::stoll(argv[3]) : 512;
    const int64_t epochs = argc > 4 ? std::stoll(argv[4]) : 100;
    // Labels from a random linear teacher: a task the probe can learn.
    const auto x = torch::randn({n, d});
    const auto y = torch::matmul(x, torch::randn({d, 10})).argmax(1);
    lt::ProbeOptions options = lt::probe_preset("paper");
    options.epochs = epochs;
    options.lr = 0.1;  // random unit-variance features: the paper's lr 30 is for ReLU features
    const auto start = std::chrono::steady_clock::now();
    const auto r =
        lt::train_linear_probe(x, y, x.slice(0, 0, 10000), y.slice(0, 0, 10000), 10, options);
    std::printf("probe n=%lld d=%lld epochs=%lld seconds=%.3f train_top1=%.3f\n",
                static_cast<long long>(n), static_cast<long long>(d),
                static_cast<long long>(epochs), seconds_since(start), r.top1);
    return 0;
  }
  if (argc >= 2 && std::strcmp(argv[1], "features") == 0) {
    const lt::Dataset data = lt::load_source({"fashion-mnist", "train", true, {}});
    const auto images = lt::to_tensors(data).images;
    lt::ResNet encoder = lt::make_encoder({"resnet-small", true, 1});
    const lt::Augmenter normalizer(lt::AugmentConfig{}, 1);
    const auto start = std::chrono::steady_clock::now();
    const auto features = lt::encode(encoder, images, normalizer, /*bf16=*/false,
                                     /*l2_normalize=*/false, /*batch=*/512);
    const double s = seconds_since(start);
    std::printf("features images=%lld dim=%lld seconds=%.3f images_per_s=%.1f\n",
                static_cast<long long>(features.size(0)), static_cast<long long>(features.size(1)),
                s, double(features.size(0)) / s);
    return 0;
  }
  std::fprintf(stderr, "usage: bench_eval probe [N] [D] [EPOCHS] | features\n");
  return 2;
}
