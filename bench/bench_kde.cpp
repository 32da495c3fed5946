// rwSAM's KDE weights on n random L2-normalised 512-d features: seconds on this machine's CPU
// (float64, chunked) or GPU. Usage: bench_kde N [cuda]
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "eval/kde_weights.h"
#include "runtime/device.h"

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 12406;
  const bool cuda = argc > 2 && std::string(argv[2]) == "cuda";
  lt::set_torch_threads(0);
  torch::manual_seed(0);
  auto f = torch::nn::functional::normalize(torch::randn({n, 512}),
                                            torch::nn::functional::NormalizeFuncOptions().dim(1));
  if (cuda) f = f.to(torch::kCUDA);
  const auto start = std::chrono::steady_clock::now();
  const auto w = lt::kde_weights(f, {}).weights;
  const double mean = w.mean().item<double>();  // waits for the device
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("kde_weights n=%lld d=512 on %s: %.2f s (mean weight %.6f)\n",
              static_cast<long long>(n), cuda ? "cuda" : "cpu", s, mean);
}
