#include "theory/toy_model.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "util/error.h"

namespace lt {
namespace {

constexpr int64_t kMaxExamples = 5000;
constexpr int64_t kMaxDimension = 16384;  // the probe's test set stays under 200 MB

int64_t count_from(const std::optional<int64_t>& given, double d, double exponent,
                   const char* flag) {
  if (given) {
    if (*given < 1)
      throw_setting(std::string(flag) + " must be at least 1 (every class needs an example)");
    return *given;
  }
  // A hair below the integer so that d^(2/3) = 16 at d = 64 does not round up to 17.
  return std::max<int64_t>(1, int64_t(std::ceil(std::pow(d, exponent) - 1e-9)));
}

double scale_from(const std::optional<double>& given, double d, double exponent, const char* flag) {
  if (given) {
    if (!std::isfinite(*given) || *given < 0)
      throw_setting(std::string(flag) + " must be a number >= 0");
    return *given;
  }
  if (!std::isfinite(exponent))
    throw_setting(std::string(flag) + "-exponent must be a finite number");
  return std::pow(d, exponent);
}

}  // namespace

ToyModelParameters resolve_toy_model(const ToyModelOptions& o) {
  if (o.d < 2 || o.d > kMaxDimension)
    throw_setting("--d must be between 2 and 16384 (e1 and e2 need two dimensions)");
  if (o.n3 < 1) throw_setting("--n3 must be at least 1 (the rare class needs an example)");
  if (!std::isfinite(o.n_exponent) || o.n_exponent < 0 || o.n_exponent > 2)
    throw_setting("--n-exponent must be between 0 and 2");
  ToyModelParameters p;
  p.d = o.d;
  const double d = double(o.d);
  p.n1 = count_from(o.n1, d, o.n_exponent, "--n1");
  p.n2 = count_from(o.n2, d, o.n_exponent, "--n2");
  if (o.n3_exponent) {
    if (!std::isfinite(*o.n3_exponent) || *o.n3_exponent < 0 || *o.n3_exponent > 1)
      throw_setting("the rare count's exponent must be between 0 and 1");
    // A small epsilon: 32^(1/5) is 2 exactly, not 1.9999999.
    p.n3 = std::max<int64_t>(1, int64_t(std::floor(std::pow(d, *o.n3_exponent) + 1e-9)));
  } else {
    p.n3 = o.n3;
  }
  p.tau = scale_from(o.tau, d, o.tau_exponent, "--tau");
  p.rho = scale_from(o.rho, d, o.rho_exponent, "--rho");
  const int64_t n = p.n1 + p.n2 + p.n3;
  if (n > kMaxExamples) {
    throw_setting("the toy model at d = " + std::to_string(p.d) + " has " + std::to_string(n) +
                  " examples; at most 5000 fit the supervised solver (lower --n1/--n2 or "
                  "--n-exponent)");
  }
  return p;
}

ToyData generate_toy_data(const ToyModelParameters& p, uint64_t seed) {
  ToyData data;
  data.n = p.n1 + p.n2 + p.n3;
  data.d = p.d;
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  auto x = torch::randn({data.n, p.d}, gen, torch::kDouble) * p.rho;
  const auto coins = torch::randint(0, 2, {data.n}, gen, torch::kLong);
  auto acc = x.accessor<double, 2>();
  const auto coin = coins.accessor<int64_t, 1>();
  data.label.resize(size_t(data.n));
  data.q.resize(size_t(data.n));
  for (int64_t i = 0; i < data.n; ++i) {
    const int64_t label = i < p.n1 ? 0 : i < p.n1 + p.n2 ? 1 : 2;
    data.label[size_t(i)] = label;
    if (label == 2) {
      acc[i][1] += 1;
      continue;
    }
    const int q = int(coin[i]);
    data.q[size_t(i)] = q;
    acc[i][0] += label == 0 ? 1 : -1;
    acc[i][1] -= q * p.tau;
  }
  data.x.assign(x.data_ptr<double>(), x.data_ptr<double>() + x.numel());
  return data;
}

}  // namespace lt
