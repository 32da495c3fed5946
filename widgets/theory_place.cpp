#include "theory_place.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "line_chart.h"
#include "runtime/worker_threads.h"
#include "theory/theory_preset.h"
#include "util/progress.h"

namespace lt::widgets {
namespace {

constexpr int kPlanePoints = 400;  // per class at most: a scatter stays readable and quick

}  // namespace

TheoryPlace::TheoryPlace(QWidget* parent)
    : QWidget(parent),
      preset_(new QComboBox),
      d_slider_(new QSlider(Qt::Horizontal)),
      d_label_(new QLabel),
      follow_counts_(new QCheckBox(tr("Frequent counts follow d (n = d^(2/3))"))),
      n1_(new QSpinBox),
      n3_(new QSpinBox),
      tau_(new QDoubleSpinBox),
      rho_exponent_(new QDoubleSpinBox),
      m_(new QSpinBox),
      seeds_(new QSpinBox),
      d_from_(new QSpinBox),
      d_to_(new QSpinBox),
      numbers_(new QLabel),
      plane_(new LineChart("theory-plane")),
      trend_(new LineChart("theory-trend")) {
  preset_->addItem(tr("Trends (n = d^(2/3), tau = 1)"), "trends");
  preset_->addItem(tr("Theorem 3.1's regime (n = d, tau = d^(1/5))"), "theorem");
  preset_->setToolTip(
      tr("Theorem 3.1's regime: n1 = n2 = d, n3 = floor(d^(1/5)), tau = d^(1/5), "
         "rho = d^(-1/5), m = 3 (d up to 2,048, where the SL solver stops)"));
  // d on a log2 slider: 16 ... 4,096.
  d_slider_->setRange(4, 12);
  d_slider_->setValue(8);
  d_slider_->setPageStep(1);
  d_slider_->setTickPosition(QSlider::TicksBelow);
  d_slider_->setToolTip(tr("d, the dimension (powers of two)"));
  follow_counts_->setChecked(true);
  n1_->setRange(2, 2500);
  n1_->setValue(40);
  n1_->setToolTip(tr("Examples of each frequent class (when they do not follow d)"));
  n3_->setRange(1, 100);
  n3_->setValue(2);
  n3_->setToolTip(tr("Examples of the rare class"));
  tau_->setRange(0, 10);
  tau_->setDecimals(2);
  tau_->setValue(1);
  tau_->setToolTip(tr("tau: how far the frequent classes move along e2 (q tau e2)"));
  rho_exponent_->setRange(-2, 1);
  rho_exponent_->setDecimals(3);
  rho_exponent_->setSingleStep(0.05);
  rho_exponent_->setValue(-1.0 / 3);
  rho_exponent_->setToolTip(tr("The noise scale rho = d^exponent"));
  m_->setRange(1, 10);
  m_->setValue(2);
  m_->setToolTip(tr("m: the rank of the SSL feature"));
  seeds_->setRange(1, 20);
  seeds_->setValue(3);
  d_from_->setRange(2, 65536);
  d_from_->setValue(32);
  d_to_->setRange(2, 65536);
  d_to_->setValue(2048);
  numbers_->setWordWrap(true);
  numbers_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  plane_->setTitle(tr("The toy data on the (e1, e2) plane, with the feature directions"));
  plane_->setAxisTitles(tr("e1"), tr("e2"));
  trend_->setTitle(tr("Theorem 3.1: what each feature keeps of e2, against d"));
  trend_->setAxisTitles(tr("dimension d"), tr("share of e2 kept"));
  trend_->setLogX(true);

  auto* model = new QGroupBox(tr("Toy model"));
  auto* form = new QFormLayout(model);
  auto* d_row = new QHBoxLayout;
  d_row->addWidget(d_slider_, 1);
  d_row->addWidget(d_label_);
  form->addRow(tr("Preset"), preset_);
  form->addRow(tr("Dimension d"), d_row);
  form->addRow(follow_counts_);
  form->addRow(tr("Frequent examples n1 = n2"), n1_);
  form->addRow(tr("Rare examples n3"), n3_);
  form->addRow(tr("tau"), tau_);
  form->addRow(tr("rho exponent"), rho_exponent_);
  form->addRow(tr("SSL rank m"), m_);
  auto* sweep = new QGroupBox(tr("Sweep over d"));
  auto* sweep_form = new QFormLayout(sweep);
  sweep_form->addRow(tr("From d"), d_from_);
  sweep_form->addRow(tr("To d"), d_to_);
  sweep_form->addRow(tr("Seeds"), seeds_);
  auto* controls = new QVBoxLayout;
  controls->addWidget(model);
  controls->addWidget(sweep);
  controls->addWidget(numbers_);
  controls->addStretch(1);
  auto* left = new QWidget;
  left->setLayout(controls);
  left->setMaximumWidth(380);
  auto* charts = new QVBoxLayout;
  charts->addWidget(plane_, 1);
  charts->addWidget(trend_, 1);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(left);
  layout->addLayout(charts, 1);

  // A moving slider restarts the work after a short pause, not at every pixel.
  auto* debounce = new QTimer(this);
  debounce->setSingleShot(true);
  debounce->setInterval(150);
  connect(debounce, &QTimer::timeout, this, &TheoryPlace::recompute);
  const auto changed = [this, debounce] {
    d_label_->setText(QString::number(1 << d_slider_->value()));
    const bool theorem = preset_->currentData().toString() == "theorem";
    for (QWidget* control :
         std::initializer_list<QWidget*>{follow_counts_, n3_, tau_, rho_exponent_, m_})
      control->setEnabled(!theorem);
    n1_->setEnabled(!theorem && !follow_counts_->isChecked());
    jobs_.cancel();  // stop the stale work at once
    debounce->start();
  };
  connect(d_slider_, &QSlider::valueChanged, this, changed);
  connect(follow_counts_, &QCheckBox::toggled, this, changed);
  connect(preset_, &QComboBox::currentIndexChanged, this, changed);
  for (QSpinBox* box : {n1_, n3_, m_, seeds_, d_from_, d_to_})
    connect(box, &QSpinBox::valueChanged, this, changed);
  for (QDoubleSpinBox* box : {tau_, rho_exponent_})
    connect(box, &QDoubleSpinBox::valueChanged, this, changed);
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
    const Outcome outcome = watcher_.result();
    if (pending_) {  // a newer request waited for this one to stop
      start();
      return;
    }
    if (outcome.end == JobEnd::kFailed) numbers_->setText(outcome.error);
    if (outcome.end != JobEnd::kCancelled) Q_EMIT computed(outcome.error.isEmpty(), outcome.error);
  });
  d_label_->setText(QString::number(1 << d_slider_->value()));
  n1_->setEnabled(false);
}

void TheoryPlace::showEvent(QShowEvent* event) {
  // The first visit starts the work: a window that never opens this place never pays for it.
  if (!started_) {
    started_ = true;
    recompute();
  }
  QWidget::showEvent(event);
}

TheoryPlace::~TheoryPlace() {
  jobs_.cancel();
  jobs_.wait();
}

QList<Figure*> TheoryPlace::figures() const {
  return {plane_, trend_};
}

QString TheoryPlace::numbersText() const {
  return numbers_->text();
}

TheorySweepOptions TheoryPlace::options() const {
  TheorySweepOptions o;
  ToyModelOptions& toy = o.base.toy;
  toy.d = int64_t(1) << d_slider_->value();
  if (!follow_counts_->isChecked()) {
    toy.n1 = n1_->value();
    toy.n2 = n1_->value();
  }
  toy.n3 = n3_->value();
  toy.tau = tau_->value();
  toy.rho_exponent = rho_exponent_->value();
  o.base.m = m_->value();
  if (preset_->currentData().toString() == "theorem") {
    apply_theory_preset("theorem", o.base);
    toy.d = std::min<int64_t>(toy.d, kTheoremPresetMaxD);
  }
  o.base.threads = worker_threads();
  o.d_from = std::min(d_from_->value(), d_to_->value());
  o.d_to = std::max(d_from_->value(), d_to_->value());
  o.seeds = seeds_->value();
  if (preset_->currentData().toString() == "theorem") {
    o.d_to = std::min<int64_t>(o.d_to, kTheoremPresetMaxD);
    o.d_from = std::min(o.d_from, o.d_to);
  }
  return o;
}

void TheoryPlace::recompute() {
  jobs_.cancel();
  if (watcher_.isRunning()) {
    pending_ = true;  // starts when the running one has stopped
    return;
  }
  start();
}

void TheoryPlace::start() {
  pending_ = false;
  started_ = true;
  const int generation = ++generation_;
  rows_.clear();
  trend_->clear();
  numbers_->setText(tr("Solving ..."));
  const TheorySweepOptions options = this->options();
  // Results cross to the GUI thread as queued calls, dropped when a newer request started.
  const auto deliver = [this, generation](auto apply) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, apply] {
          if (generation == generation_) apply();
        },
        Qt::QueuedConnection);
  };
  watcher_.setFuture(jobs_.run([options, deliver, this](const JobTicket& ticket) {
    const ProgressFn keep_going = ticket.keepGoing();
    const TheoryResult single = solve_theory(options.base, keep_going);
    deliver([this, single] { showResult(single); });
    run_theory_sweep(options, keep_going,
                     [&](const TheorySweepRow& row) { deliver([this, row] { addRow(row); }); });
    return true;
  }));
}

void TheoryPlace::showResult(const TheoryResult& r) {
  QVector<ChartPoint> classes[3];
  int shown[3] = {0, 0, 0};
  double reach = 1;
  for (size_t i = 0; i < r.labels.size(); ++i) {
    const int c = int(r.labels[i]);
    if (c < 0 || c > 2 || shown[c]++ >= kPlanePoints) continue;
    classes[c].append({r.points_e1[i], r.points_e2[i]});
    reach = std::max({reach, std::abs(r.points_e1[i]), std::abs(r.points_e2[i])});
  }
  plane_->clear();
  plane_->setSeries(tr("class 1 (frequent)"), classes[0], SeriesStyle::kDots);
  plane_->setSeries(tr("class 2 (frequent)"), classes[1], SeriesStyle::kDots);
  plane_->setSeries(tr("class 3 (rare)"), classes[2], SeriesStyle::kDots);
  // Each feature's strongest directions, as lines through the origin scaled to the data.
  const auto draw = [&](const QString& name, const std::vector<PlaneDirection>& directions) {
    double strongest = 0;
    for (const PlaneDirection& d : directions) strongest = std::max(strongest, d.gain);
    for (size_t k = 0; k < directions.size() && k < 2; ++k) {
      const PlaneDirection& d = directions[k];
      const double length = strongest > 0 ? reach * d.gain / strongest : 0;
      plane_->setSeries(QString("%1 %2").arg(name).arg(k + 1),
                        {{-length * d.e1, -length * d.e2}, {length * d.e1, length * d.e2}},
                        SeriesStyle::kLine);
    }
  };
  draw(tr("SL direction"), r.sl_directions);
  draw(tr("SSL direction"), r.ssl_directions);
  numbers_->setText(
      tr("At d = %1 (n1 = n2 = %2, n3 = %3, tau = %4, rho = %5):\nSSL keeps %6 of e2, SL %7 "
         "(Theorem 3.1: SSL -> 1, SL -> 0 as d grows).\nRare-class probe on the features: SSL "
         "%8 %, SL %9 %.")
          .arg(r.parameters.d)
          .arg(r.parameters.n1)
          .arg(r.parameters.n3)
          .arg(r.parameters.tau, 0, 'g', 3)
          .arg(r.parameters.rho, 0, 'g', 3)
          .arg(r.ssl_e2, 0, 'f', 3)
          .arg(r.sl_e2, 0, 'f', 3)
          .arg(100 * r.ssl_probe, 0, 'f', 1)
          .arg(100 * r.sl_probe, 0, 'f', 1));
}

void TheoryPlace::addRow(const TheorySweepRow& row) {
  rows_.append(row);
  QVector<ChartPoint> ssl, sl;
  for (const TheorySweepRow& r : rows_) {
    ssl.append({double(r.parameters.d), r.ssl_e2.mean, r.ssl_e2.sd});
    sl.append({double(r.parameters.d), r.sl_e2.mean, r.sl_e2.sd});
  }
  trend_->setSeries(tr("SSL: ‖Π e2‖²"), ssl);
  trend_->setSeries(tr("SL: Σ ⟨e2, w_i⟩² (scaled)"), sl);
}

}  // namespace lt::widgets
