// The two representations of Theorem 3.1 on the toy data, and the numbers that compare them.
//
// SSL: minimising -E[(W(x+xi))^T W(x+xi')] + 1/2 ||W^T W||_F^2 over W (m x d) gives
//   W^T W = the best rank-m positive part of M = (1/n) sum_i x_i x_i^T,
// so W_SSL = Lambda_m^(1/2) V_m^T from M's top-m eigenpairs (float64 eigh; through the n x n Gram
// matrix when d > n, which gives the same pairs for a fraction of the work).
//
// SL: the minimum-norm two-layer linear network with margin 1 on the labelled set. Its balanced
// factorisation makes it the minimum-Frobenius-norm multiclass hard-margin linear classifier
//   min 1/2 ||W||_F^2  s.t.  (w_y - w_j) . x >= 1  for every example (x, y) and class j != y,
// with the feature W_SL = S^(1/2) V^T from W = U S V^T. We solve its dual (n (K-1) variables
// >= 0, on the Gram matrix, so d is cheap) with a primal-dual interior-point method to a duality
// gap of 1e-12, then check every margin.
//
// The numbers, each in [0, 1] (F a feature matrix, rows f_i; Pi_F the projection on its rows):
//   ssl_e2           = ||Pi_SSL e2||^2                                  (Theorem 3.1: -> 1)
//   sl_e2            = sum_i <e2, f_i>^2 / ||F||_op^2 for F = W_SL      (Theorem 3.1: -> 0)
//                    = sum_k (s_k / s_1) <v_k, e2>^2, the theorem's sum for the feature scaled
//                      so that its strongest direction has gain 1 (the sum itself scales with W)
//   ssl_e2_weighted  = the same weighted sum for W_SSL (lambda_e2 / lambda_1: stays near
//                      tau^2 / 2 with the default tau = 1; it does not go to 1)
//   sl_e2_projection = ||Pi_SL e2||^2, unweighted (also -> 0, more slowly)
//   ssl_probe, sl_probe: balanced accuracy of "rare class or not" by a logistic-regression probe
//                      (ridge 1e-3, the feature scaled to unit operator norm) trained on
//                      probe_per_class fresh examples of each class and tested on
//                      probe_test_per_class fresh examples of each.
#pragma once

#include <cstdint>
#include <vector>

#include "theory/toy_model.h"
#include "util/progress.h"

namespace lt {

// Top-m eigenpairs of M with their positive parts: feature rows sqrt(lambda_k) v_k^T.
struct SslFeature {
  int64_t m = 0, d = 0;
  std::vector<double> eigenvalues;  // m, descending (those <= 0 give zero rows)
  std::vector<double> directions;   // m x d, row-major: the unit eigenvectors v_k
  std::vector<double> feature;      // m x d, row-major: W_SSL = Lambda^(1/2) V^T
};
// Throws a kSetting lt::Error for m < 1 or m > min(n, d).
SslFeature ssl_feature(const ToyData& data, int64_t m);

struct SlFeature {
  int64_t classes = 0, d = 0;
  std::vector<double> classifier;       // K x d: the minimum-norm W
  std::vector<double> feature;          // K x d: W_SL = S^(1/2) V^T
  std::vector<double> singular_values;  // K, descending
  double norm = 0;                      // ||W||_F
  double min_margin = 0;                // min over examples and j != y of (w_y - w_j) . x
  int64_t support_vectors = 0;          // examples with an active constraint
  int64_t iterations = 0;
};
// Throws a kData lt::Error when the labelled set is not linearly separable through the origin
// (no W reaches margin 1 with ||W||_F^2 below 1e12 / mean ||x||^2).
SlFeature sl_feature(const ToyData& data, const ProgressFn& progress = {});

struct E2Numbers {
  double projection = 0;  // ||Pi_F e2||^2
  double weighted = 0;    // ||F e2||^2 / ||F||_op^2
};
// `feature`: rows x d, row-major; e2 is coordinate 1.
E2Numbers e2_numbers(const std::vector<double>& feature, int64_t rows, int64_t d);

struct TheoryOptions {
  ToyModelOptions toy;
  int64_t m = 2;  // SSL feature rank: e1 and e2
  uint64_t seed = 0;
  int64_t probe_per_class = 5;  // "a few balanced examples"
  int64_t probe_test_per_class = 1000;
  int64_t threads = 0;  // torch CPU threads for this call (restored after); 0: torch's setting
};

// A feature direction on the (e1, e2) plane, for drawing: the unit row direction's first two
// coordinates and its gain (sqrt(lambda_k) for SSL, sqrt(s_k) for SL).
struct PlaneDirection {
  double e1 = 0, e2 = 0, gain = 0;
};

struct TheoryResult {
  ToyModelParameters parameters;
  int64_t m = 0;
  uint64_t seed = 0;
  double ssl_e2 = 0, sl_e2 = 0;
  double ssl_e2_weighted = 0, sl_e2_projection = 0;
  double ssl_probe = 0, sl_probe = 0;
  std::vector<double> ssl_eigenvalues;
  std::vector<double> sl_singular_values;
  double sl_norm = 0, sl_min_margin = 0;
  int64_t sl_support_vectors = 0, sl_iterations = 0;
  // For drawing: every training example on (e1, e2) with its label, and the feature directions.
  std::vector<double> points_e1, points_e2;
  std::vector<int64_t> labels;
  std::vector<PlaneDirection> ssl_directions, sl_directions;
  double seconds = 0;
};

// One configuration, one seed: data, both features, the numbers and the probes. Seconds at
// d = 4,096. `progress` is called between stages and may cancel (lt::Cancelled).
TheoryResult solve_theory(const TheoryOptions& options, const ProgressFn& progress = {});

}  // namespace lt
