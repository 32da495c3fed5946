// rwSAM's KDE weights: the formula computed directly, chunks that change nothing, no underflow,
// and weights that find a small cluster without labels.
#include "eval/kde_weights.h"

#include "eval/kde_bandwidth.h"
#include "eval/kde_record_json.h"

#include <torch/torch.h>

#include <cstdlib>
#include <fstream>

#include "test_support.h"
#include "util/error.h"

namespace {

// w_i = (mean_j exp(-||f_i - f_j||^2 / (2 h^2)))^(-alpha), normalised to mean 1: all at once.
torch::Tensor direct_weights(const torch::Tensor& f, double h, double alpha) {
  const auto x = f.to(torch::kDouble);
  const auto d2 = torch::cdist(x, x).pow(2);
  const auto density = (-d2 / (2 * h * h)).exp().mean(1);
  const auto w = density.pow(-alpha);
  return w / w.mean();
}

TEST(KdeWeights, EqualTheFormulaComputedDirectly) {
  torch::manual_seed(0);
  const auto f = torch::randn({60, 5});
  lt::KdeOptions o;
  o.bandwidth = 1.3;
  o.alpha = 1.2;
  const auto w = lt::kde_weights(f, o).weights;
  EXPECT_NEAR(w.mean().item<double>(), 1.0, 1e-12);
  EXPECT_LT((w - direct_weights(f, 1.3, 1.2)).abs().max().item<double>(), 1e-10);
}

TEST(KdeWeights, ChunksChangeNothing) {
  torch::manual_seed(1);
  const auto f = torch::randn({300, 8});
  lt::KdeOptions whole, chunked;
  whole.chunk = 100000;
  chunked.chunk = 7;
  const auto a = lt::kde_weights(f, whole), b = lt::kde_weights(f, chunked);
  EXPECT_DOUBLE_EQ(a.bandwidth, b.bandwidth);  // the median rule, the same draw
  EXPECT_LT((a.weights - b.weights).abs().max().item<double>(), 1e-10);
}

TEST(KdeWeights, NothingUnderflowsWithATinyBandwidth) {
  // Points a unit apart and h = 0.001: every kernel value but a point's own is exp(-500000).
  const auto f = torch::arange(50, torch::kDouble).unsqueeze(1);
  lt::KdeOptions o;
  o.bandwidth = 1e-3;
  const auto r = lt::kde_weights(f, o);
  EXPECT_TRUE(r.weights.isfinite().all().item<bool>());
  EXPECT_LT((r.weights - 1).abs().max().item<double>(), 1e-9);  // all isolated alike
  EXPECT_NEAR(r.log_density[0].item<double>(), -std::log(50.0), 1e-9);
}

TEST(KdeWeights, ASmallClusterWeighsMoreAndTheClassViewSaysSo) {
  torch::manual_seed(2);
  const auto big = torch::randn({1000, 16}) * 0.3;
  const auto small = torch::randn({10, 16}) * 0.3 + 5;
  const auto f = torch::cat({big, small});
  lt::KdeOptions median;  // the formula's behaviour, whatever rule picks h
  median.bandwidth_rule = "median";
  const auto w = lt::kde_weights(f, median).weights;
  EXPECT_GT(w.slice(0, 1000).min().item<double>(), w.slice(0, 0, 1000).max().item<double>());
  std::vector<int64_t> labels(1010, 0);
  std::fill(labels.begin() + 1000, labels.end(), 1);
  const auto view = lt::weights_by_class(w, labels, 2);
  EXPECT_EQ(view.sizes, (std::vector<int64_t>{1000, 10}));
  EXPECT_GT(view.mean_weight[1], 10 * view.mean_weight[0]);
  EXPECT_GT(view.spearman_with_inverse_class_size, 0.1);
}

TEST(KdeWeights, RefuseNonsense) {
  const auto f = torch::randn({10, 3});
  lt::KdeOptions o;
  o.bandwidth = -1;
  EXPECT_LT_ERROR(lt::kde_weights(f, o), lt::ErrorKind::kSetting, "--bandwidth");
  o.bandwidth = 0;
  o.alpha = -2;
  EXPECT_LT_ERROR(lt::kde_weights(f, o), lt::ErrorKind::kSetting, "--alpha");
  // A collapsed encoder: every feature the same.
  EXPECT_LT_ERROR(lt::kde_weights(torch::ones({10, 3}), {}), lt::ErrorKind::kData, "collapsed");
}

}  // namespace

namespace {

TEST(KdeWeights, EqualScikitLearnsKernelDensity) {
  const std::string python = LONGTAIL_PYTHON;
  if (std::system((python + " -c 'import sklearn' >/dev/null 2>&1").c_str()) != 0) {
    GTEST_SKIP() << "no Python with scikit-learn (scripts/install-deps.sh installs it)";
  }
  lt::test::TempDir dir;
  torch::manual_seed(3);
  const auto f = torch::randn({500, 8}, torch::kDouble);
  {
    std::ofstream out(dir.file("points.txt"));
    out.precision(17);
    for (int64_t i = 0; i < f.size(0); ++i) {
      for (int64_t k = 0; k < f.size(1); ++k) out << (k ? " " : "") << f[i][k].item<double>();
      out << "\n";
    }
  }
  const std::string command = python + " " + LONGTAIL_SOURCE_DIR +
                              "/tests/python/check_kde_weights.py " + dir.file("points.txt") +
                              " 0.9 1.2 >" + dir.file("w.txt");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(dir.file("w.txt"));
  std::vector<double> theirs;
  for (double x; in >> x;) theirs.push_back(x);
  ASSERT_EQ(theirs.size(), 500u);
  lt::KdeOptions o;
  o.bandwidth = 0.9;
  o.alpha = 1.2;
  o.chunk = 128;  // the chunked path
  const auto ours = lt::kde_weights(f, o).weights;
  double worst = 0;
  for (int64_t i = 0; i < 500; ++i) {
    worst = std::max(worst, std::abs(ours[i].item<double>() - theirs[size_t(i)]));
  }
  EXPECT_LT(worst, 1e-5);
}

}  // namespace

namespace {

void write_points(const torch::Tensor& f, const std::string& path) {
  std::ofstream out(path);
  out.precision(17);
  for (int64_t i = 0; i < f.size(0); ++i) {
    for (int64_t k = 0; k < f.size(1); ++k) out << (k ? " " : "") << f[i][k].item<double>();
    out << "\n";
  }
}

TEST(KdeBandwidth, EqualsScikitLearnsGridSearch) {
  const std::string python = LONGTAIL_PYTHON;
  if (std::system((python + " -c 'import sklearn' >/dev/null 2>&1").c_str()) != 0) {
    GTEST_SKIP() << "no Python with scikit-learn (scripts/install-deps.sh installs it)";
  }
  lt::test::TempDir dir;
  torch::manual_seed(4);
  // Two clusters of unequal size and spread, shuffled into every fold; n not a multiple of 5
  // (unequal folds).
  const auto clusters = torch::cat({torch::randn({300, 6}, torch::kDouble) * 0.5,
                                    torch::randn({33, 6}, torch::kDouble) * 0.2 + 3});
  const auto f = clusters.index_select(0, torch::randperm(333, torch::kLong));
  write_points(f, dir.file("points.txt"));
  // std::to_string rounds to 6 decimals: both sides get the rounded numbers.
  std::vector<double> grid;
  for (double h : lt::bandwidth_grid(1.0)) grid.push_back(std::stod(std::to_string(h)));
  std::string command = python + " " + LONGTAIL_SOURCE_DIR +
                        "/tests/python/check_kde_bandwidth.py " + dir.file("points.txt");
  for (double h : grid) command += " " + std::to_string(h);
  command += " >" + dir.file("cv.txt");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(dir.file("cv.txt"));
  double their_best = 0;
  in >> their_best;
  std::vector<double> sklearn, direct;
  for (double a, b; in >> a >> b;) {
    sklearn.push_back(a);
    direct.push_back(b);
  }
  ASSERT_EQ(sklearn.size(), grid.size());

  const lt::BandwidthChoice ours = lt::cross_validated_bandwidth(f, grid, 5);
  EXPECT_EQ(ours.points, 333);
  EXPECT_DOUBLE_EQ(ours.bandwidth, their_best);
  EXPECT_FALSE(ours.at_grid_edge);
  for (size_t g = 0; g < grid.size(); ++g) {
    // Ours is per held-out point, scikit-learn's per fold: n / k apart.
    const double as_theirs = ours.heldout_log_density[g] * 333.0 / 5.0;
    EXPECT_NEAR(as_theirs, direct[g], 1e-8 * std::abs(direct[g])) << "h = " << grid[g];
    // Near and above the best h every held-out point has neighbours within a few bandwidths,
    // and there scikit-learn's tree is exact too.
    if (grid[g] >= 0.7 * ours.bandwidth)
      EXPECT_NEAR(as_theirs, sklearn[g], 1e-6 * std::abs(sklearn[g])) << "h = " << grid[g];
  }
}

TEST(KdeBandwidth, HalfTheMedianDistanceIsTheDefault) {
  torch::manual_seed(4);
  const auto f = torch::nn::functional::normalize(
      torch::randn({300, 32}), torch::nn::functional::NormalizeFuncOptions().dim(1));
  const lt::KdeWeights w = lt::kde_weights(f, {});
  EXPECT_EQ(w.bandwidth_rule, "half-median");
  EXPECT_NEAR(w.bandwidth, lt::median_pairwise_distance(f.to(torch::kDouble), 2000, 0) / 2, 1e-12);
  EXPECT_TRUE(w.grid.empty());
}

TEST(KdeWeights, FlatWeightsAreFlaggedWithWhatToTry) {
  torch::manual_seed(6);
  // 128 dimensions, as SimSiam's features: a kernel as narrow as the likelihood's choice there
  // leaves each point alone with its own term, and every weight comes out 1.
  const auto f = torch::nn::functional::normalize(
      torch::randn({400, 128}), torch::nn::functional::NormalizeFuncOptions().dim(1));
  lt::KdeOptions narrow;
  narrow.bandwidth = 0.02;
  const lt::KdeWeights flat = lt::kde_weights(f, narrow);
  EXPECT_TRUE(lt::weights_are_flat(flat.spread));
  const std::string warning = lt::flat_weights_warning(flat.spread, flat.bandwidth);
  EXPECT_NE(warning.find("plain SAM"), std::string::npos) << warning;
  EXPECT_NE(warning.find("--bandwidth-rule half-median"), std::string::npos) << warning;
  const lt::KdeRecord record = lt::kde_record(flat, 1.2, {}, 1);
  EXPECT_EQ(lt::kde_record_to_json(record).at("flat"), true);
  // Two clusters of different size: the default kernel sees them, and the weights are not flat.
  const auto clustered =
      torch::cat({torch::randn({380, 128}) * 0.05 + 1, torch::randn({20, 128}) * 0.05 - 1});
  const lt::KdeWeights uneven = lt::kde_weights(clustered, {});
  EXPECT_FALSE(lt::weights_are_flat(uneven.spread));
  EXPECT_EQ(lt::flat_weights_warning(uneven.spread, uneven.bandwidth), "");
  EXPECT_EQ(lt::kde_record_to_json(lt::kde_record(uneven, 1.2, {}, 1)).at("flat"), false);
}

TEST(KdeBandwidth, CrossValidationIsChosenByNameAndTheWeightsRecordIt) {
  torch::manual_seed(5);
  // Two dimensions: the kernel at the chosen h spans many neighbours, so density varies.
  const auto f = torch::cat({torch::randn({400, 2}) * 0.3, torch::randn({20, 2}) * 0.3 + 2});
  lt::KdeOptions by_cv;
  by_cv.bandwidth_rule = "cv";
  const lt::KdeWeights cv = lt::kde_weights(f, by_cv);
  EXPECT_EQ(cv.bandwidth_rule, "cv-5fold");
  EXPECT_EQ(cv.grid.size(), cv.heldout_log_density.size());
  EXPECT_EQ(cv.bandwidth, lt::cross_validated_bandwidth(f, cv.grid, 5).bandwidth);
  lt::KdeOptions median;
  median.bandwidth_rule = "median";
  const lt::KdeWeights m = lt::kde_weights(f, median);
  EXPECT_EQ(m.bandwidth_rule, "median");
  EXPECT_TRUE(m.grid.empty());
  lt::KdeOptions given;
  given.bandwidth = 0.7;
  EXPECT_EQ(lt::kde_weights(f, given).bandwidth_rule, "given");
  // The spread: the small cluster's weights are the largest.
  EXPECT_GT(cv.spread.max, cv.spread.min);
  EXPECT_NEAR(cv.spread.max, cv.weights.max().item<double>(), 1e-12);
  EXPECT_GT(cv.spread.p90_over_p10, 1.0);
  std::vector<int64_t> labels(420, 0);
  std::fill(labels.begin() + 400, labels.end(), 1);
  const lt::KdeRecord record = lt::kde_record(cv, 1.2, labels, 2);
  EXPECT_GT(record.spearman_with_inverse_class_size, 0.25);
  EXPECT_TRUE(std::isnan(lt::kde_record(cv, 1.2, {}, 2).spearman_with_inverse_class_size));
  lt::KdeOptions bad;
  bad.bandwidth_rule = "silverman";
  EXPECT_LT_ERROR(lt::kde_weights(f, bad), lt::ErrorKind::kSetting, "--bandwidth-rule");
}

}  // namespace
