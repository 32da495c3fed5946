// The Compare place as a user meets it: the figures and the table follow the store, and a store
// that is missing or has nothing to compare says so instead of failing.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableWidget>
#include <QTemporaryDir>
#include <cmath>
#include <cstdlib>

#include "compare_place.h"
#include "eval/gap_text.h"
#include "experiments/generalization_gap_file.h"
#include "experiments/table1_set.h"
#include "figure_export.h"
#include "line_chart.h"
#include "store/run_store.h"
#include "table1_chart.h"
#include "table1_view.h"
#include "train/run_config.h"
#include "util/error.h"

namespace lt::widgets {
namespace {

// Top-1 of the runs: a method's balanced/imbalanced accuracy at n, plus 2 points for seed 1.
double base_accuracy(const std::string& method, bool balanced, int64_t n) {
  if (method == "simsiam") {
    if (n == 1000) return balanced ? 0.60 : 0.58;
    return balanced ? 0.70 : 0.69;
  }
  if (n == 1000) return balanced ? 0.65 : 0.55;
  return balanced ? 0.75 : 0.66;
}

void record(RunStore& store, const QString& dir, const std::string& method, bool balanced,
            int64_t n, int64_t seed, double ratio = 0.01,
            const std::vector<std::string>& probes = {"id", "ood"}) {
  RunConfig config;
  config.design.ratio = ratio;
  config.twin = balanced;
  config.method.name = method;
  config.seed = uint64_t(seed);
  RunStore::RunSnapshot snap;
  const std::string name = method + (balanced ? "-bal-" : "-imb-") + std::to_string(n) + "-r" +
                           std::to_string(ratio) + "-s" + std::to_string(seed);
  snap.run.dir = (dir + "/").toStdString() + name;
  snap.run.status = "finished";
  snap.run.method = method;
  snap.run.source = "fashion-mnist";
  snap.run.balanced_twin = balanced;
  snap.run.seed = seed;
  snap.run.total_images = n;
  snap.run.config_json = config_to_json(config);
  for (const std::string& probe : probes) {
    const double top1 =
        base_accuracy(method, balanced, n) + 0.02 * double(seed) - (probe == "ood" ? 0.1 : 0.0);
    snap.evaluations.push_back({probe, "fashion-mnist", top1, "{}", ""});
  }
  store.record(snap);
}

// simsiam and supervised, balanced and imbalanced, n = 1000 and 4000, seeds 0 and 1.
QString full_store(const QTemporaryDir& dir) {
  const QString path = dir.filePath("runs.sqlite");
  RunStore store(path.toStdString());
  for (const std::string method : {"simsiam", "supervised"}) {
    for (bool balanced : {false, true}) {
      for (int64_t n : {1000, 4000}) {
        for (int64_t seed : {0, 1}) record(store, dir.path(), method, balanced, n, seed);
      }
    }
  }
  return path;
}

const double kSpread = 2.0 / std::sqrt(2.0);  // sample std of x and x + 2 (percent)

TEST(ComparePlace, DrawsAccuracyAgainstNWithSpreadOverSeeds) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));

  const QStringList names = place.accuracyChart()->seriesNames();
  EXPECT_EQ(names.size(), 4);
  const auto bal = place.accuracyChart()->points(ComparePlace::accuracySeriesName("simsiam", true));
  ASSERT_EQ(bal.size(), 2);
  EXPECT_DOUBLE_EQ(bal[0].x, 1000);
  EXPECT_NEAR(bal[0].y, 61.0, 1e-9);
  EXPECT_NEAR(bal[0].error, kSpread, 1e-9);
  EXPECT_DOUBLE_EQ(bal[1].x, 4000);
  EXPECT_NEAR(bal[1].y, 71.0, 1e-9);
  const auto imb =
      place.accuracyChart()->points(ComparePlace::accuracySeriesName("supervised", false));
  ASSERT_EQ(imb.size(), 2);
  EXPECT_NEAR(imb[0].y, 56.0, 1e-9);
  EXPECT_NEAR(imb[1].y, 67.0, 1e-9);
  EXPECT_EQ(ComparePlace::methodName("supervised"), "Supervised (SL)");
  EXPECT_EQ(ComparePlace::methodName("simsiam"), "SimSiam (SSL)");
  EXPECT_EQ(place.figures().size(), 2);
  EXPECT_TRUE(place.ratioBox()->isHidden());  // one r: nothing to choose
}

// The runs a figure's sidecar names.
int sidecarRuns(const QString& path) {
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
  return int(QJsonDocument::fromJson(file.readAll()).object().value("runs").toArray().size());
}

TEST(ComparePlace, ExportsTheReportWithEachFiguresTexAndProvenance) {
  QTemporaryDir dir;
  ComparePlace place;
  const QString store_path = full_store(dir);
  place.setStorePath(store_path);
  const QString out = dir.filePath("report");
  const QStringList files = place.exportReport(out, "single");
  // As `longtail report` writes: each figure as SVG beside its .tex, CSV and sidecar.
  int figures = 0;
  for (const QString& file : files) {
    if (!file.endsWith(".svg")) continue;
    ++figures;
    const QString stem = file.chopped(4);
    for (const char* suffix : {".tex", ".csv", ".figure.json"})
      EXPECT_TRUE(QFile::exists(stem + suffix)) << (stem + suffix).toStdString();
    EXPECT_EQ(sidecarRuns(stem + ".figure.json"), 16);
  }
  EXPECT_GE(figures, 2);  // accuracy and gap, per evaluation
  EXPECT_TRUE(QFile::exists(QDir(out).filePath("summary.md")));

  // With a tag chosen, the report is of the tagged runs only.
  {
    RunStore store(store_path.toStdString(), false);
    int tagged = 0;
    for (const StoredRun& run : store.list_runs()) {
      if (run.method != "simsiam" || run.total_images != 1000) continue;
      store.set_labels(run.id, {"small"}, "");
      ++tagged;
    }
    ASSERT_EQ(tagged, 4);
  }
  place.refresh();
  place.tagBox()->setCurrentIndex(place.tagBox()->findData("small"));
  const QString tagged_out = dir.filePath("tagged");
  for (const QString& file : place.exportReport(tagged_out, "double"))
    if (file.endsWith(".figure.json")) EXPECT_EQ(sidecarRuns(file), 4) << file.toStdString();

  // No runs on show: a message says why, no folder is half written.
  ComparePlace empty;
  empty.setStorePath(dir.filePath("none.sqlite"));
  EXPECT_THROW(empty.exportReport(dir.filePath("nothing"), "single"), Error);
  EXPECT_THROW(place.exportReport(dir.filePath("bad-size"), "A4"), Error);
}

TEST(ComparePlace, ExportsAFigureAsTexBesideTheProvenanceOfItsRuns) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));
  const QString tex = dir.filePath("figure2.tex");
  ASSERT_EQ(exportFigure(*place.accuracyChart(), tex, FigureSize{QSize(650, 460), 200, 8}),
            QString());
  QFile document(tex);
  ASSERT_TRUE(document.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(document.readAll());
  EXPECT_TRUE(text.contains("from 16 runs; see figure2.figure.json")) << text.toStdString();
  EXPECT_TRUE(text.contains("\\addlegendentry{SimSiam, bal.}")) << text.toStdString();
  // The sidecar `longtail report` writes, for this figure: its runs, the evaluation, the size.
  QFile sidecar(dir.filePath("figure2.figure.json"));
  ASSERT_TRUE(sidecar.open(QIODevice::ReadOnly));
  const QJsonObject json = QJsonDocument::fromJson(sidecar.readAll()).object();
  EXPECT_EQ(json.value("figure").toString(), "figure2");
  EXPECT_EQ(json.value("runs").toArray().size(), 16);
  EXPECT_FALSE(
      json.value("runs").toArray()[0].toObject().value("config_hash").toString().isEmpty());
  EXPECT_EQ(json.value("evaluation").toString(), "id");
  EXPECT_EQ(json.value("size").toString(), "single");
  EXPECT_EQ(json.value("files").toObject().value("tex").toString(), "figure2.tex");
  EXPECT_FALSE(json.contains("reproduce"));  // `figure reproduce` rebuilds the report's figures

  // The chosen evaluation is the one named.
  place.probeBox()->setCurrentIndex(place.probeBox()->findData("ood"));
  ASSERT_EQ(exportFigure(*place.gapChart(), dir.filePath("gap.tex")), QString());
  QFile gap(dir.filePath("gap.figure.json"));
  ASSERT_TRUE(gap.open(QIODevice::ReadOnly));
  EXPECT_EQ(QJsonDocument::fromJson(gap.readAll()).object().value("evaluation").toString(), "ood");
}

TEST(ComparePlace, ExportsEveryFormatWithTheProvenanceOfItsRuns) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));
  for (const QString suffix : {"svg", "png", "pdf", "csv"}) {
    const QString name = "figure-" + suffix;
    const QString path = dir.filePath(name + "." + suffix);
    ASSERT_EQ(exportFigure(*place.accuracyChart(), path), QString()) << suffix.toStdString();
    QFile sidecar(dir.filePath(name + ".figure.json"));
    ASSERT_TRUE(sidecar.open(QIODevice::ReadOnly)) << suffix.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(sidecar.readAll()).object();
    EXPECT_EQ(json.value("runs").toArray().size(), 16) << suffix.toStdString();
    EXPECT_EQ(json.value("files").toObject().value(suffix).toString(), name + "." + suffix);
  }
  QFile svg(dir.filePath("figure-svg.svg"));
  ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(svg.readAll());
  EXPECT_TRUE(text.contains("from 16 runs; see figure-svg.figure.json")) << text.toStdString();
  EXPECT_TRUE(text.contains("config_hash"));  // the whole sidecar in its <desc>
  EXPECT_TRUE(QImage(dir.filePath("figure-png.png"))
                  .text("Description")
                  .contains("from 16 runs; see figure-png.figure.json"));
}

TEST(ComparePlace, DrawsTheRelativeGapPerMethod) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));

  EXPECT_EQ(place.gapChart()->seriesNames().size(), 2);
  const auto sl = place.gapChart()->points(ComparePlace::gapSeriesName("supervised"));
  ASSERT_EQ(sl.size(), 2);
  // Delta of the mean accuracies: (66 - 56) / 66 at n = 1000.
  EXPECT_DOUBLE_EQ(sl[0].x, 1000);
  EXPECT_NEAR(sl[0].y, 100 * (0.66 - 0.56) / 0.66, 1e-9);
  const double d0 = (0.65 - 0.55) / 0.65, d1 = (0.67 - 0.57) / 0.67;
  EXPECT_NEAR(sl[0].error, 100 * std::abs(d0 - d1) / std::sqrt(2.0), 1e-9);
  const auto ssl = place.gapChart()->points(ComparePlace::gapSeriesName("simsiam"));
  ASSERT_EQ(ssl.size(), 2);
  EXPECT_NEAR(ssl[1].y, 100 * (0.71 - 0.70) / 0.71, 1e-9);
  // The paper's finding, as these numbers have it: SSL loses less than SL.
  EXPECT_LT(ssl[0].y, sl[0].y);
}

TEST(ComparePlace, TabulatesEveryMethodAndSize) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));

  QTableWidget* table = place.table();
  ASSERT_EQ(table->rowCount(), 4);
  EXPECT_EQ(table->item(0, 0)->text(), ComparePlace::methodName("simsiam"));
  EXPECT_EQ(table->item(0, 1)->text(), "1000");
  EXPECT_EQ(table->item(0, 2)->text(), "0.01");
  EXPECT_EQ(table->item(0, 3)->text(), "61.0 ± 1.4");
  EXPECT_EQ(table->item(0, 4)->text(), "59.0 ± 1.4");
  EXPECT_TRUE(table->item(0, 5)->text().startsWith("3.28 ± "));  // (61 - 59) / 61
  EXPECT_EQ(table->item(0, 6)->text(), "0, 1");
  EXPECT_EQ(table->item(3, 0)->text(), ComparePlace::methodName("supervised"));
  EXPECT_EQ(table->item(3, 1)->text(), "4000");
  EXPECT_TRUE(place.messageText().contains("16")) << place.messageText().toStdString();

  // For a person to look at: LONGTAIL_SCREENSHOT_DIR=/tmp/shots ctest -L gui
  if (const char* shots = std::getenv("LONGTAIL_SCREENSHOT_DIR")) {
    place.resize(1200, 800);
    EXPECT_TRUE(place.grab().save(QString(shots) + "/compare-place.png"));
  }
}

TEST(ComparePlace, FollowsTheChosenEvaluation) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));
  QComboBox* probe = place.probeBox();
  ASSERT_GE(probe->findData("ood"), 0);
  EXPECT_LT(probe->findData("id-finetune"), 0);  // offered only when some run has it
  probe->setCurrentIndex(probe->findData("ood"));
  const auto bal = place.accuracyChart()->points(ComparePlace::accuracySeriesName("simsiam", true));
  ASSERT_EQ(bal.size(), 2);
  EXPECT_NEAR(bal[0].y, 51.0, 1e-9);
}

TEST(ComparePlace, OffersEachRatioAndFineTuningWhenTheStoreHasThem) {
  QTemporaryDir dir;
  const QString path = dir.filePath("runs.sqlite");
  {
    RunStore store(path.toStdString());
    for (bool balanced : {false, true}) {
      record(store, dir.path(), "simsiam", balanced, 1000, 0, 0.01, {"id"});
      record(store, dir.path(), "simsiam", balanced, 1000, 1, 0.01, {"id"});
      record(store, dir.path(), "simsiam", balanced, 2000, 0, 0.1, {"id", "id-finetune"});
    }
  }
  ComparePlace place;
  place.setStorePath(path);
  EXPECT_FALSE(place.ratioBox()->isHidden());
  ASSERT_EQ(place.ratioBox()->count(), 2);
  EXPECT_GE(place.probeBox()->findData("id-finetune"), 0);
  // The setting with the most runs comes first: r = 0.01, n = 1000.
  EXPECT_EQ(place.table()->rowCount(), 1);
  EXPECT_EQ(place.table()->item(0, 1)->text(), "1000");
  place.ratioBox()->setCurrentIndex(place.ratioBox()->findText("r = 0.1"));
  ASSERT_EQ(place.table()->rowCount(), 1);
  EXPECT_EQ(place.table()->item(0, 1)->text(), "2000");
  EXPECT_EQ(place.table()->item(0, 6)->text(), "0");
  // One seed: no error bar.
  const auto bal = place.accuracyChart()->points(ComparePlace::accuracySeriesName("simsiam", true));
  ASSERT_EQ(bal.size(), 1);
  EXPECT_EQ(bal[0].error, 0);
}

TEST(ComparePlace, SaysWhatToDoWhenThereIsNothingToCompare) {
  QTemporaryDir dir;
  const QString path = dir.filePath("runs.sqlite");
  { RunStore store(path.toStdString()); }
  ComparePlace place;
  place.setStorePath(path);
  EXPECT_TRUE(place.messageText().contains("balanced twin")) << place.messageText().toStdString();
  EXPECT_TRUE(place.accuracyChart()->seriesNames().isEmpty());
  EXPECT_EQ(place.table()->rowCount(), 0);
}

// The headline's verdict with a line per Delta: its spread over seeds, "within noise" when the
// two Deltas differ by less than their combined spread, and "one seed: no spread" with one seed;
// the words are the core's (gap_line), the same as longtail quick prints.
TEST(ComparePlace, ShowsEachDeltaWithItsSpreadAndWithinNoise) {
  ComparePlace place;
  EXPECT_TRUE(place.verdictText().isEmpty());
  const GapSummary ssl = relative_gap({0.76, 0.756, 0.763}, {0.755, 0.733, 0.7195});
  const GapSummary sl = relative_gap({0.853, 0.840, 0.847}, {0.811, 0.815, 0.822});
  const GapSummary ssl_one = relative_gap(std::vector<double>{0.76}, std::vector<double>{0.755});
  const GapSummary sl_one = relative_gap(std::vector<double>{0.853}, std::vector<double>{0.811});
  const std::string id = gap_line("ID", ssl, sl);
  const std::string one = gap_line("OOD", ssl_one, sl_one);
  place.showVerdict("mixed", {QString::fromStdString(id), QString::fromStdString(one)});
  const QString shown = place.verdictText();
  EXPECT_TRUE(shown.contains("Verdict")) << shown.toStdString();
  EXPECT_EQ(id.rfind("Delta ID: SSL +0.0314 +- 0.0252, SL +0.0362 +- 0.0113 -> within noise", 0),
            0u)
      << id;
  EXPECT_EQ(one,
            "Delta OOD: SSL +0.0066, SL +0.0492 -> one seed: no spread to tell which loses less");
  // The label shows them as they are (escaped in its rich text), one line each.
  EXPECT_TRUE(shown.contains("<br>" + QString::fromStdString(id).toHtmlEscaped()))
      << shown.toStdString();
  EXPECT_TRUE(shown.contains("<br>" + QString::fromStdString(one).toHtmlEscaped()))
      << shown.toStdString();
  place.showVerdict(QString());
  EXPECT_TRUE(place.verdictText().isEmpty());
}

TEST(ComparePlace, ShowsWhyAStoreCannotBeReadAndKeepsGoing) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(dir.filePath("missing.sqlite"));
  EXPECT_TRUE(place.messageText().contains("no run store")) << place.messageText().toStdString();
  EXPECT_EQ(place.table()->rowCount(), 0);
  // The store appears later (a first run finished): refresh picks it up.
  const QString path = full_store(dir);
  place.setStorePath(path);
  EXPECT_EQ(place.table()->rowCount(), 4);
}

// A run of `longtail table1` as it leaves the store and its directory: the "id" evaluation in
// the store, the generalisation gap beside the run. NaN: not there (yet).
void record_table1_run(RunStore& store, const QString& folder, const std::string& preset,
                       const std::string& row, const std::string& status, double top1,
                       double gap_frequent, double gap_rare,
                       const std::string& updated = "2024-05-01T10:00:00Z") {
  RunStore::RunSnapshot snap;
  snap.run.dir =
      QDir(folder).filePath(QString::fromStdString(table1_run_name(preset, row))).toStdString();
  snap.run.status = status;
  snap.run.method = "simsiam";
  snap.run.source = "fashion-mnist";
  snap.run.created = snap.run.updated = updated;
  if (std::isfinite(top1)) snap.evaluations.push_back({"id", "fashion-mnist", top1, "{}", ""});
  QDir().mkpath(QString::fromStdString(snap.run.dir));
  if (std::isfinite(gap_frequent)) {
    GeneralizationGap gap;
    gap.frequent = gap_frequent;
    gap.rare = gap_rare;
    save_generalization_gap(snap.run.dir, gap);
  }
  store.record(snap);
}

// Table 1 rows in order: simsiam, simsiam+sam, simsiam-balanced, simsiam+rwsam.
const double kTop1[] = {0.70, 0.71, 0.74, 0.73};
const double kGapFrequent[] = {0.010, 0.011, 0.009, 0.008};
const double kGapRare[] = {0.050, 0.045, 0.030, 0.035};

void record_table1_set(RunStore& store, const QString& folder, const std::string& preset,
                       const std::string& updated = "2024-05-01T10:00:00Z") {
  for (size_t i = 0; i < std::size(kTable1Rows); ++i) {
    record_table1_run(store, folder, preset, kTable1Rows[i].name, "finished", kTop1[i],
                      kGapFrequent[i], kGapRare[i], updated);
  }
}

void show_table1(ComparePlace& place) {
  place.viewBox()->setCurrentIndex(place.viewBox()->findData("table1"));
}

TEST(ComparePlace, ShowsATable1SetAsATableAndBarsThatExport) {
  QTemporaryDir dir;
  const QString path = dir.filePath("runs.sqlite");
  {
    RunStore store(path.toStdString());
    record_table1_set(store, dir.filePath("table1/cpu"), "cpu");
  }
  ComparePlace place;
  place.setStorePath(path);
  EXPECT_EQ(place.figures().size(), 2);  // Figures 1 and 2 until Table 1 is chosen
  show_table1(place);
  ASSERT_TRUE(place.showsTable1());
  Table1View* view = place.table1View();
  ASSERT_EQ(place.figures().size(), 1);
  EXPECT_EQ(place.figures()[0], static_cast<Figure*>(view->chart()));
  EXPECT_TRUE(view->setBox()->isHidden());  // one set: nothing to choose

  QTableWidget* table = view->table();
  ASSERT_EQ(table->rowCount(), 4);
  const QStringList labels = {"SimSiam", "+SAM", "balanced", "+rwSAM"};
  for (int r = 0; r < 4; ++r) {
    EXPECT_EQ(table->item(r, Table1View::kRow)->text(), labels[r]);
    EXPECT_EQ(table->item(r, Table1View::kTop1)->text(), QString::number(kTop1[r] * 100, 'f', 1));
    EXPECT_EQ(table->item(r, Table1View::kGapFrequent)->text(),
              QString::number(kGapFrequent[r], 'f', 4));
    EXPECT_EQ(table->item(r, Table1View::kGapRare)->text(), QString::number(kGapRare[r], 'f', 4));
    EXPECT_TRUE(table->item(r, Table1View::kRun)->text().contains("finished"));
  }
  EXPECT_EQ(table->item(0, Table1View::kPaperTop1)->text(), "84.3");
  EXPECT_EQ(table->item(3, Table1View::kPaperTop1)->text(), "85.6");
  EXPECT_EQ(table->item(0, Table1View::kPaperGapRare)->text(), "0.0810");
  EXPECT_EQ(table->item(1, Table1View::kPaperGapRare)->text(), "—");  // none in the paper
  EXPECT_EQ(table->item(3, Table1View::kPaperGapRare)->text(), "0.0660");
  EXPECT_TRUE(place.messageText().contains("4 of 4")) << place.messageText().toStdString();

  Table1Chart* chart = view->chart();
  EXPECT_EQ(chart->shownRows(), labels);
  const auto top1 = chart->shownBars(Table1Chart::Bars::kTop1);
  ASSERT_EQ(top1.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR(top1[i], kTop1[i] * 100, 1e-9);
  const auto paper = chart->shownBars(Table1Chart::Bars::kPaperTop1);
  ASSERT_EQ(paper.size(), 4u);
  EXPECT_NEAR(paper[2], 85.8, 1e-9);
  const auto rare = chart->shownBars(Table1Chart::Bars::kGapRare);
  ASSERT_EQ(rare.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR(rare[i], kGapRare[i], 1e-12);
  EXPECT_EQ(chart->shownBars(Table1Chart::Bars::kGapFrequent).size(), 4u);
  EXPECT_EQ(chart->shownBars(Table1Chart::Bars::kPaperGapRare),
            (std::vector<double>{0.081, 0, 0, 0.066}));

  // Exported as every chart is: a PNG and the numbers as CSV.
  const QString png = dir.filePath("table1.png");
  const QString csv = dir.filePath("table1.csv");
  EXPECT_EQ(exportFigure(*place.figures()[0], png, FigureSize{{800, 400}, 100}), QString());
  EXPECT_EQ(exportFigure(*place.figures()[0], csv), QString());
  EXPECT_GT(QFileInfo(png).size(), 1000);
  QFile csv_file(csv);
  ASSERT_TRUE(csv_file.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(csv_file.readAll()).split('\n', Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 5);
  EXPECT_TRUE(lines[0].startsWith("row,top1_percent,paper_top1_percent,gap_frequent,gap_rare"));
  EXPECT_EQ(lines[1], "\"SimSiam\",70,84.3,0.01,0.05,0.081");
  EXPECT_EQ(lines[2], "\"+SAM\",71,84.7,0.011,0.045,");  // no rare gap in the paper

  if (const char* shots = std::getenv("LONGTAIL_SCREENSHOT_DIR")) {
    place.resize(1200, 800);
    EXPECT_TRUE(place.grab().save(QString(shots) + "/compare-table1.png"));
  }
}

TEST(ComparePlace, SaysWhichCommandMakesATable1SetWhenTheStoreHasNone) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));  // runs for Figures 1 and 2, but no Table 1 set
  show_table1(place);
  EXPECT_TRUE(place.messageText().contains("longtail table1 --preset cpu"))
      << place.messageText().toStdString();
  EXPECT_EQ(place.table1View()->table()->rowCount(), 0);
  EXPECT_TRUE(place.table1View()->chart()->shownBars(Table1Chart::Bars::kTop1).empty());
  // Back to the figures: their controls and message return.
  place.viewBox()->setCurrentIndex(place.viewBox()->findData("figures"));
  EXPECT_EQ(place.figures().size(), 2);
  EXPECT_TRUE(place.messageText().contains("16")) << place.messageText().toStdString();
}

TEST(ComparePlace, OffersEachTable1SetAndShowsHowFarAPartialOneGot) {
  QTemporaryDir dir;
  const QString path = dir.filePath("runs.sqlite");
  {
    RunStore store(path.toStdString());
    record_table1_set(store, dir.filePath("older/cpu"), "cpu", "2024-05-01T10:00:00Z");
    // A newer smoke set, half done: SimSiam probed but not yet measured, +rwSAM still training.
    record_table1_run(store, dir.filePath("newer/smoke"), "smoke", "simsiam", "finished", 0.6, NAN,
                      NAN, "2024-06-01T10:00:00Z");
    record_table1_run(store, dir.filePath("newer/smoke"), "smoke", "simsiam+rwsam", "running", NAN,
                      NAN, NAN, "2024-06-01T11:00:00Z");
  }
  ComparePlace place;
  place.setStorePath(path);
  show_table1(place);
  Table1View* view = place.table1View();
  EXPECT_FALSE(view->setBox()->isHidden());
  ASSERT_EQ(view->setBox()->count(), 2);
  ASSERT_TRUE(view->shownSet());
  EXPECT_EQ(view->shownSet()->preset, "smoke");  // the newest first
  QTableWidget* table = view->table();
  ASSERT_EQ(table->rowCount(), 4);
  EXPECT_EQ(table->item(0, Table1View::kTop1)->text(), "60.0");
  EXPECT_EQ(table->item(0, Table1View::kGapRare)->text(), "—");
  EXPECT_EQ(table->item(1, Table1View::kRun)->text(), "not run yet");
  EXPECT_TRUE(table->item(3, Table1View::kRun)->text().contains("running"));
  EXPECT_TRUE(place.messageText().contains("0 of 4")) << place.messageText().toStdString();
  EXPECT_TRUE(place.messageText().contains("longtail table1 --preset smoke"));

  // The chosen set stays on show when the store is read again.
  view->setBox()->setCurrentIndex(1);
  EXPECT_EQ(view->shownSet()->preset, "cpu");
  place.refresh();
  EXPECT_EQ(view->shownSet()->preset, "cpu");
  EXPECT_EQ(table->item(2, Table1View::kTop1)->text(), "74.0");
}

}  // namespace
}  // namespace lt::widgets
