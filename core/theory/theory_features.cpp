#include "theory/theory_features.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "runtime/torch_threads.h"
#include "util/error.h"

namespace lt {
namespace {

using torch::indexing::Slice;

torch::Tensor as_matrix(const std::vector<double>& values, int64_t rows, int64_t cols) {
  return torch::from_blob(const_cast<double*>(values.data()), {rows, cols}, torch::kDouble).clone();
}

std::vector<double> as_vector(const torch::Tensor& t) {
  const auto c = t.contiguous().to(torch::kDouble);
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

torch::Tensor examples(const ToyData& data) {
  if (data.n < 1 || data.d < 1 || int64_t(data.x.size()) != data.n * data.d ||
      int64_t(data.label.size()) != data.n) {
    throw_setting("toy data: x must hold n x d values and label n labels");
  }
  return as_matrix(data.x, data.n, data.d);
}

// The box-constrained dual of the multiclass hard-margin problem,
//   min_a  1/2 a^T H a - 1^T a   s.t. a >= 0,   one a per (example i, class j != y_i),
// with H_ab = G(i_a, i_b) <e_{y_a} - e_{j_a}, e_{y_b} - e_{j_b}>, by Mehrotra's predictor-
// corrector. Each step solves (H + Z/A) da = r with a Cholesky factor: H is only positive
// semi-definite (rank-deficient when d < n), the added diagonal keeps the system definite. The
// multipliers z = H a - 1 are the margins minus one, so feasibility of z is the margin check.
struct DualSolution {
  torch::Tensor alpha;  // N
  int64_t iterations = 0;
};

torch::Tensor cholesky_with_jitter(const torch::Tensor& a) {
  const double scale = a.diagonal().abs().max().item<double>();
  double jitter = 0;
  for (int attempt = 0; attempt < 8; ++attempt) {
    const auto shifted = jitter > 0 ? a + jitter * torch::eye(a.size(0), a.options()) : a;
    auto [factor, info] = torch::linalg_cholesky_ex(shifted);
    if (info.item<int64_t>() == 0) return factor;
    jitter = jitter > 0 ? jitter * 100 : scale * 1e-14;
  }
  throw_data(
      "the supervised solver's linear system stayed singular; the labelled set is "
      "degenerate (repeated examples?): change --seed or raise --rho");
}

double step_to_boundary(const torch::Tensor& v, const torch::Tensor& dv) {
  const auto shrinking = dv < 0;
  if (!shrinking.any().item<bool>()) return 1.0;
  return std::min(1.0,
                  (-v.masked_select(shrinking) / dv.masked_select(shrinking)).min().item<double>());
}

DualSolution solve_dual(const torch::Tensor& h, double separable_bound,
                        const ProgressFn& progress) {
  const int64_t count = h.size(0);
  const double scale = h.diagonal().mean().item<double>();
  auto alpha = torch::full({count}, 1.0 / scale, h.options());
  auto z = torch::ones({count}, h.options());
  const auto ones = torch::ones({count}, h.options());
  constexpr int64_t kMaxIterations = 200;
  for (int64_t it = 0; it < kMaxIterations; ++it) {
    const auto h_alpha = h.mv(alpha);
    const double residual = (h_alpha - 1 - z).abs().max().item<double>();
    const double gap = alpha.dot(z).item<double>();
    const double dual = alpha.sum().item<double>() - 0.5 * alpha.dot(h_alpha).item<double>();
    if (dual > separable_bound) break;  // heading to infinity: no margin-1 solution
    if (gap <= 1e-12 * std::max(dual, 1e-300) && residual <= 1e-10) return {alpha, it};
    report(progress, "supervised solution (interior point)", it, kMaxIterations);
    const double mu = gap / double(count);
    const auto factor = cholesky_with_jitter(h + torch::diag(z / alpha));
    const auto solve = [&](const torch::Tensor& rhs) {
      return torch::cholesky_solve(rhs.unsqueeze(1), factor).squeeze(1);
    };
    // Predictor: the affine-scaling direction.
    const auto base = ones - h_alpha;
    const auto da_aff = solve(base);
    const auto dz_aff = -z - z / alpha * da_aff;
    const double a_aff = step_to_boundary(alpha, da_aff), z_aff = step_to_boundary(z, dz_aff);
    const double mu_aff =
        (alpha + a_aff * da_aff).dot(z + z_aff * dz_aff).item<double>() / double(count);
    const double sigma = std::pow(mu_aff / mu, 3);
    // Corrector: centring plus the second-order term of the complementarity.
    const auto corr = da_aff * dz_aff;
    const auto da = solve(base + (sigma * mu - corr) / alpha);
    const auto dz = (sigma * mu - alpha * z - corr - z * da) / alpha;
    alpha = alpha + 0.99 * step_to_boundary(alpha, da) * da;
    z = z + 0.99 * step_to_boundary(z, dz) * dz;
  }
  const double dual = alpha.sum().item<double>() - 0.5 * alpha.dot(h.mv(alpha)).item<double>();
  if (dual > separable_bound) {
    throw_data(
        "the labelled toy data are not linearly separable through the origin, so the "
        "minimum-norm supervised network does not exist: raise --d or lower --rho");
  }
  throw_data(
      "the supervised solver did not converge in 200 interior-point steps; try another "
      "--seed or a smaller --rho");
}

// Unit direction of each row of `f` with its gain, dropping rows of negligible gain.
struct RowSpace {
  torch::Tensor directions;  // r x d
  torch::Tensor gains;       // r
};

RowSpace row_space(const torch::Tensor& f) {
  auto [u, s, vh] = torch::linalg_svd(f, /*full_matrices=*/false);
  const double top = s.numel() ? s[0].item<double>() : 0;
  // Gains are square roots (of lambda or of W's singular values), so rounding's 1e-16 shows
  // here as 1e-8: 1e-6 tells a real direction from the rank W's zero row sum leaves out.
  const int64_t rank = top > 0 ? (s > 1e-6 * top).sum().item<int64_t>() : 0;
  return {vh.slice(0, 0, rank), s.slice(0, 0, rank)};
}

// Logistic regression of "rare or not" on features z (n x r), a bias unpenalised and a small
// ridge on the weights, each side of the question weighing one half; Newton's method to the
// optimum (a few steps: r is 2 or 3).
torch::Tensor fit_rare_probe(const torch::Tensor& z, const torch::Tensor& is_rare) {
  const int64_t n = z.size(0), r = z.size(1);
  const auto a = torch::cat({z, torch::ones({n, 1}, z.options())}, 1);
  const auto t = is_rare.to(torch::kDouble);
  const double rare = t.sum().item<double>();
  const auto weight = torch::where(is_rare, 0.5 / rare, 0.5 / (double(n) - rare));
  auto penalty = torch::full({r + 1}, 1e-3, z.options());
  penalty[r] = 0;
  auto beta = torch::zeros({r + 1}, z.options());
  for (int it = 0; it < 100; ++it) {
    const auto p = torch::sigmoid(a.mv(beta));
    const auto grad = a.t().mv(weight * (p - t)) + penalty * beta;
    const auto hess = a.t().mm(a * (weight * p * (1 - p)).unsqueeze(1)) + torch::diag(penalty) +
                      1e-12 * torch::eye(r + 1, z.options());
    const auto step = torch::linalg_solve(hess, grad.unsqueeze(1)).squeeze(1);
    beta = beta - step;
    if (step.abs().max().item<double>() < 1e-10) break;
  }
  return beta;
}

double rare_probe_accuracy(const torch::Tensor& feature, const torch::Tensor& train_x,
                           const torch::Tensor& train_rare, const torch::Tensor& test_x,
                           const torch::Tensor& test_rare) {
  const RowSpace rows = row_space(feature);
  // The feature as it is (its rows' gains kept), scaled so that its strongest direction has
  // gain 1: a probe with a fixed ridge then sees what the representation emphasises.
  const auto f = rows.directions * (rows.gains / rows.gains[0]).unsqueeze(1);
  const auto beta = fit_rare_probe(train_x.mm(f.t()), train_rare);
  const auto z = test_x.mm(f.t());
  const auto scores = z.mv(beta.slice(0, 0, f.size(0))) + beta[f.size(0)];
  const auto said_rare = scores > 0;
  const double hit_rare =
      (said_rare & test_rare).sum().item<double>() / test_rare.sum().item<double>();
  const double hit_rest =
      (~said_rare & ~test_rare).sum().item<double>() / (~test_rare).sum().item<double>();
  return 0.5 * (hit_rare + hit_rest);
}

std::vector<PlaneDirection> plane_directions(const torch::Tensor& feature) {
  const RowSpace rows = row_space(feature);
  std::vector<PlaneDirection> out;
  for (int64_t k = 0; k < rows.directions.size(0); ++k) {
    out.push_back({rows.directions[k][0].item<double>(), rows.directions[k][1].item<double>(),
                   rows.gains[k].item<double>()});
  }
  return out;
}

torch::Tensor rare_mask(const ToyData& data) {
  auto mask = torch::zeros({data.n}, torch::kBool);
  for (int64_t i = 0; i < data.n; ++i) mask[i] = data.label[size_t(i)] == 2;
  return mask;
}

}  // namespace

SslFeature ssl_feature(const ToyData& data, int64_t m) {
  const auto x = examples(data);
  const int64_t n = data.n, d = data.d;
  if (m < 1 || m > std::min(n, d)) {
    throw_setting("--m must be between 1 and min(n, d) = " + std::to_string(std::min(n, d)));
  }
  torch::Tensor values, vectors;  // top m, descending; vectors m x d
  if (d <= n) {
    auto [w, v] = torch::linalg_eigh(x.t().mm(x) / double(n));
    values = w.flip(0).slice(0, 0, m);
    vectors = v.flip(1).slice(1, 0, m).t();
  } else {
    // M = X^T X / n and X X^T / n share their nonzero eigenvalues; v = X^T u / sqrt(n lambda).
    auto [w, u] = torch::linalg_eigh(x.mm(x.t()) / double(n));
    values = w.flip(0).slice(0, 0, m);
    const auto top_u = u.flip(1).slice(1, 0, m);
    const auto positive = values.clamp_min(0);
    const auto safe =
        torch::where(positive > 0, (double(n) * positive).sqrt(), torch::ones_like(positive));
    vectors = (x.t().mm(top_u) / safe).t() * (positive > 0).to(torch::kDouble).unsqueeze(1);
  }
  SslFeature out;
  out.m = m;
  out.d = d;
  out.eigenvalues = as_vector(values);
  out.directions = as_vector(vectors);
  out.feature = as_vector(values.clamp_min(0).sqrt().unsqueeze(1) * vectors);
  return out;
}

SlFeature sl_feature(const ToyData& data, const ProgressFn& progress) {
  const auto x = examples(data);
  const int64_t n = data.n;
  int64_t classes = 0;
  for (int64_t y : data.label) {
    if (y < 0) throw_setting("toy data: labels must be >= 0");
    classes = std::max(classes, y + 1);
  }
  classes = std::max<int64_t>(classes, 2);
  // One dual variable per (example, other class).
  std::vector<int64_t> idx, own, other;
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < classes; ++j) {
      if (j == data.label[size_t(i)]) continue;
      idx.push_back(i);
      own.push_back(data.label[size_t(i)]);
      other.push_back(j);
    }
  }
  const auto long_tensor = [](const std::vector<int64_t>& v) {
    return torch::tensor(v, torch::kLong);
  };
  const auto i_t = long_tensor(idx), y_t = long_tensor(own), j_t = long_tensor(other);
  const auto e = torch::one_hot(y_t, classes).to(torch::kDouble) -
                 torch::one_hot(j_t, classes).to(torch::kDouble);
  const auto gram = x.mm(x.t());
  const auto h = gram.index_select(0, i_t).index_select(1, i_t) * e.mm(e.t());
  // ||W||^2 = 2 * dual at the optimum; beyond this the margin would be a 1e-6 sliver of the data.
  const double mean_sq = gram.diagonal().mean().item<double>();
  const double bound = 0.5e12 / std::max(mean_sq, 1e-300);
  const DualSolution sol = solve_dual(h, bound, progress);

  // w_k = sum over pairs a of alpha_a (e_{y_a} - e_{j_a})_k x_{i_a}.
  auto coef = torch::zeros({classes, n}, torch::kDouble);
  coef.index_put_({y_t, i_t}, sol.alpha, /*accumulate=*/true);
  coef.index_put_({j_t, i_t}, -sol.alpha, /*accumulate=*/true);
  const auto w = coef.mm(x);

  const auto scores = x.mm(w.t());
  const auto y_all = torch::tensor(data.label, torch::kLong);
  const auto own_score = scores.gather(1, y_all.unsqueeze(1)).squeeze(1);
  auto others = scores.clone();
  others.scatter_(1, y_all.unsqueeze(1), -std::numeric_limits<double>::infinity());
  const auto margins = own_score - std::get<0>(others.max(1));
  SlFeature out;
  out.classes = classes;
  out.d = data.d;
  out.classifier = as_vector(w);
  auto [u, s, vh] = torch::linalg_svd(w, /*full_matrices=*/false);
  out.singular_values = as_vector(s);
  out.feature = as_vector(s.sqrt().unsqueeze(1) * vh);
  out.norm = w.norm().item<double>();
  out.min_margin = margins.min().item<double>();
  out.support_vectors = (margins < 1 + 1e-6).sum().item<int64_t>();
  out.iterations = sol.iterations;
  if (out.min_margin < 1 - 1e-6) {
    throw_data("the supervised solver's answer misses a margin (" + std::to_string(out.min_margin) +
               " < 1); the data are nearly inseparable: "
               "raise --d or lower --rho");
  }
  return out;
}

E2Numbers e2_numbers(const std::vector<double>& feature, int64_t rows, int64_t d) {
  if (d < 2 || rows < 1 || int64_t(feature.size()) != rows * d)
    throw_setting("e2_numbers: the feature must hold rows x d values with d >= 2");
  const RowSpace r = row_space(as_matrix(feature, rows, d));
  E2Numbers out;
  if (r.gains.numel() == 0) return out;
  const auto along = r.directions.select(1, 1).pow(2);  // <v_k, e2>^2
  out.projection = along.sum().item<double>();
  out.weighted = ((r.gains / r.gains[0]).pow(2) * along).sum().item<double>();
  return out;
}

TheoryResult solve_theory(const TheoryOptions& o, const ProgressFn& progress) {
  const auto start = std::chrono::steady_clock::now();
  const ScopedTorchThreads threads(o.threads);
  if (o.probe_per_class < 1) throw_setting("--probe-examples must be at least 1");
  if (o.probe_test_per_class < 1) throw_setting("--probe-test must be at least 1");
  TheoryResult r;
  r.parameters = resolve_toy_model(o.toy);
  r.m = o.m;
  r.seed = o.seed;
  constexpr int64_t kStages = 4;
  report(progress, "drawing the toy data", 0, kStages);
  const ToyData data = generate_toy_data(r.parameters, o.seed);

  report(progress, "self-supervised feature (eigendecomposition)", 1, kStages);
  const SslFeature ssl = ssl_feature(data, o.m);
  const E2Numbers ssl_numbers = e2_numbers(ssl.feature, ssl.m, data.d);
  r.ssl_e2 = ssl_numbers.projection;
  r.ssl_e2_weighted = ssl_numbers.weighted;
  r.ssl_eigenvalues = ssl.eigenvalues;

  report(progress, "supervised feature (minimum-norm classifier)", 2, kStages);
  const SlFeature sl = sl_feature(data, progress);
  const E2Numbers sl_numbers = e2_numbers(sl.feature, sl.classes, data.d);
  r.sl_e2 = sl_numbers.weighted;
  r.sl_e2_projection = sl_numbers.projection;
  r.sl_singular_values = sl.singular_values;
  r.sl_norm = sl.norm;
  r.sl_min_margin = sl.min_margin;
  r.sl_support_vectors = sl.support_vectors;
  r.sl_iterations = sl.iterations;

  report(progress, "rare-class probes on fresh examples", 3, kStages);
  ToyModelParameters fresh = r.parameters;
  fresh.n1 = fresh.n2 = fresh.n3 = o.probe_per_class;
  const ToyData train = generate_toy_data(fresh, o.seed ^ 0x9e3779b97f4a7c15ULL);
  fresh.n1 = fresh.n2 = fresh.n3 = o.probe_test_per_class;
  const ToyData test = generate_toy_data(fresh, (o.seed ^ 0x9e3779b97f4a7c15ULL) + 1);
  const auto train_x = examples(train), test_x = examples(test);
  const auto train_rare = rare_mask(train), test_rare = rare_mask(test);
  const auto ssl_f = as_matrix(ssl.feature, ssl.m, data.d);
  const auto sl_f = as_matrix(sl.feature, sl.classes, data.d);
  r.ssl_probe = rare_probe_accuracy(ssl_f, train_x, train_rare, test_x, test_rare);
  r.sl_probe = rare_probe_accuracy(sl_f, train_x, train_rare, test_x, test_rare);

  r.points_e1.reserve(size_t(data.n));
  r.points_e2.reserve(size_t(data.n));
  for (int64_t i = 0; i < data.n; ++i) {
    r.points_e1.push_back(data.x[size_t(i * data.d)]);
    r.points_e2.push_back(data.x[size_t(i * data.d + 1)]);
  }
  r.labels = data.label;
  r.ssl_directions = plane_directions(ssl_f);
  r.sl_directions = plane_directions(sl_f);
  report(progress, "done", kStages, kStages);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace lt
