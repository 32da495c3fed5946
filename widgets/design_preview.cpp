#include "design_preview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <numeric>

#include "class_counts_chart.h"
#include "data/imbalance_summary.h"
#include "util/error.h"

namespace lt::widgets {

DesignPreview::DesignPreview(QWidget* parent)
    : QWidget(parent),
      distribution_(new QComboBox),
      ratio_(new QDoubleSpinBox),
      sample_(new QDoubleSpinBox),
      classes_(new QSpinBox),
      max_(new QSpinBox),
      log_scale_(new QCheckBox(tr("Logarithmic scale"))),
      summary_(new QLabel),
      chart_(new ClassCountsChart) {
  distribution_->addItem(tr("Exponential"), int(Distribution::kExponential));
  distribution_->addItem(tr("Step"), int(Distribution::kStep));
  distribution_->addItem(tr("Pareto (ImageNet-LT-like)"), int(Distribution::kPareto));
  distribution_->addItem(tr("Balanced"), int(Distribution::kBalanced));
  ratio_->setDecimals(4);
  ratio_->setRange(0.0001, 1.0);
  ratio_->setSingleStep(0.01);
  ratio_->setValue(0.01);
  ratio_->setToolTip(tr("r: the rarest class's size over the most frequent's"));
  sample_->setDecimals(3);
  sample_->setRange(0.001, 1.0);
  sample_->setSingleStep(0.125);
  sample_->setValue(1.0);
  sample_->setToolTip(tr("s: the share of every class to keep"));
  classes_->setRange(2, 1000);
  classes_->setValue(10);
  max_->setRange(1, 10'000'000);
  max_->setValue(6000);
  max_->setToolTip(tr("n_max: images of the most frequent class"));
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* form = new QFormLayout;
  form->addRow(tr("Distribution"), distribution_);
  form->addRow(tr("Ratio r"), ratio_);
  form->addRow(tr("Sampling ratio s"), sample_);
  form->addRow(tr("Classes"), classes_);
  form->addRow(tr("Images per class (n_max)"), max_);
  form->addRow(log_scale_);
  form->addRow(summary_);
  auto* layout = new QHBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(chart_, 1);

  const auto changed = [this] { update_preview(); };
  connect(distribution_, &QComboBox::currentIndexChanged, this, changed);
  connect(ratio_, &QDoubleSpinBox::valueChanged, this, changed);
  connect(sample_, &QDoubleSpinBox::valueChanged, this, changed);
  connect(classes_, &QSpinBox::valueChanged, this, changed);
  connect(max_, &QSpinBox::valueChanged, this, changed);
  connect(log_scale_, &QCheckBox::toggled, chart_, &ClassCountsChart::setLogScale);
  update_preview();
}

DesignSpec DesignPreview::spec() const {
  DesignSpec spec;
  spec.distribution = Distribution(distribution_->currentData().toInt());
  spec.ratio = ratio_->value();
  spec.sample = sample_->value();
  spec.max_per_class = max_->value();
  return spec;
}

QString DesignPreview::summaryText() const {
  return summary_->text();
}

void DesignPreview::update_preview() {
  const DesignSpec s = spec();
  const int64_t classes = classes_->value();
  try {
    validate_design(s, classes);
    const std::vector<int64_t> counts = counts_by_rank(s, classes, s.max_per_class);
    std::vector<int64_t> ranking(classes);
    std::iota(ranking.begin(), ranking.end(), 0);
    const ImbalanceSummary summary = summarize_counts(counts);
    const std::vector<int64_t> twin = balanced_counts(summary.total, ranking);
    QStringList names;
    for (int64_t c = 0; c < classes; ++c) names << QString::number(c);
    chart_->setCounts(names, counts, twin);
    summary_->setText(tr("n = %1 images, r achieved %2, Gini %3, effective classes %4")
                          .arg(summary.total)
                          .arg(summary.ratio_achieved, 0, 'f', 4)
                          .arg(summary.gini, 0, 'f', 3)
                          .arg(summary.effective_classes, 0, 'f', 2));
    Q_EMIT countsChanged(counts);
  } catch (const Error& e) {
    summary_->setText(QString::fromStdString(e.what()));
  }
}

}  // namespace lt::widgets
