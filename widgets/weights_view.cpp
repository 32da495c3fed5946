#include "weights_view.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "class_counts_chart.h"
#include "dataset_image.h"
#include "line_chart.h"
#include "runtime/worker_threads.h"

namespace lt::widgets {
namespace {

constexpr int kBins = 12;
constexpr int kExtremes = 12;

}  // namespace

WeightsView::WeightsView(const QString& runDir, QWidget* parent)
    : QWidget(parent),
      run_dir_(runDir),
      alpha_(new QDoubleSpinBox),
      bandwidth_(new QDoubleSpinBox),
      compute_(new QPushButton(tr("&Compute"))),
      summary_(new QLabel),
      histogram_(new ClassCountsChart),
      by_class_(new LineChart("weight-by-class-size")),
      largest_(new QLabel),
      smallest_(new QLabel) {
  setWindowTitle(tr("rwSAM weights: %1").arg(runDir));
  alpha_->setRange(0, 10);
  alpha_->setDecimals(2);
  alpha_->setValue(1.2);
  alpha_->setToolTip(tr("alpha: weights are density^-alpha (the paper: 1.2)"));
  bandwidth_->setRange(0, 100);
  bandwidth_->setDecimals(3);
  bandwidth_->setSpecialValueText(tr("half the median"));
  bandwidth_->setToolTip(
      tr("h: the Gaussian kernel's bandwidth; 0 takes half the median distance between features"));
  summary_->setWordWrap(true);
  by_class_->setTitle(tr("Mean weight per class against its size"));
  by_class_->setAxisTitles(tr("images of the class (pre-training)"), tr("mean weight"));
  by_class_->setLogX(true);
  histogram_->setLabels(tr("images"), QString(), tr("images per weight bin"));

  auto* settings = new QFormLayout;
  settings->addRow(tr("alpha"), alpha_);
  settings->addRow(tr("Bandwidth h"), bandwidth_);
  settings->addRow(compute_);
  auto* top = new QHBoxLayout;
  top->addLayout(settings);
  top->addWidget(summary_, 1);
  auto* grid = new QGridLayout;
  grid->addWidget(histogram_, 0, 0);
  grid->addWidget(by_class_, 0, 1);
  grid->addWidget(new QLabel(tr("Largest weights (rarest in feature space)")), 1, 0);
  grid->addWidget(new QLabel(tr("Smallest weights (densest)")), 1, 1);
  grid->addWidget(largest_, 2, 0);
  grid->addWidget(smallest_, 2, 1);
  grid->setRowStretch(0, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addLayout(grid, 1);

  connect(compute_, &QPushButton::clicked, this, &WeightsView::compute);
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
    const Outcome outcome = watcher_.result();
    compute_->setEnabled(true);
    if (outcome.end != JobEnd::kFinished) {
      const QString why =
          outcome.end == JobEnd::kCancelled ? tr("The computation was cancelled.") : outcome.error;
      summary_->setText(why);
      Q_EMIT computed(false, why);
      return;
    }
    weights_ = outcome.value;
    showWeights(*weights_);
    Q_EMIT computed(true, QString());
  });
  compute();
}

WeightsView::~WeightsView() {
  // Stop the encoder or the KDE at its next batch or block, then wait: the job must not outlive
  // the view whose settings it was started with.
  jobs_.cancel();
  jobs_.wait();
}

QList<Figure*> WeightsView::figures() const {
  return {histogram_, by_class_};
}

QString WeightsView::summaryText() const {
  return summary_->text();
}

void WeightsView::compute() {
  if (watcher_.isRunning()) return;
  compute_->setEnabled(false);
  summary_->setText(tr("Encoding the pre-training images and estimating their density ..."));
  KdeOptions options;
  options.alpha = alpha_->value();
  options.bandwidth = bandwidth_->value();
  const std::string dir = run_dir_.toStdString();
  const int64_t threads = worker_threads();
  watcher_.setFuture(jobs_.run([dir, options, threads](const JobTicket& ticket) {
    return std::make_shared<RunWeights>(
        compute_run_weights(dir, options, "auto", threads, ticket.keepGoing()));
  }));
}

void WeightsView::showWeights(const RunWeights& w) {
  // Histogram over [0, max] in equal bins.
  const double top = *std::max_element(w.weights.begin(), w.weights.end());
  std::vector<int64_t> counts(kBins, 0);
  for (double v : w.weights) counts[std::min(kBins - 1, int(v / top * kBins))]++;
  QStringList bins;
  for (int b = 0; b < kBins; ++b) bins << QString::number((b + 0.5) * top / kBins, 'g', 2);
  histogram_->setCounts(bins, counts);

  QVector<ChartPoint> points;
  for (size_t c = 0; c < w.by_class.sizes.size(); ++c)
    if (w.by_class.sizes[c] > 0)
      points.append({double(w.by_class.sizes[c]), w.by_class.mean_weight[c]});
  std::sort(points.begin(), points.end(),
            [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
  by_class_->setSeries(tr("classes"), points);

  const KdeRecord& r = w.record;
  const QString how = r.bandwidth_rule == "given"         ? tr("as given")
                      : r.bandwidth_rule == "half-median" ? tr("half the median distance")
                      : r.bandwidth_rule == "median"      ? tr("the median distance")
                                                     : tr("the best 5-fold held-out likelihood");
  const std::string flat = flat_weights_warning(r.spread, w.bandwidth);
  summary_->setText(
      tr("%1 images, bandwidth h = %2 (%3), alpha = %4, on %5 (KDE %6 s).")
          .arg(w.weights.size())
          .arg(w.bandwidth, 0, 'g', 4)
          .arg(how + (r.at_grid_edge ? tr(", at the grid's edge") : QString()))
          .arg(w.alpha)
          .arg(QString::fromStdString(w.device))
          .arg(w.seconds, 0, 'f', 2) +
      "\n" +
      tr("Weights from %1 to %2, standard deviation %3; 90th / 10th percentile %4 (all 1: "
         "rwSAM is SAM).")
          .arg(r.spread.min, 0, 'f', 3)
          .arg(r.spread.max, 0, 'f', 3)
          .arg(r.spread.std, 0, 'f', 3)
          .arg(r.spread.p90_over_p10, 0, 'f', 3) +
      "\n" +
      tr("Spearman's rank correlation of the weight with 1 / class size: %1 (1: the weights "
         "found the rare classes without labels; 0: they did not).")
          .arg(w.by_class.spearman_with_inverse_class_size, 0, 'f', 3) +
      (flat.empty() ? QString() : "\n" + tr("Warning: ") + QString::fromStdString(flat) + "."));
  largest_->setPixmap(extremes(w, true));
  smallest_->setPixmap(extremes(w, false));
}

QPixmap WeightsView::extremes(const RunWeights& w, bool largest) const {
  std::vector<int64_t> order(w.weights.size());
  std::iota(order.begin(), order.end(), 0);
  const int64_t shown = std::min<int64_t>(kExtremes, int64_t(order.size()));
  std::partial_sort(order.begin(), order.begin() + shown, order.end(), [&](int64_t a, int64_t b) {
    return largest ? w.weights[size_t(a)] > w.weights[size_t(b)]
                   : w.weights[size_t(a)] < w.weights[size_t(b)];
  });
  const int side = 56, label = 30, columns = 6;
  const int rows = int((shown + columns - 1) / columns);
  QImage sheet(columns * (side + 4), rows * (side + label), QImage::Format_RGB32);
  sheet.fill(palette().color(QPalette::Base));
  QPainter painter(&sheet);
  painter.setPen(palette().color(QPalette::Text));
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  painter.setFont(small);
  for (int64_t k = 0; k < shown; ++k) {
    const int64_t i = order[size_t(k)];
    const QRect cell(int(k % columns) * (side + 4), int(k / columns) * (side + label), side, side);
    painter.drawImage(cell, datasetImage(w.images, i));
    const auto label_of = w.images.labels[size_t(i)];
    painter.drawText(QRect(cell.left(), cell.bottom() + 1, side + 4, label),
                     Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                     QString("%1\n%2")
                         .arg(QString::fromStdString(w.classes[size_t(label_of)]).left(10))
                         .arg(w.weights[size_t(i)], 0, 'f', 2));
  }
  painter.end();
  return QPixmap::fromImage(sheet);
}

}  // namespace lt::widgets
