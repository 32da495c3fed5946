// The toy model of Theorem 3.1: the generator's moments, the SSL solution against a direct
// eigendecomposition and a 3-d example worked by hand, the SL solution's margins against closed
// forms and cvxpy, and the theorem's trends (SSL keeps e2, SL loses it) over a short sweep.
#include <sys/wait.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "test_support.h"
#include "theory/theory_preset.h"
#include "theory/theory_sweep.h"
#include "util/error.h"

namespace {

torch::Tensor matrix(const std::vector<double>& v, int64_t rows, int64_t cols) {
  return torch::tensor(v, torch::kDouble).reshape({rows, cols});
}

lt::ToyData data_of(const std::vector<std::vector<double>>& rows,
                    const std::vector<int64_t>& labels) {
  lt::ToyData data;
  data.n = int64_t(rows.size());
  data.d = int64_t(rows.at(0).size());
  for (const auto& r : rows) data.x.insert(data.x.end(), r.begin(), r.end());
  data.label = labels;
  data.q.assign(rows.size(), 0);
  return data;
}

TEST(TheoryToyModel, ResolvesPowersOfDAndNumbersGiven) {
  lt::ToyModelOptions o;
  o.d = 64;
  const auto p = lt::resolve_toy_model(o);
  EXPECT_EQ(p.n1, 16);  // 64^(2/3), not rounded up to 17
  EXPECT_EQ(p.n2, 16);
  EXPECT_EQ(p.n3, 2);
  EXPECT_DOUBLE_EQ(p.tau, 1.0);
  EXPECT_NEAR(p.rho, 0.25, 1e-12);
  o.n1 = 100;
  o.tau = 0.3;
  o.rho_exponent = -0.5;
  const auto q = lt::resolve_toy_model(o);
  EXPECT_EQ(q.n1, 100);
  EXPECT_EQ(q.n2, 16);
  EXPECT_DOUBLE_EQ(q.tau, 0.3);
  EXPECT_NEAR(q.rho, 0.125, 1e-12);
}

TEST(TheoryToyModel, TheTheoremPresetIsTheTheoremsRegime) {
  lt::TheoryOptions o;
  lt::apply_theory_preset("theorem", o);
  EXPECT_EQ(o.m, 3);
  for (int64_t d : {32, 100, 1024, 2048}) {
    o.toy.d = d;
    const auto p = lt::resolve_toy_model(o.toy);
    EXPECT_EQ(p.n1, d);
    EXPECT_EQ(p.n2, d);
    EXPECT_EQ(p.n3, int64_t(std::floor(std::pow(double(d), 0.2) + 1e-9))) << d;
    EXPECT_NEAR(p.tau, std::pow(double(d), 0.2), 1e-9);
    EXPECT_NEAR(p.rho, std::pow(double(d), -0.2), 1e-12);
  }
  o.toy.d = 32;
  EXPECT_EQ(lt::resolve_toy_model(o.toy).n3, 2);  // 32^(1/5) = 2 exactly
  o.toy.d = lt::kTheoremPresetMaxD * 2;
  EXPECT_LT_ERROR(lt::resolve_toy_model(o.toy), lt::ErrorKind::kSetting, "5000");
  // Back to the trends: today's defaults.
  lt::apply_theory_preset("trends", o);
  o.toy.d = 64;
  const auto q = lt::resolve_toy_model(o.toy);
  EXPECT_EQ(q.n1, 16);
  EXPECT_EQ(q.n3, 2);
  EXPECT_EQ(o.m, 2);
  EXPECT_LT_ERROR(lt::apply_theory_preset("paper", o), lt::ErrorKind::kSetting, "theorem");
}

TEST(TheoryToyModel, RefusesNonsenseNamingTheFlag) {
  lt::ToyModelOptions o;
  o.d = 1;
  EXPECT_LT_ERROR(lt::resolve_toy_model(o), lt::ErrorKind::kSetting, "--d");
  o = {};
  o.n3 = 0;
  EXPECT_LT_ERROR(lt::resolve_toy_model(o), lt::ErrorKind::kSetting, "--n3");
  o = {};
  o.tau = -1;
  EXPECT_LT_ERROR(lt::resolve_toy_model(o), lt::ErrorKind::kSetting, "--tau");
  o = {};
  o.n1 = 6000;
  EXPECT_LT_ERROR(lt::resolve_toy_model(o), lt::ErrorKind::kSetting, "--n1");
}

TEST(TheoryToyModel, ClassMeansAndCovariancesAreTheTheorems) {
  lt::ToyModelParameters p;
  p.d = 5;
  p.n1 = p.n2 = p.n3 = 40000;
  p.tau = 0.8;
  p.rho = 0.5;
  const lt::ToyData data = lt::generate_toy_data(p, 7);
  ASSERT_EQ(data.n, 120000);
  const auto x = matrix(data.x, data.n, data.d);
  const double t = p.tau, r2 = p.rho * p.rho;
  for (int64_t c = 0; c < 3; ++c) {
    const auto part = x.slice(0, c * 40000, (c + 1) * 40000);
    const auto mean = part.mean(0);
    auto expected_mean = torch::zeros({5}, torch::kDouble);
    // Class 1: e1 - q tau e2; class 2: -e1 - q tau e2; class 3: e2 (q is a fair coin).
    expected_mean[0] = c == 0 ? 1.0 : c == 1 ? -1.0 : 0.0;
    expected_mean[1] = c == 2 ? 1.0 : -t / 2;
    EXPECT_LT((mean - expected_mean).abs().max().item<double>(), 0.01) << "class " << c;
    const auto centred = part - mean;
    const auto cov = centred.t().mm(centred) / double(part.size(0) - 1);
    auto expected_cov = r2 * torch::eye(5, torch::kDouble);
    if (c < 2) expected_cov[1][1] += t * t / 4;  // Var(q tau) = tau^2 / 4
    EXPECT_LT((cov - expected_cov).abs().max().item<double>(), 0.01) << "class " << c;
  }
  for (int64_t i = 0; i < data.n; ++i) ASSERT_EQ(data.label[size_t(i)], i / 40000);
  // The same seed gives the same data; another seed other data.
  p.n1 = p.n2 = p.n3 = 3;
  EXPECT_EQ(lt::generate_toy_data(p, 1).x, lt::generate_toy_data(p, 1).x);
  EXPECT_NE(lt::generate_toy_data(p, 1).x, lt::generate_toy_data(p, 2).x);
}

// W^T W of the SSL feature against M's eigendecomposition done here, on the d x d matrix.
void expect_best_rank_m(const lt::ToyData& data, int64_t m) {
  const lt::SslFeature f = lt::ssl_feature(data, m);
  const auto x = matrix(data.x, data.n, data.d);
  auto [w, v] = torch::linalg_eigh(x.t().mm(x) / double(data.n));
  const auto top_w = w.flip(0).slice(0, 0, m), top_v = v.flip(1).slice(1, 0, m);
  const auto expected = top_v.mm(torch::diag(top_w)).mm(top_v.t());
  const auto feature = matrix(f.feature, m, data.d);
  EXPECT_LT((feature.t().mm(feature) - expected).abs().max().item<double>(), 1e-10);
  for (int64_t k = 0; k < m; ++k)
    EXPECT_NEAR(f.eigenvalues[size_t(k)], top_w[k].item<double>(), 1e-10);
}

TEST(TheorySslFeature, IsTheBestRankMPartOfTheSecondMomentBothWays) {
  lt::ToyModelParameters p;
  p.d = 40;
  p.n1 = p.n2 = 30;
  p.n3 = 3;
  p.tau = 1;
  p.rho = 0.3;
  expect_best_rank_m(lt::generate_toy_data(p, 3), 2);  // n > d: eigh of M itself
  p.d = 200;
  expect_best_rank_m(lt::generate_toy_data(p, 4), 3);  // d > n: through the Gram matrix
}

TEST(TheorySslFeature, MatchesTheClosedFormWorkedByHand) {
  // Sum of x x^T = [[5,3,0],[3,5,0],[0,0,1]], so M = that / 3 has eigenvalues 8/3, 2/3, 1/3 with
  // eigenvectors (1,1,0)/sqrt2, (1,-1,0)/sqrt2, e3. Rank 2: W^T W = [[5/3,1,0],[1,5/3,0],[0,0,0]].
  const auto data = data_of({{2, 2, 0}, {1, -1, 0}, {0, 0, 1}}, {0, 1, 2});
  const lt::SslFeature two = lt::ssl_feature(data, 2);
  EXPECT_NEAR(two.eigenvalues[0], 8.0 / 3, 1e-12);
  EXPECT_NEAR(two.eigenvalues[1], 2.0 / 3, 1e-12);
  const auto f = matrix(two.feature, 2, 3);
  const auto expected =
      torch::tensor({5.0 / 3, 1.0, 0.0, 1.0, 5.0 / 3, 0.0, 0.0, 0.0, 0.0}, torch::kDouble)
          .reshape({3, 3});
  EXPECT_LT((f.t().mm(f) - expected).abs().max().item<double>(), 1e-12);
  // e2 lies in the span of the top two: all of it is kept; weighted, (5/3) / (8/3).
  const lt::E2Numbers n2 = lt::e2_numbers(two.feature, 2, 3);
  EXPECT_NEAR(n2.projection, 1.0, 1e-12);
  EXPECT_NEAR(n2.weighted, 5.0 / 8, 1e-12);
  // Rank 1 keeps (1,1,0)/sqrt2 only: half of e2.
  const lt::SslFeature one = lt::ssl_feature(data, 1);
  const lt::E2Numbers n1 = lt::e2_numbers(one.feature, 1, 3);
  EXPECT_NEAR(n1.projection, 0.5, 1e-12);
  EXPECT_NEAR(n1.weighted, 0.5, 1e-12);
  EXPECT_LT_ERROR(lt::ssl_feature(data, 4), lt::ErrorKind::kSetting, "--m");
}

TEST(TheorySlFeature, OrthonormalPointsGiveTheClosedForm) {
  // Each point constrains its own column of W: c_y - c_j >= 1 at least norm gives c_y = 2/3,
  // c_j = -1/3, so W = I - J/3 and ||W||_F = sqrt 2.
  const auto data = data_of({{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {0, 1, 2});
  const lt::SlFeature sl = lt::sl_feature(data);
  const auto w = matrix(sl.classifier, 3, 3);
  const auto expected =
      torch::eye(3, torch::kDouble) - torch::full({3, 3}, 1.0 / 3, torch::kDouble);
  EXPECT_LT((w - expected).abs().max().item<double>(), 1e-8);
  EXPECT_NEAR(sl.norm, std::sqrt(2.0), 1e-8);
  EXPECT_NEAR(sl.min_margin, 1.0, 1e-8);
  EXPECT_EQ(sl.support_vectors, 3);
  // W_SL = S^(1/2) V^T: W_SL^T W_SL = V S V^T, and W^T W = V S^2 V^T.
  const auto f = matrix(sl.feature, 3, 3);
  EXPECT_NEAR(f.t().mm(f).trace().item<double>(),
              sl.singular_values[0] + sl.singular_values[1] + sl.singular_values[2], 1e-10);
}

TEST(TheorySlFeature, MeetsEveryMarginOnTheToyData) {
  lt::ToyModelOptions o;
  o.d = 128;
  const lt::ToyData data = lt::generate_toy_data(lt::resolve_toy_model(o), 5);
  const lt::SlFeature sl = lt::sl_feature(data);
  const auto w = matrix(sl.classifier, 3, data.d);
  const auto scores = matrix(data.x, data.n, data.d).mm(w.t());
  double worst = 1e9;
  int64_t tight = 0;
  for (int64_t i = 0; i < data.n; ++i) {
    const int64_t y = data.label[size_t(i)];
    double least = 1e9;
    for (int64_t j = 0; j < 3; ++j) {
      if (j != y) least = std::min(least, (scores[i][y] - scores[i][j]).item<double>());
    }
    worst = std::min(worst, least);
    tight += least < 1 + 1e-6;
  }
  EXPECT_GE(worst, 1 - 1e-8);
  EXPECT_NEAR(worst, sl.min_margin, 1e-12);
  EXPECT_EQ(tight, sl.support_vectors);
  EXPECT_GT(tight, 0);  // the minimum norm presses against some margins
  // Only differences of rows enter the constraints, so the minimum-norm rows sum to zero.
  EXPECT_LT(w.sum(0).abs().max().item<double>(), 1e-10);
  EXPECT_EQ(sl.singular_values.size(), 3u);
  EXPECT_LT(sl.singular_values[2], 1e-10 * sl.singular_values[0]);
}

TEST(TheorySlFeature, SaysWhenTheDataAreNotSeparable) {
  // The same point in two classes: no W separates them.
  const auto data = data_of({{1, 0}, {1, 0}, {0, 1}}, {0, 1, 2});
  EXPECT_LT_ERROR(lt::sl_feature(data), lt::ErrorKind::kData, "not linearly separable");
}

TEST(Theory, GivesTheNumbersAndWhatTheGuiDraws) {
  lt::TheoryOptions o;
  o.toy.d = 64;
  o.probe_test_per_class = 200;
  int calls = 0;
  const lt::TheoryResult r = lt::solve_theory(o, [&](const lt::Progress&) {
    ++calls;
    return true;
  });
  EXPECT_GT(calls, 3);
  const int64_t n = r.parameters.n1 + r.parameters.n2 + r.parameters.n3;
  EXPECT_EQ(int64_t(r.points_e1.size()), n);
  EXPECT_EQ(int64_t(r.points_e2.size()), n);
  EXPECT_EQ(int64_t(r.labels.size()), n);
  EXPECT_EQ(r.ssl_directions.size(), 2u);
  EXPECT_EQ(r.sl_directions.size(), 2u);  // rank K - 1
  for (const auto& dir : r.ssl_directions) EXPECT_LE(dir.e1 * dir.e1 + dir.e2 * dir.e2, 1 + 1e-12);
  for (double v : {r.ssl_e2, r.sl_e2, r.ssl_e2_weighted, r.sl_e2_projection}) {
    EXPECT_GE(v, 0);
    EXPECT_LE(v, 1 + 1e-12);
  }
  EXPECT_GE(r.ssl_probe, 0.5);
  EXPECT_LE(r.ssl_probe, 1.0);
  EXPECT_GE(r.sl_min_margin, 1 - 1e-8);
  // Cancelling stops the work with lt::Cancelled.
  EXPECT_THROW(lt::solve_theory(o, [](const lt::Progress&) { return false; }), lt::Cancelled);
}

TEST(TheorySweep, SpacesDimensions) {
  lt::TheorySweepOptions o;
  EXPECT_EQ(lt::sweep_dimensions(o),
            (std::vector<int64_t>{32, 64, 128, 256, 512, 1024, 2048, 4096}));
  o.d_from = 50;
  o.d_to = 300;
  EXPECT_EQ(lt::sweep_dimensions(o), (std::vector<int64_t>{50, 64, 128, 256, 300}));
  o.d_from = 32;
  o.d_to = 2048;
  o.points = 3;
  EXPECT_EQ(lt::sweep_dimensions(o), (std::vector<int64_t>{32, 256, 2048}));
  o.d_to = 16;
  EXPECT_LT_ERROR(lt::sweep_dimensions(o), lt::ErrorKind::kSetting, "--d-to");
}

// Theorem 3.1's direction over a short sweep: as d grows SSL keeps more of e2 and SL less. The
// trend over seeds is asserted, not the values.
TEST(TheorySweep, SslKeepsE2AndSlLosesItAsDGrows) {
  lt::TheorySweepOptions o;
  o.d_from = 32;
  o.d_to = 1024;
  o.points = 3;
  o.seeds = 4;
  o.base.probe_test_per_class = 200;
  o.base.threads = 1;  // many small operations: one thread is fastest, and calm on a busy CI
  std::vector<int64_t> seen;
  const lt::TheorySweep s = lt::run_theory_sweep(
      o, {}, [&](const lt::TheorySweepRow& row) { seen.push_back(row.parameters.d); });
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(seen, (std::vector<int64_t>{32, 181, 1024}));
  const auto& small = s.rows.front();
  const auto& large = s.rows.back();
  EXPECT_EQ(large.seeds, 4);
  EXPECT_GT(large.ssl_e2.mean - small.ssl_e2.mean, 2 * (large.ssl_e2.sd + small.ssl_e2.sd));
  EXPECT_LT(large.sl_e2.mean, small.sl_e2.mean);
  EXPECT_LT(large.sl_e2_projection.mean, small.sl_e2_projection.mean);
  for (const auto& row : s.rows) EXPECT_GT(row.ssl_e2.mean, row.sl_e2.mean) << row.parameters.d;
  EXPECT_GT(large.ssl_e2.mean, 0.85);
  EXPECT_LT(large.sl_e2.mean, 0.15);
  EXPECT_GE(large.ssl_probe.mean, large.sl_probe.mean);
}

TEST(TheorySweep, CancelsBetweenAndInsideCells) {
  lt::TheorySweepOptions o;
  o.d_from = 32;
  o.d_to = 64;
  o.seeds = 1;
  int calls = 0;
  EXPECT_THROW(lt::run_theory_sweep(o,
                                    [&](const lt::Progress&) {
                                      return ++calls < 4;  // stops inside the first cell
                                    }),
               lt::Cancelled);
  EXPECT_EQ(calls, 4);
}

}  // namespace

namespace {

// The minimum-norm classifier against cvxpy's (Clarabel, an interior-point conic solver), on
// toy data with n > d, n ~ d and d > n. One Python process for all: importing cvxpy takes seconds.
TEST(TheorySlFeature, MatchesCvxpyInNorm) {
  lt::test::TempDir dir;
  const std::vector<int64_t> dims{8, 24, 96};
  std::vector<lt::ToyData> cases;
  std::string files;
  for (const int64_t d : dims) {
    lt::ToyModelOptions o;
    o.d = d;
    cases.push_back(lt::generate_toy_data(lt::resolve_toy_model(o), uint64_t(d)));
    const lt::ToyData& data = cases.back();
    const std::string path = dir.file("toy" + std::to_string(d) + ".txt");
    files += " " + path;
    std::ofstream out(path);
    out.precision(17);
    for (int64_t i = 0; i < data.n; ++i) {
      out << data.label[size_t(i)];
      for (int64_t k = 0; k < data.d; ++k) out << " " << data.x[size_t(i * data.d + k)];
      out << "\n";
    }
  }
  const std::string command = std::string(LONGTAIL_PYTHON) + " " + LONGTAIL_SOURCE_DIR +
                              "/tests/python/check_theory_sl.py" + files + " >" +
                              dir.file("w.txt") + " 2>" + dir.file("err.txt");
  const int raw = std::system(command.c_str());
  if (WIFEXITED(raw) && WEXITSTATUS(raw) == 77) {
    GTEST_SKIP() << "no Python with cvxpy (scripts/install-deps.sh installs it)";
  }
  ASSERT_EQ(raw, 0) << command;
  std::ifstream in(dir.file("w.txt"));
  for (size_t c = 0; c < cases.size(); ++c) {
    const lt::ToyData& data = cases[c];
    double their_norm = 0;
    ASSERT_TRUE(in >> their_norm);
    std::vector<double> theirs(size_t(3 * data.d));
    for (double& v : theirs) ASSERT_TRUE(in >> v);
    const lt::SlFeature ours = lt::sl_feature(data);
    EXPECT_NEAR(ours.norm, their_norm, 1e-4) << "d = " << data.d;
    double worst = 0;
    for (size_t k = 0; k < theirs.size(); ++k)
      worst = std::max(worst, std::abs(ours.classifier[k] - theirs[k]));
    EXPECT_LT(worst, 1e-3) << "d = " << data.d;
  }
}

}  // namespace
