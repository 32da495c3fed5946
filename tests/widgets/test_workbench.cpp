// The workbench as a user meets it: a run launched from Launch draws its curves in Live and
// ends in Runs; Cancel leaves a run that Resume continues; the window keeps answering while a
// run trains; every figure exports to files that open; the German translation is built in.
#include <gtest/gtest.h>

#include <unistd.h>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTranslator>
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "bar_chart.h"
#include "cam_grid.h"
#include "class_counts_chart.h"
#include "dataset_designer.h"
#include "figure_export.h"
#include "figure_export_dialog.h"
#include "launch_place.h"
#include "line_chart.h"
#include "live_place.h"
#include "main_window.h"
#include "pdflatex.h"
#include "runs_place.h"
#include "store/run_labels.h"
#include "store/run_store.h"
#include "sweep_place.h"
#include "table1_chart.h"
#include "theory_place.h"
#include "tiny_run.h"
#include "train/trainer.h"
#include "training_controller.h"
#include "weights_view.h"

#include "wait_for.h"

namespace lt::widgets {
namespace {

using lt::test::waitFor;

// A window on a store of its own, with a Launch set to a run of a few seconds on one thread.
struct Workbench {
  QTemporaryDir dir;
  MainWindow window{dir.filePath("runs.sqlite")};

  explicit Workbench(int epochs) {
    LaunchPlace* launch = window.launch();
    launch->presetBox()->setCurrentIndex(launch->presetBox()->findData("smoke"));
    launch->epochsBox()->setValue(epochs);
    launch->imbalancedBox()->setChecked(true);
    launch->twinBox()->setChecked(false);
    launch->evaluateBox()->setChecked(false);
  }
  RunStore store() { return RunStore(window.storePath().toStdString(), false); }
};

TEST(Workbench, ARunFromLaunchDrawsLiveCurvesAndEndsInRuns) {
  Workbench bench(2);
  bench.window.launch()->startButton()->click();
  EXPECT_EQ(bench.window.currentPlace(), MainWindow::kLive);  // a launch shows where it goes
  ASSERT_TRUE(waitFor([&] { return !bench.window.controller()->busy(); }, 180000));
  LivePlace* live = bench.window.live();
  // The last epoch's signals are queued: wait for its point, not for a time.
  ASSERT_TRUE(waitFor(
      [&] {
        const QStringList names = live->lossChart()->seriesNames();
        return names.size() == 1 && live->lossChart()->points(names.front()).size() == 2;
      },
      60000));
  const QStringList series = live->lossChart()->seriesNames();
  ASSERT_EQ(series.size(), 1);
  const auto loss = live->lossChart()->points(series.front());
  ASSERT_EQ(loss.size(), 2);  // one point per finished epoch
  EXPECT_EQ(loss[0].x, 1);
  EXPECT_EQ(loss[1].x, 2);
  EXPECT_EQ(live->lrChart()->points(series.front()).size(), 2);
  EXPECT_EQ(live->speedChart()->points(series.front()).size(), 2);
  EXPECT_GT(live->speedChart()->points(series.front())[0].y, 0);
  EXPECT_EQ(live->table()->rowCount(), 1);

  RunsPlace* runs = bench.window.runs();
  runs->refresh();
  ASSERT_EQ(runs->shownRuns(), 1);
  EXPECT_EQ(runs->cell(0, "Status"), "finished");
  EXPECT_EQ(runs->cell(0, "Method"), "simsiam");
  EXPECT_EQ(runs->cell(0, "Epochs"), "2 / 2");
  // The filter narrows the table.
  runs->filterBox()->setText("supervised");
  EXPECT_EQ(runs->shownRuns(), 0);
  runs->filterBox()->setText("simsiam");
  EXPECT_EQ(runs->shownRuns(), 1);
}

TEST(Workbench, CancelLeavesARunThatResumeContinues) {
  Workbench bench(40);
  const QList<int> jobs = bench.window.launch()->launch();
  ASSERT_EQ(jobs.size(), 1);
  LivePlace* live = bench.window.live();
  // Cancel once the first epoch is in.
  ASSERT_TRUE(waitFor([&] { return !live->lossChart()->seriesNames().isEmpty(); }, 120000));
  live->table()->selectRow(0);
  ASSERT_TRUE(live->cancelButton()->isEnabled());
  live->cancelButton()->click();
  ASSERT_TRUE(waitFor([&] { return live->jobStatus(jobs[0]) == "cancelled"; }, 60000));
  const QString run_dir = live->jobRunDir(jobs[0]);
  EXPECT_TRUE(QFile::exists(run_dir + "/checkpoint.pt"));
  const auto stored = bench.store().find_run(run_dir.toStdString());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, "cancelled");
  const int64_t done = stored->epochs_done;
  EXPECT_GE(done, 1);
  EXPECT_LT(done, 40);

  // Resume continues from the checkpoint: the next epoch is done + 1, not 1.
  ASSERT_TRUE(live->resumeButton()->isEnabled());
  const qsizetype points =
      live->lossChart()->points(live->lossChart()->seriesNames().front()).size();
  live->resumeButton()->click();
  const QString name = live->lossChart()->seriesNames().front();
  ASSERT_TRUE(waitFor([&] { return live->lossChart()->points(name).size() > points; }, 120000));
  EXPECT_GT(live->lossChart()->points(name).back().x, double(done));
  EXPECT_EQ(live->lossChart()->seriesNames().size(), 1);  // the same run, the same curve
  bench.window.controller()->cancelAll();
  ASSERT_TRUE(waitFor([&] { return !bench.window.controller()->busy(); }, 60000));
}

TEST(Workbench, TheWindowAnswersWhileARunTrains) {
  // A run far longer than the test (cancelled at the end), so that on any machine, however fast,
  // every tick below falls while it trains.
  Workbench bench(100000);
  bench.window.show();
  bench.window.launch()->launch();
  LivePlace* live = bench.window.live();
  ASSERT_TRUE(waitFor([&] { return bench.window.controller()->busy(); }, 10000));
  // The first epoch is in: the run is past its set-up and in its steps.
  ASSERT_TRUE(waitFor([&] { return !live->lossChart()->seriesNames().isEmpty(); }, 120000));
  // 50 ticks of a 20 ms timer while the run trains: a window that trained on its own thread, or
  // waited on the trainer, would serve none of them until the run ended. No bound on the delay:
  // how late a tick is depends on the machine and its load, not on our code (it is recorded).
  QElapsedTimer clock;
  clock.start();
  qint64 last = 0, worst = 0;
  int ticks = 0, ticks_while_training = 0;
  QTimer timer;
  QObject::connect(&timer, &QTimer::timeout, [&] {
    const qint64 now = clock.elapsed();
    if (ticks > 0) worst = std::max(worst, now - last - 20);
    last = now;
    ++ticks;
    ticks_while_training += bench.window.controller()->busy();
  });
  timer.start(20);
  ASSERT_TRUE(waitFor([&] { return ticks > 50; }, 120000));
  timer.stop();
  EXPECT_EQ(ticks_while_training, ticks);
  RecordProperty("event_loop_worst_delay_ms", std::to_string(worst));
  std::printf("longest event-loop delay while training: %lld ms\n", (long long)worst);
  // The curves kept coming while the ticks were served: the window drew the run as it trained.
  const QString name = live->lossChart()->seriesNames().front();
  const qsizetype points = live->lossChart()->points(name).size();
  ASSERT_TRUE(waitFor([&] { return live->lossChart()->points(name).size() > points; }, 120000));
  bench.window.controller()->cancelAll();
  ASSERT_TRUE(waitFor([&] { return !bench.window.controller()->busy(); }, 60000));
}

QByteArray head(const QString& path, int bytes) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.read(bytes);
}

TEST(FigureExport, WritesPngSvgPdfAndCsvThatOpen) {
  QTemporaryDir dir;
  LineChart chart("accuracy");
  chart.setTitle("Accuracy against n");
  chart.setAxisTitles("n", "top-1 (%)");
  chart.setSeries("SimSiam, balanced", {{1000, 60, 1.5}, {4000, 70, 0.5}});
  chart.setSeries("SimSiam, imbalanced", {{1000, 58, 1}, {4000, 69, 0.7}});

  const QString png = dir.filePath("a.png");
  ASSERT_EQ(exportFigure(chart, png, FigureSize{QSize(1200, 800), 300}), QString());
  const QImage image(png);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(1200, 800));
  EXPECT_NEAR(image.dotsPerMeterX() * 0.0254, 300, 1);
  // Something was drawn: not a blank white page.
  int dark = 0;
  for (int y = 0; y < image.height(); y += 4)
    for (int x = 0; x < image.width(); x += 4) dark += qGray(image.pixel(x, y)) < 128;
  EXPECT_GT(dark, 100);

  // For a person to look at: LONGTAIL_SCREENSHOT_DIR=/tmp/shots ctest -L gui
  if (const char* shots = std::getenv("LONGTAIL_SCREENSHOT_DIR"))
    EXPECT_EQ(exportFigure(chart, QString(shots) + "/exported-figure.png"), QString());

  const QString svg = dir.filePath("a.svg");
  ASSERT_EQ(exportFigure(chart, svg), QString());
  const QByteArray svg_head = head(svg, 400);
  EXPECT_TRUE(svg_head.contains("<svg")) << svg_head.constData();
  EXPECT_GT(QFileInfo(svg).size(), 2000);

  const QString pdf = dir.filePath("a.pdf");
  ASSERT_EQ(exportFigure(chart, pdf, FigureSize{QSize(1600, 1000), 200}), QString());
  EXPECT_TRUE(head(pdf, 5).startsWith("%PDF-"));
  EXPECT_GT(QFileInfo(pdf).size(), 1000);

  const QString csv = dir.filePath("a.csv");
  ASSERT_EQ(exportFigure(chart, csv), QString());
  const QString text = QString::fromUtf8(head(csv, 4096));
  EXPECT_TRUE(text.startsWith("series,x,y,error\n"));
  EXPECT_TRUE(text.contains("\"SimSiam, balanced\",1000,60,1.5"));
  EXPECT_EQ(text.count('\n'), 5);
}

// The font sizes an SVG's text elements are drawn at (the groups around them carry the
// painter's default font, which draws nothing).
QList<double> svgFontSizes(const QString& path) {
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(file.readAll());
  QList<double> sizes;
  static const QRegularExpression size("<text [^>]*font-size=\"([0-9.]+)");
  for (auto it = size.globalMatch(text); it.hasNext();) {
    const double s = it.next().captured(1).toDouble();
    if (!sizes.contains(s)) sizes << s;
  }
  std::sort(sizes.begin(), sizes.end());
  return sizes;
}

TEST(FigureExport, APaperColumnPresetPrintsTheTextAtTheColumnsFontSize) {
  QTemporaryDir dir;
  LineChart chart("accuracy");
  chart.setTitle("Accuracy against n");
  chart.setAxisTitles("n", "top-1 (%)");
  chart.setSeries("SimSiam, balanced", {{1000, 60, 1.5}, {4000, 70, 0.5}});
  // The export dialog's presets are longtail report --size's: 3.25 in with 8 pt text, 6.75 in
  // with 9 pt text.
  FigureExportDialog dialog(&chart);
  dialog.sizePresetBox()->setCurrentIndex(1);
  const FigureSize single = dialog.size();
  EXPECT_DOUBLE_EQ(single.fontPoints, 8);
  EXPECT_EQ(single.pixels.width(), qRound(3.25 * single.dpi));
  dialog.sizePresetBox()->setCurrentIndex(2);
  EXPECT_DOUBLE_EQ(dialog.size().fontPoints, 9);
  dialog.sizePresetBox()->setCurrentIndex(0);
  EXPECT_DOUBLE_EQ(dialog.size().fontPoints, 0);

  // In points of paper, the text is 8 pt (the title 9) at any resolution; as on screen otherwise.
  const QString at200 = dir.filePath("single-200.svg"), at400 = dir.filePath("single-400.svg");
  ASSERT_EQ(exportFigure(chart, at200, FigureSize{QSize(650, 460), 200, 8}), QString());
  ASSERT_EQ(exportFigure(chart, at400, FigureSize{QSize(1300, 920), 400, 8}), QString());
  EXPECT_EQ(svgFontSizes(at200), (QList<double>{8, 9}));
  EXPECT_EQ(svgFontSizes(at400), (QList<double>{8, 9}));
  const QString wide = dir.filePath("double.svg");
  ASSERT_EQ(exportFigure(chart, wide, FigureSize{QSize(1350, 560), 200, 9}), QString());
  EXPECT_EQ(svgFontSizes(wide), (QList<double>{9, 10}));
  const QString screen = dir.filePath("screen.svg");
  ASSERT_EQ(exportFigure(chart, screen, FigureSize{QSize(650, 460), 200}), QString());
  EXPECT_NE(svgFontSizes(screen), (QList<double>{8, 9}));
}

QString text(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

TEST(FigureExport, WritesPgfplotsThatPdflatexCompilesAtTheColumnsSize) {
  QTemporaryDir dir;
  LineChart chart("accuracy");
  chart.setTitle("Top-1 & 100% of {classes} #1 (r_min ~ 0.01)");
  chart.setAxisTitles("n", "top-1 (%)");
  chart.setLogX(true);
  chart.setSeries("SimSiam, balanced", {{1000, 60, 1.5}, {4000, 70, 0.5}, {16000, 74, 0.4}});
  chart.setSeries("SimSiam, imbalanced", {{1000, 58, 1}, {4000, 69, 0.7}, {16000, 72, 0}},
                  SeriesStyle::kDashed);
  chart.setSeries("paper", {{1000, 55}, {16000, 71}}, SeriesStyle::kDots);
  chart.setSeries("trend", {{1000, 57}, {16000, 73}}, SeriesStyle::kLine);

  // The dialog's single-column preset: 3.25 in with 8 pt text, at any DPI.
  FigureExportDialog dialog(&chart);
  dialog.sizePresetBox()->setCurrentIndex(1);
  const QString tex = dir.filePath("accuracy-single.tex");
  ASSERT_EQ(exportFigure(chart, tex, dialog.size()), QString());
  const QString document = text(tex);
  EXPECT_TRUE(document.startsWith("% made by LongTail Lab ")) << document.toStdString();
  EXPECT_TRUE(document.contains("single column (3.25 in)")) << document.toStdString();
  EXPECT_TRUE(document.contains("width=3.25in")) << document.toStdString();
  EXPECT_TRUE(document.contains("font=\\footnotesize")) << document.toStdString();
  EXPECT_TRUE(document.contains("xmode=log")) << document.toStdString();
  // Every point with its error bar, each curve drawn as in the window, in the legend's order.
  EXPECT_TRUE(document.contains("(4000,70) +- (0,0.5)")) << document.toStdString();
  EXPECT_TRUE(document.contains("\\addplot+[dashed, mark=*")) << document.toStdString();
  EXPECT_TRUE(document.contains("\\addplot+[only marks")) << document.toStdString();
  EXPECT_TRUE(document.contains("\\addplot+[no markers")) << document.toStdString();
  EXPECT_LT(document.indexOf("{SimSiam, balanced}"), document.indexOf("{paper}"));
  EXPECT_TRUE(document.contains("r\\_min")) << document.toStdString();       // LaTeX's specials
  EXPECT_FALSE(QFile::exists(dir.filePath("accuracy-single.figure.json")));  // no runs known

  dialog.sizePresetBox()->setCurrentIndex(2);
  const QString wide = dir.filePath("accuracy-double.tex");
  ASSERT_EQ(exportFigure(chart, wide, dialog.size()), QString());
  EXPECT_TRUE(text(wide).contains("width=6.75in"));
  EXPECT_TRUE(text(wide).contains("font=\\small"));

  BarChart bars("masses");
  bars.setTitle("Right-half share");
  bars.setValueAxis("share", 0, 1);
  bars.setBars({"freq. all", "rare all"}, {"SimCLR", "Supervised"}, {{0.45, 0.7}, {0.3, NAN}});
  const QString bar_tex = dir.filePath("masses.tex");
  ASSERT_EQ(exportFigure(bars, bar_tex, FigureSize{QSize(650, 460), 200, 8}), QString());
  EXPECT_TRUE(text(bar_tex).contains("ybar"));
  EXPECT_TRUE(text(bar_tex).contains("(0,0.45)"));

  if (!lt::test::have_pdflatex())
    GTEST_SKIP() << "pdflatex is not installed (scripts/install-deps.sh)";
  for (const QString& file : {tex, wide, bar_tex}) {
    EXPECT_TRUE(lt::test::compiles(file.toStdString()))
        << text(dir.filePath("pdflatex.log")).right(2000).toStdString();
    const QString pdf = file.chopped(4) + ".pdf";
    EXPECT_TRUE(head(pdf, 5).startsWith("%PDF-")) << pdf.toStdString();
  }
}

// Every chart of the window exports as .tex: Table 1's two panels side by side in one picture,
// and the class counts on the logarithmic axis they are shown on.
TEST(FigureExport, Table1sPanelsAndLogClassCountsWriteTexThatCompiles) {
  QTemporaryDir dir;
  Table1Chart table;
  table.setRows({{"SimSiam", 0.7474, 0.843, -0.0010, 0.0106, 0.081},
                 {"+ rwSAM", 0.7475, 0.856, 0.0000, -0.0016, NAN}});
  const QString t1 = dir.filePath("table1.tex");
  ASSERT_EQ(exportFigure(table, t1), QString());
  const QString panels = text(t1);
  EXPECT_EQ(panels.count("\\begin{axis}"), 2) << panels.toStdString();
  EXPECT_TRUE(panels.contains("at={(")) << panels.toStdString();  // the second beside the first
  EXPECT_TRUE(panels.contains("(0,74.74)")) << panels.toStdString();
  EXPECT_TRUE(panels.contains("(1,-0.0016)")) << panels.toStdString();
  EXPECT_TRUE(panels.contains("{+ rwSAM}")) << panels.toStdString();

  ClassCountsChart counts;
  counts.setCounts({"T-shirt", "Trouser", "Bag"}, {5000, 50, 5}, {1685, 1685, 1685});
  counts.setLogScale(true);
  const QString log = dir.filePath("counts.tex");
  ASSERT_EQ(exportFigure(counts, log), QString());
  const QString bars = text(log);
  EXPECT_TRUE(bars.contains("ymode=log, log origin=infty")) << bars.toStdString();
  EXPECT_TRUE(bars.contains("(2,5)")) << bars.toStdString();
  EXPECT_TRUE(bars.contains("{balanced twin}")) << bars.toStdString();
  counts.setLogScale(false);
  ASSERT_EQ(exportFigure(counts, dir.filePath("linear.tex")), QString());
  EXPECT_FALSE(text(dir.filePath("linear.tex")).contains("ymode=log"));

  if (!lt::test::have_pdflatex()) GTEST_SKIP() << "no pdflatex: the documents are not compiled";
  EXPECT_TRUE(lt::test::compiles(t1.toStdString())) << panels.toStdString();
  EXPECT_TRUE(lt::test::compiles(log.toStdString())) << bars.toStdString();
}

TEST(FigureExport, SaysWhenAFigureHasNoTexForm) {
  QTemporaryDir dir;
  CamGrid grid;  // images, not a chart
  const QString path = dir.filePath("grid.tex");
  const QString error = exportFigure(grid, path);
  EXPECT_TRUE(error.contains("cannot be written as .tex")) << error.toStdString();
  EXPECT_TRUE(error.contains(".pdf")) << error.toStdString();
  EXPECT_FALSE(QFile::exists(path));
  EXPECT_TRUE(figureFileFilters().contains("(*.tex)"));
}

TEST(FigureExport, RefusesWhatCannotBeWrittenAndSaysWhy) {
  QTemporaryDir dir;
  LineChart chart("loss");
  chart.setSeries("run", {{1, 2}});
  const QString unknown = exportFigure(chart, dir.filePath("figure.bmpx"));
  EXPECT_TRUE(
      unknown.contains("figure.bmpx has no known suffix: name the file .png, .svg, "
                       ".pdf, .csv or .tex."))
      << unknown.toStdString();
  EXPECT_TRUE(exportFigure(chart, "/nonexistent-folder/x/figure.png").contains("Could not"));
  EXPECT_TRUE(
      exportFigure(chart, dir.filePath("f.png"), FigureSize{QSize(4, 4), 100}).contains("16"));
  EXPECT_FALSE(QFile::exists(dir.filePath("f.png")));
}

TEST(WeightsView, ShowsTheWeightsOfATinyRun) {
  QTemporaryDir dir;
  const std::string run_dir = dir.filePath("run").toStdString();
  RunConfig config = test::tiny_run("simsiam");
  config.epochs = 1;
  ASSERT_EQ(train(config, run_dir).status, "finished");

  WeightsView view(QString::fromStdString(run_dir));
  bool done = false;
  QObject::connect(&view, &WeightsView::computed, [&] { done = true; });
  ASSERT_TRUE(waitFor([&] { return done; }, 120000));
  ASSERT_TRUE(view.weights()) << view.summaryText().toStdString();
  const RunWeights& w = *view.weights();
  // Every pre-training image is in the histogram once.
  double binned = 0;
  for (double c : view.histogram()->shownCounts()) binned += c;
  EXPECT_EQ(binned, double(w.weights.size()));
  EXPECT_EQ(w.images.size(), int64_t(w.weights.size()));
  // One point per class: its size against its mean weight.
  const auto by_class = view.byClassChart()->points(view.byClassChart()->seriesNames().front());
  EXPECT_EQ(by_class.size(), 10);
  EXPECT_TRUE(view.summaryText().contains("Spearman"));
  // h and how it was chosen (by default without labels, half the median distance), and the
  // spread.
  EXPECT_EQ(w.record.bandwidth_rule, "half-median");
  EXPECT_TRUE(view.summaryText().contains("half the median distance"))
      << view.summaryText().toStdString();
  EXPECT_TRUE(view.summaryText().contains("standard deviation"));
  EXPECT_NEAR(w.record.spread.max, *std::max_element(w.weights.begin(), w.weights.end()), 1e-12);
  EXPECT_EQ(view.figures().size(), 2);
}

TEST(TheoryPlace, DrawsTheToyDataAndTheTrendAgainstD) {
  TheoryPlace place;
  bool done = false, ok = false;
  QObject::connect(&place, &TheoryPlace::computed, [&](bool success) {
    done = true;
    ok = success;
  });
  place.dimensionSlider()->setValue(5);  // d = 32: quick
  place.recompute();
  ASSERT_TRUE(waitFor([&] { return done; }, 120000));
  ASSERT_TRUE(ok) << place.numbersText().toStdString();
  // The three classes as scatters, and the SL and SSL directions drawn over them.
  const QStringList plane = place.planeChart()->seriesNames();
  EXPECT_TRUE(plane.contains("class 3 (rare)"));
  EXPECT_EQ(place.planeChart()->points("class 3 (rare)").size(), place.rareBox()->value());
  EXPECT_TRUE(std::any_of(plane.begin(), plane.end(),
                          [](const QString& s) { return s.startsWith("SSL direction"); }));
  EXPECT_TRUE(std::any_of(plane.begin(), plane.end(),
                          [](const QString& s) { return s.startsWith("SL direction"); }));
  // The trend has one point per d of the sweep, each number within [0, 1].
  const QStringList trend = place.trendChart()->seriesNames();
  ASSERT_EQ(trend.size(), 2);
  const auto ssl = place.trendChart()->points(trend.filter("SSL").front());
  EXPECT_GE(ssl.size(), 5);  // 32 ... 2,048
  for (const ChartPoint& p : ssl) EXPECT_TRUE(p.y >= 0 && p.y <= 1) << p.y;
  EXPECT_TRUE(place.numbersText().contains("SSL keeps"));
}

TEST(TheoryPlace, OffersTheTheoremsRegimeAsAPreset) {
  TheoryPlace place;
  const int theorem = place.presetBox()->findData("theorem");
  ASSERT_GE(theorem, 0);
  place.presetBox()->setCurrentIndex(theorem);
  const TheorySweepOptions o = place.options();
  EXPECT_EQ(o.base.m, 3);
  EXPECT_DOUBLE_EQ(o.base.toy.n_exponent, 1.0);
  EXPECT_DOUBLE_EQ(o.base.toy.tau_exponent, 0.2);
  EXPECT_DOUBLE_EQ(o.base.toy.rho_exponent, -0.2);
  ASSERT_TRUE(o.base.toy.n3_exponent.has_value());
  EXPECT_DOUBLE_EQ(*o.base.toy.n3_exponent, 0.2);
  EXPECT_FALSE(o.base.toy.tau.has_value());
  EXPECT_LE(o.d_to, 2048);  // where the SL solver stops at n = 2d
  EXPECT_FALSE(place.rareBox()->isEnabled());
  place.presetBox()->setCurrentIndex(place.presetBox()->findData("trends"));
  EXPECT_EQ(place.options().base.m, 2);
  EXPECT_TRUE(place.rareBox()->isEnabled());
}

TEST(SweepPlace, RunsATinySweepAndDrawsItsCellsAndGaps) {
  QTemporaryDir dir;
  SweepPlace place;
  place.setStorePath(dir.filePath("runs.sqlite"));
  place.setSweepsFolder(dir.filePath("sweeps"));
  place.addPlanFile(LONGTAIL_SOURCE_DIR "/tests/data/sweep-tiny.json");
  bool done = false;
  QObject::connect(&place, &SweepPlace::finished, [&] { done = true; });
  QObject::connect(&place, &SweepPlace::failed, [&] { done = true; });
  place.start();
  EXPECT_TRUE(place.running());
  ASSERT_TRUE(waitFor([&] { return done; }, 240000));
  // The tiny plan: 2 methods x (a variant and its twin) = 4 runs, all finished and probed.
  ASSERT_EQ(place.table()->rowCount(), 4) << place.stateText().toStdString();
  for (int row = 0; row < 4; ++row) {
    EXPECT_EQ(place.table()->item(row, 6)->text(), "finished");
    EXPECT_FALSE(place.table()->item(row, 9)->text().isEmpty());  // ID accuracy
  }
  // Figure 2: a balanced and an imbalanced series per method; Figure 1: a final gap per method.
  EXPECT_EQ(place.accuracyChart()->seriesNames().size(), 4);
  const QStringList gaps = place.gapChart()->seriesNames();
  EXPECT_EQ(gaps.size(), 2) << gaps.join(", ").toStdString();
  for (const QString& name : gaps) EXPECT_FALSE(name.contains("provisional"));
  EXPECT_EQ(place.figures().size(), 2);

  // Tag the two SimSiam runs (as `longtail runs tag` does): the tag box offers the tag, and
  // choosing it keeps their rows and their method's series only.
  {
    RunStore store(dir.filePath("runs.sqlite").toStdString(), false);
    int tagged = 0;
    for (const StoredRun& run : store.list_runs()) {
      if (run.method != "simsiam") continue;
      RunLabels labels = read_run_labels(run.dir);
      labels.tags.push_back("keep");
      save_run_labels(store, run, labels);
      ++tagged;
    }
    ASSERT_EQ(tagged, 2);
  }
  place.refresh();
  const int keep = place.tagBox()->findData("keep");
  ASSERT_GE(keep, 0);
  place.tagBox()->setCurrentIndex(keep);
  ASSERT_EQ(place.table()->rowCount(), 2);
  for (int row = 0; row < 2; ++row) EXPECT_EQ(place.table()->item(row, 1)->text(), "simsiam");
  EXPECT_EQ(place.accuracyChart()->seriesNames().size(), 2);
  EXPECT_EQ(place.gapChart()->seriesNames().size(), 1);
  place.tagBox()->setCurrentIndex(place.tagBox()->findData(QString()));
  EXPECT_EQ(place.table()->rowCount(), 4);
}

TEST(Translation, GermanIsBuiltInAndUsedByTheWindow) {
  QTranslator german;
  ASSERT_TRUE(german.load(QLocale(QLocale::German), "longtail", "_", ":/i18n"));
  QApplication::installTranslator(&german);
  {
    QTemporaryDir dir;
    MainWindow window(dir.filePath("runs.sqlite"));
    auto* nav = window.findChild<QListWidget*>();
    ASSERT_TRUE(nav);
    EXPECT_EQ(nav->item(MainWindow::kDesigner)->text(), "Datensatz-Designer");
    EXPECT_EQ(nav->item(MainWindow::kCompare)->text(), "Vergleich");
  }
  QApplication::removeTranslator(&german);
}

// Submit to Slurm shows the job script before anything is submitted; where a local Slurm is up
// (scripts/slurm-local.sh), a submission shows its job id and each run's Slurm state.
TEST(SweepPlace, ShowsTheSlurmScriptFirstThenTheJobAndEachRunsSlurmState) {
  QTemporaryDir dir;
  SweepPlace place;
  place.setStorePath(dir.filePath("runs.sqlite"));
  place.setSweepsFolder(dir.filePath("sweeps"));
  place.setLongtailPath("/opt/longtail/bin/longtail");
  place.addPlanFile(LONGTAIL_SOURCE_DIR "/tests/data/sweep-tiny.json");
  SlurmOptions options;
  options.partition = "debug";
  options.max_running = 2;
  options.cpus_per_run = 1;
  const QString script = place.slurmScript(options);
  EXPECT_TRUE(script.contains("#SBATCH --array=0-3%2")) << script.toStdString();
  EXPECT_TRUE(script.contains("#SBATCH --partition=debug"));
  EXPECT_FALSE(script.contains("--gres"));  // the tiny plan is a CPU plan
  EXPECT_TRUE(script.contains("longtail=/opt/longtail/bin/longtail"));
  EXPECT_FALSE(QFile::exists(dir.filePath("runs.sqlite")));  // shown, not submitted
  EXPECT_EQ(place.slurmJobId(), "");

  if (std::getenv("SLURM_CONF") == nullptr) {
    const QByteArray conf = "/tmp/longtail-slurm-" + QByteArray::number(getuid()) + "/slurm.conf";
    setenv("SLURM_CONF", conf.constData(), 1);
  }
  if (!QFile::exists(qgetenv("SLURM_CONF")) ||
      std::system("timeout 30 sinfo -h >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "no local Slurm (scripts/slurm-local.sh start): the submission is not tried";
  }
  bool submitted = false;
  QObject::connect(&place, &SweepPlace::slurmSubmitted, [&] { submitted = true; });
  options.partition.clear();
  options.sbatch_args = {"--hold"};  // held: the states show without running anything
  place.submitToSlurm(options);
  ASSERT_TRUE(waitFor([&] { return submitted; }, 60000)) << place.stateText().toStdString();
  const QString job = place.slurmJobId();
  EXPECT_FALSE(job.isEmpty());
  ASSERT_TRUE(waitFor([&] { return place.table()->rowCount() == 4; }, 30000));
  for (int row = 0; row < 4; ++row) EXPECT_EQ(place.table()->item(row, 12)->text(), "pending");
  EXPECT_TRUE(place.stateText().contains(job)) << place.stateText().toStdString();
  std::system(("scancel " + job.toStdString()).c_str());
}

}  // namespace
}  // namespace lt::widgets
