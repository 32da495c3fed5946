// A sweep's report from known accuracies: the final gap from the probes (with the probe seeds'
// spread, the paper's error bars), the provisional gap from the latest kNN monitor while a pair
// trains, what is missing and why, and the figure drawn from them.
#include "sweep/sweep_report.h"

#include <cmath>

#include "sweep/sweep_figure.h"
#include "test_support.h"

namespace {

lt::SweepRunStatus run(const std::string& method, bool balanced, const std::string& state) {
  lt::SweepRunStatus r;
  r.method = method;
  r.balanced = balanced;
  r.ratio = 0.01;
  r.sample = 0.5;
  r.seed = 0;
  r.state = state;
  r.key = method + (balanced ? "-bal" : "-imb");
  r.images = 7443;
  r.epochs_planned = 10;
  return r;
}

double sample_std(const std::vector<double>& v) {
  double mean = 0;
  for (double x : v) mean += x / double(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / double(v.size() - 1));
}

// SimSiam's pair is probed (ID: imbalanced 0.79/0.80/0.81 over 3 probe seeds, balanced
// 0.83/0.84/0.85); supervised's still trains (kNN: imbalanced 0.60 at epoch 3, balanced 0.75 at
// epoch 4).
lt::SweepStatus known_status() {
  lt::SweepStatus s;
  s.sweep_id = "known-00000000";
  s.source = "fashion-mnist";
  s.distribution = "exp";
  s.seeds = {0};
  auto imb = run("simsiam", false, "finished");
  imb.top1 = {{"id", 0.80}, {"ood", 0.50}};
  imb.top1_per_probe_seed = {{"id", {0.79, 0.80, 0.81}}, {"ood", {0.50, 0.50, 0.50}}};
  imb.knn = 0.70;
  imb.knn_epoch = 10;
  auto bal = run("simsiam", true, "finished");
  bal.top1 = {{"id", 0.84}, {"ood", 0.52}};
  bal.top1_per_probe_seed = {{"id", {0.83, 0.84, 0.85}}, {"ood", {0.52, 0.52, 0.52}}};
  bal.knn = 0.71;
  bal.knn_epoch = 10;
  auto sl_imb = run("supervised", false, "running");
  sl_imb.knn = 0.60;
  sl_imb.knn_epoch = 3;
  sl_imb.epochs_done = 3;
  auto sl_bal = run("supervised", true, "running");
  sl_bal.knn = 0.75;
  sl_bal.knn_epoch = 4;
  sl_bal.epochs_done = 4;
  s.runs = {imb, bal, sl_imb, sl_bal};
  s.finished = 2;
  s.running = 2;
  s.state = "running";
  return s;
}

const lt::SweepGap* find_gap(const lt::SweepReport& r, const std::string& method,
                             const std::string& probe) {
  for (const auto& g : r.gaps) {
    if (g.method == method && g.probe == probe) return &g;
  }
  return nullptr;
}

TEST(SweepReport, FinalGapsComeFromTheProbesWithTheProbeSeedsSpread) {
  const auto r = lt::sweep_report(known_status());
  const auto* id = find_gap(r, "simsiam", "id");
  ASSERT_NE(id, nullptr);
  EXPECT_FALSE(id->provisional);
  EXPECT_EQ(id->kind, "SSL");
  EXPECT_NEAR(id->gap.mean, (0.84 - 0.80) / 0.84, 1e-12);
  EXPECT_EQ(id->n, 7443);
  EXPECT_EQ(id->sample, 0.5);
  EXPECT_EQ(id->seeds, std::vector<int64_t>{0});
  EXPECT_NEAR(id->probe_seed_spread,
              sample_std({(0.83 - 0.79) / 0.83, (0.84 - 0.80) / 0.84, (0.85 - 0.81) / 0.85}),
              1e-12);
  const auto* ood = find_gap(r, "simsiam", "ood");
  ASSERT_NE(ood, nullptr);
  EXPECT_NEAR(ood->gap.mean, (0.52 - 0.50) / 0.52, 1e-12);
  EXPECT_NEAR(ood->probe_seed_spread, 0, 1e-12);
  // A probed pair gets no provisional gap.
  EXPECT_EQ(find_gap(r, "simsiam", "knn"), nullptr);

  // Figure 2's cells: the probe's mean accuracy, and the probe seeds' spread.
  int cells = 0;
  for (const auto& a : r.accuracies) {
    if (a.cell.method != "simsiam" || a.cell.probe != "id") continue;
    ++cells;
    EXPECT_NEAR(a.cell.mean, a.cell.balanced ? 0.84 : 0.80, 1e-12);
    EXPECT_NEAR(a.probe_seed_spread, 0.01, 1e-9);
  }
  EXPECT_EQ(cells, 2);
}

TEST(SweepReport, APairStillTrainingGetsAProvisionalGapFromItsLatestKnn) {
  const auto r = lt::sweep_report(known_status());
  const auto* knn = find_gap(r, "supervised", "knn");
  ASSERT_NE(knn, nullptr);
  EXPECT_TRUE(knn->provisional);
  EXPECT_EQ(knn->kind, "SL");
  EXPECT_NEAR(knn->gap.mean, (0.75 - 0.60) / 0.75, 1e-12);
  EXPECT_NE(knn->note.find("epoch 3/10"), std::string::npos) << knn->note;
  EXPECT_NE(knn->note.find("4/10 (balanced)"), std::string::npos) << knn->note;
  EXPECT_EQ(find_gap(r, "supervised", "id"), nullptr);
  // Final gaps come first.
  EXPECT_EQ(r.gaps.back().probe, "knn");

  ASSERT_EQ(r.missing.size(), 1u);
  EXPECT_NE(r.missing[0].find("supervised r 0.01 s 0.5 seed 0"), std::string::npos) << r.missing[0];
  EXPECT_NE(r.missing[0].find("imbalanced running (epoch 3/10)"), std::string::npos)
      << r.missing[0];

  // Once the pair is probed, the final gap replaces the provisional one.
  auto s = known_status();
  s.runs[2].state = s.runs[3].state = "finished";
  s.runs[2].top1 = {{"id", 0.70}};
  s.runs[3].top1 = {{"id", 0.80}};
  const auto done = lt::sweep_report(s);
  EXPECT_EQ(find_gap(done, "supervised", "knn"), nullptr);
  ASSERT_NE(find_gap(done, "supervised", "id"), nullptr);
  EXPECT_NEAR(find_gap(done, "supervised", "id")->gap.mean, 0.125, 1e-12);
  EXPECT_TRUE(done.missing.empty());
}

TEST(SweepReport, SaysWhyACellIsMissing) {
  auto s = known_status();
  s.runs[2].state = "failed";
  s.runs[2].message = "diverged: the loss became NaN at epoch 2";
  s.runs[3].state = "queued";
  s.runs[3].knn.reset();
  const auto r = lt::sweep_report(s);
  EXPECT_EQ(find_gap(r, "supervised", "knn"), nullptr) << "one side has no kNN accuracy";
  ASSERT_EQ(r.missing.size(), 1u);
  EXPECT_NE(r.missing[0].find("imbalanced failed: diverged"), std::string::npos) << r.missing[0];
  EXPECT_NE(r.missing[0].find("balanced queued"), std::string::npos) << r.missing[0];
}

TEST(SweepFigure, DrawsEveryGapAsAPointOfItsLine) {
  auto s = known_status();
  // A second n for simsiam, so its line has two points.
  auto imb = s.runs[0];
  auto bal = s.runs[1];
  imb.sample = bal.sample = 0.25;
  imb.images = bal.images = 3720;
  imb.key += "-small";
  bal.key += "-small";
  s.runs.push_back(imb);
  s.runs.push_back(bal);
  const std::string svg = lt::gap_figure_svg(lt::sweep_report(s), "id");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
  EXPECT_NE(svg.find("simsiam (SSL), r 0.01"), std::string::npos);
  EXPECT_NE(svg.find("supervised (SL), r 0.01"), std::string::npos);
  EXPECT_NE(svg.find("provisional, kNN"), std::string::npos);
  size_t circles = 0;
  for (size_t at = svg.find("<circle"); at != std::string::npos; at = svg.find("<circle", at + 1))
    ++circles;
  EXPECT_EQ(circles, 3u);  // simsiam at two n, supervised's provisional point

  lt::SweepStatus empty;
  EXPECT_NE(lt::gap_figure_svg(lt::sweep_report(empty)).find("No gap yet"), std::string::npos);
}

}  // namespace
