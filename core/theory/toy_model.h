// The data of the paper's Theorem 3.1 (Section 3): three classes in d dimensions around two
// orthogonal unit directions e1 and e2 (here the first two coordinates; the noise is isotropic,
// so any orthonormal pair gives the same law).
//   class 1 (frequent): x =  e1 - q tau e2 + rho xi
//   class 2 (frequent): x = -e1 - q tau e2 + rho xi
//   class 3 (rare):     x =       e2       + rho xi,    q uniform in {0, 1}, xi ~ N(0, I_d).
// e1 carries the frequent classes' labels; e2 is label-irrelevant among them (q is a coin) but
// is exactly what tells the rare class apart: the "label-irrelevant-but-transferable" feature.
//
// The theorem is asymptotic in d, so the frequent counts, tau and rho may be given as numbers or
// follow d as powers (n = ceil(d^n_exponent), tau = d^tau_exponent, rho = d^rho_exponent). The
// default exponents (n ~ d^(2/3), tau = 1, rho = d^(-1/3)) are ours, chosen so that both trends
// show between d = 32 and 4,096 in seconds; README ("The toy model of Theorem 3.1") says why.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace lt {

struct ToyModelOptions {
  int64_t d = 256;
  std::optional<int64_t> n1, n2;      // frequent counts; unset: ceil(d^n_exponent)
  int64_t n3 = 2;                     // the rare class: a few examples
  std::optional<double> n3_exponent;  // set: n3 = max(1, floor(d^n3_exponent)) instead of n3
  std::optional<double> tau, rho;     // unset: d^tau_exponent, d^rho_exponent
  double n_exponent = 2.0 / 3;
  double tau_exponent = 0;
  double rho_exponent = -1.0 / 3;
};

// The numbers a configuration stands for at its d.
struct ToyModelParameters {
  int64_t d = 0, n1 = 0, n2 = 0, n3 = 0;
  double tau = 0, rho = 0;
};

// Throws a kSetting lt::Error naming the flag for d < 2 or d > 16,384, a negative count, an empty
// class, tau < 0 or rho < 0, or more than 5,000 examples (the SL solver's dual is dense in 2n).
ToyModelParameters resolve_toy_model(const ToyModelOptions& options);

struct ToyData {
  int64_t n = 0, d = 0;
  std::vector<double> x;       // n x d, row-major
  std::vector<int64_t> label;  // 0, 1 (frequent), 2 (rare); classes in this order
  std::vector<int> q;          // the coin of the frequent examples (0 for the rare class)
};

// Draws the examples class by class (n1, then n2, then n3) from `seed`: the same seed gives the
// same data on every machine with the same LibTorch.
ToyData generate_toy_data(const ToyModelParameters& parameters, uint64_t seed);

}  // namespace lt
