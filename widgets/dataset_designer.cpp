#include "dataset_designer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "class_counts_chart.h"
#include "data/dataset_cache.h"
#include "data/imbalance_summary.h"
#include "data/source.h"
#include "data/split_images.h"
#include "data/variant.h"
#include "dataset_image.h"
#include "store/run_store.h"
#include "util/error.h"

namespace lt::widgets {
namespace {

constexpr int kSliderSteps = 100;    // per decade of r
constexpr double kMinLogRatio = -4;  // r from 1e-4 to 1
constexpr int kSamplesPerClass = 8;
constexpr int kMaxClassesShown = 40;

QString variantFileName(const Variant& v) {
  return QString("%1-r%2-s%3%4-%5.json")
      .arg(QString::fromStdString(to_string(v.design.distribution)))
      .arg(v.design.ratio)
      .arg(v.design.seed)
      .arg(v.balanced_twin ? "-twin" : "")
      .arg(QString::fromStdString(v.hash.substr(0, 8)));
}

}  // namespace

DatasetDesigner::DatasetDesigner(QWidget* parent)
    : QWidget(parent),
      source_(new QComboBox),
      preset_(new QComboBox),
      distribution_(new QComboBox),
      ratio_(new QDoubleSpinBox),
      ratio_slider_(new QSlider(Qt::Horizontal)),
      sample_(new QDoubleSpinBox),
      classes_(new QSpinBox),
      max_(new QSpinBox),
      frequent_(new QSpinBox),
      order_(new QComboBox),
      seed_(new QSpinBox),
      twin_(new QCheckBox(tr("Overlay (and save) the balanced twin"))),
      log_scale_(new QCheckBox(tr("Logarithmic scale"))),
      summary_(new QLabel),
      samples_(new QLabel),
      save_(new QPushButton(tr("&Save variant"))),
      headline_(new QPushButton(tr("Run the &headline on this design"))),
      chart_(new ClassCountsChart) {
  source_->setEditable(true);
  source_->addItem(tr("Preview only (no images)"), QString());
  source_->addItem("fashion-mnist", "fashion-mnist");
  source_->addItem("digits", "digits");
  source_->setToolTip(
      tr("A source spec: fashion-mnist, digits, cifar10:DIR, folder:DIR, a .ltds "
         "cache ... (press Enter to load)"));
  preset_->addItem(tr("Choose a paper variant ..."), QString());
  preset_->addItem(tr("CIFAR-10-LT, exponential, r = 0.1"), "cifar10-lt-0.1");
  preset_->addItem(tr("CIFAR-10-LT, exponential, r = 0.01"), "cifar10-lt-0.01");
  preset_->addItem(tr("CIFAR-10, step, r = 0.01"), "cifar10-step-0.01");
  preset_->addItem(tr("ImageNet-LT-like Pareto"), "imagenet-lt-pareto");
  preset_->addItem(tr("Fashion-MNIST quick (the main job)"), "fashion-mnist-quick");
  preset_->addItem(tr("Split images, Section 3.2 (5 frequent, 5 rare, r = 0.002)"), "split-images");
  // The headline's cpu-cifar preset (longtail quick --preset cpu-cifar): where the effect shows
  // on a CPU. Offered once a CIFAR-10 source is loaded (updatePresetAvailability).
  preset_->addItem(tr("CIFAR-10 quick, cpu-cifar (exponential, r = 0.01, s = 0.5)"),
                   "cifar10-quick");
  updatePresetAvailability();
  distribution_->addItem(tr("Exponential"), int(Distribution::kExponential));
  distribution_->addItem(tr("Step"), int(Distribution::kStep));
  distribution_->addItem(tr("Pareto (ImageNet-LT-like)"), int(Distribution::kPareto));
  distribution_->addItem(tr("Balanced"), int(Distribution::kBalanced));
  ratio_->setDecimals(4);
  ratio_->setRange(0.0001, 1.0);
  ratio_->setSingleStep(0.01);
  ratio_->setValue(0.01);
  ratio_->setToolTip(tr("r: the rarest class's size over the most frequent's"));
  ratio_slider_->setRange(int(kMinLogRatio * kSliderSteps), 0);
  ratio_slider_->setValue(-2 * kSliderSteps);
  ratio_slider_->setToolTip(tr("r on a logarithmic scale, from 0.0001 to 1"));
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
  frequent_->setRange(-1, 1000);
  frequent_->setValue(-1);
  frequent_->setSpecialValueText(tr("half of the classes"));
  frequent_->setToolTip(tr("Step: how many classes keep n_max"));
  order_->addItem(tr("Natural (class 0 most frequent)"), int(ClassOrder::kNatural));
  order_->addItem(tr("Shuffled by the seed"), int(ClassOrder::kShuffled));
  seed_->setRange(0, 1'000'000);
  twin_->setChecked(true);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  samples_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  samples_->setText(tr("Load a source to see its images."));
  save_->setToolTip(tr("Draw the images of this design (and its twin) and save them as variants"));

  auto* form = new QFormLayout;
  form->addRow(tr("Source"), source_);
  form->addRow(tr("Paper variant"), preset_);
  form->addRow(tr("Distribution"), distribution_);
  auto* ratio_row = new QHBoxLayout;
  ratio_row->addWidget(ratio_slider_, 1);
  ratio_row->addWidget(ratio_);
  form->addRow(tr("Ratio r"), ratio_row);
  form->addRow(tr("Sampling ratio s"), sample_);
  form->addRow(tr("Classes"), classes_);
  form->addRow(tr("Images per class (n_max)"), max_);
  form->addRow(tr("Frequent classes (step)"), frequent_);
  form->addRow(tr("Class order"), order_);
  form->addRow(tr("Seed"), seed_);
  form->addRow(twin_);
  form->addRow(log_scale_);
  form->addRow(summary_);
  form->addRow(save_);
  headline_->setToolTip(
      tr("SimSiam and supervised pre-training on this design and on its balanced twin, each "
         "probed; then Compare shows the four runs and the verdict (longtail quick --source)"));
  form->addRow(headline_);
  auto* controls = new QWidget;
  controls->setLayout(form);
  controls->setMaximumWidth(460);

  auto* scroll = new QScrollArea;
  scroll->setWidget(samples_);
  scroll->setWidgetResizable(true);
  scroll->setMinimumHeight(120);
  auto* right = new QSplitter(Qt::Vertical);
  right->addWidget(chart_);
  right->addWidget(scroll);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(controls);
  layout->addWidget(right, 1);

  const auto changed = [this] { updatePreview(); };
  connect(distribution_, &QComboBox::currentIndexChanged, this, changed);
  connect(ratio_, &QDoubleSpinBox::valueChanged, this, [this](double r) { setRatio(r); });
  connect(ratio_slider_, &QSlider::valueChanged, this,
          [this](int v) { setRatio(std::pow(10.0, double(v) / kSliderSteps)); });
  for (QDoubleSpinBox* box : {sample_}) connect(box, &QDoubleSpinBox::valueChanged, this, changed);
  for (QSpinBox* box : {classes_, max_, frequent_, seed_})
    connect(box, &QSpinBox::valueChanged, this, changed);
  connect(order_, &QComboBox::currentIndexChanged, this, changed);
  connect(twin_, &QCheckBox::toggled, this, changed);
  connect(log_scale_, &QCheckBox::toggled, chart_, &ClassCountsChart::setLogScale);
  connect(source_, &QComboBox::activated, this,
          [this](int index) { loadSource(source_->itemData(index).toString()); });
  connect(source_->lineEdit(), &QLineEdit::returnPressed, this, [this] {
    const QString text = source_->currentText().trimmed();
    const int known = source_->findText(text);
    loadSource(known >= 0 ? source_->itemData(known).toString() : text);
  });
  connect(preset_, &QComboBox::activated, this,
          [this](int index) { applyPreset(preset_->itemData(index).toString()); });
  connect(save_, &QPushButton::clicked, this, &DatasetDesigner::saveVariant);
  connect(headline_, &QPushButton::clicked, this, &DatasetDesigner::headlineRequested);
  connect(&loading_, &QFutureWatcher<Loaded>::finished, this, [this] {
    Loaded loaded = loading_.result();
    setEnabled(true);
    if (loaded.end == JobEnd::kCancelled) loaded.error = tr("Reading the source was cancelled.");
    if (loaded.end != JobEnd::kFinished) {
      // Nothing of the old source stays behind the new name: Save must not write a variant of
      // the images shown before under the spec that failed.
      dataset_.reset();
      loaded_spec_.clear();
      classes_->setEnabled(true);
      samples_->setPixmap({});
      updatePreview();
      updatePresetAvailability();
      summary_->setText(loaded.error);
      Q_EMIT sourceLoadFinished(false, loaded.error);
      Q_EMIT failed(loaded.error);
      return;
    }
    dataset_ = loaded.value;
    const auto counts = dataset_->class_counts();
    const int64_t smallest = *std::min_element(counts.begin(), counts.end());
    {
      const QSignalBlocker a(classes_), b(max_);
      classes_->setValue(int(dataset_->num_classes()));
      max_->setValue(int(smallest));
    }
    classes_->setEnabled(false);
    updateSamples();
    updatePreview();
    updatePresetAvailability();
    Q_EMIT sourceLoadFinished(true, QString());
  });
  connect(&saving_, &QFutureWatcher<Saved>::finished, this, [this] {
    const Saved saved = saving_.result();
    save_->setEnabled(true);
    if (saved.end != JobEnd::kFinished) {
      Q_EMIT failed(saved.end == JobEnd::kCancelled ? tr("Saving was cancelled.") : saved.error);
      return;
    }
    summary_->setText(summary_->text() + "\n" + tr("Saved: %1").arg(saved.value.join(", ")));
    Q_EMIT variantSaved(saved.value);
  });
  updatePreview();
}

DatasetDesigner::~DatasetDesigner() {
  jobs_.cancel();
  jobs_.wait();
}

void DatasetDesigner::setRatio(double r) {
  r = std::clamp(r, 0.0001, 1.0);
  {
    const QSignalBlocker a(ratio_), b(ratio_slider_);
    if (std::abs(ratio_->value() - r) > 5e-5) ratio_->setValue(r);
    ratio_slider_->setValue(int(std::lround(std::log10(r) * kSliderSteps)));
  }
  updatePreview();
}

DesignSpec DatasetDesigner::spec() const {
  DesignSpec spec;
  spec.distribution = Distribution(distribution_->currentData().toInt());
  spec.ratio = ratio_->value();
  spec.sample = sample_->value();
  spec.max_per_class = max_->value();
  spec.frequent = frequent_->value();
  spec.order = ClassOrder(order_->currentData().toInt());
  spec.seed = uint64_t(seed_->value());
  return spec;
}

QString DatasetDesigner::source() const {
  return dataset_ ? loaded_spec_ : QString();
}

bool DatasetDesigner::hasCifar10() const {
  return dataset_ && loaded_spec_.startsWith("cifar10:");
}

QString DatasetDesigner::headlinePreset() const {
  return hasCifar10() && headline_preset_ == "cpu-cifar" ? headline_preset_ : QString();
}

void DatasetDesigner::updatePresetAvailability() {
  auto* model = qobject_cast<QStandardItemModel*>(preset_->model());
  QStandardItem* item = model ? model->item(preset_->findData("cifar10-quick")) : nullptr;
  if (!item) return;
  item->setEnabled(hasCifar10());
  item->setToolTip(hasCifar10() ? tr("The headline runs by longtail quick --preset cpu-cifar: "
                                     "20 epochs, 3 seeds, the paper's probe")
                                : tr("Load a CIFAR-10 source (cifar10:DIR) first"));
}

QString DatasetDesigner::summaryText() const {
  return summary_->text();
}

QString DatasetDesigner::description() const {
  const DesignSpec s = spec();
  return tr("%1, r = %2, s = %3 (%4)")
      .arg(QString::fromStdString(to_string(s.distribution)))
      .arg(s.ratio)
      .arg(s.sample)
      .arg(dataset_ ? loaded_spec_ : tr("no source loaded: fashion-mnist"));
}

void DatasetDesigner::updatePreview() {
  const DesignSpec s = spec();
  frequent_->setEnabled(s.distribution == Distribution::kStep);
  const int64_t classes = dataset_ ? dataset_->num_classes() : classes_->value();
  try {
    validate_design(s, classes);
    std::vector<int64_t> counts;
    QStringList names;
    const std::vector<int64_t> ranking = class_ranking(s, classes);
    if (dataset_) {
      counts = design_counts(s, dataset_->class_counts(), dataset_->class_names);
      for (const std::string& name : dataset_->class_names) names << QString::fromStdString(name);
    } else {
      const std::vector<int64_t> by_rank = counts_by_rank(s, classes, s.max_per_class);
      counts.assign(size_t(classes), 0);
      for (int64_t k = 0; k < classes; ++k) counts[size_t(ranking[size_t(k)])] = by_rank[size_t(k)];
      for (int64_t c = 0; c < classes; ++c) names << QString::number(c);
    }
    const ImbalanceSummary summary = summarize_counts(counts);
    const std::vector<int64_t> twin =
        twin_->isChecked() ? balanced_counts(summary.total, ranking) : std::vector<int64_t>{};
    chart_->setCounts(names, counts, twin);
    QString text = tr("n = %1 images, r achieved %2, Gini %3, effective classes %4")
                       .arg(summary.total)
                       .arg(summary.ratio_achieved, 0, 'f', 4)
                       .arg(summary.gini, 0, 'f', 3)
                       .arg(summary.effective_classes, 0, 'f', 2);
    if (s.distribution == Distribution::kPareto) {
      // The profile is deterministic quantiles; ImageNet-LT's counts were one random draw, and
      // no single shape gives both published totals (README, "Pareto and ImageNet-LT").
      text += "\n" + tr("A Pareto-shaped profile, not ImageNet-LT itself: only the published list "
                        "file (source list:FILE@ROOT) reproduces ImageNet-LT (115,846 images; "
                        "the paper's rarer variant 80,218). This profile gives 121,449 and "
                        "119,641 for those settings.");
    }
    summary_->setText(text);
    save_->setEnabled(dataset_ != nullptr && !saving_.isRunning());
    Q_EMIT countsChanged(counts);
    Q_EMIT designChanged();
  } catch (const Error& e) {
    summary_->setText(QString::fromStdString(e.what()));
    save_->setEnabled(false);
  }
}

void DatasetDesigner::updateSamples() {
  if (!dataset_) return;
  const Dataset& d = *dataset_;
  const int side = int(std::max<int64_t>(d.shape.height, 48));
  const int classes = int(std::min<int64_t>(d.num_classes(), kMaxClassesShown));
  const int label_width = 110, gap = 4;
  QImage strip(label_width + kSamplesPerClass * (side + gap), classes * (side + gap),
               QImage::Format_RGB32);
  strip.fill(palette().color(QPalette::Base));
  QPainter painter(&strip);
  painter.setPen(palette().color(QPalette::Text));
  std::vector<int> shown(size_t(d.num_classes()), 0);
  for (int64_t i = 0; i < d.size(); ++i) {
    const int c = int(d.labels[size_t(i)]);
    if (c >= classes || shown[size_t(c)] >= kSamplesPerClass) continue;
    const QRect cell(label_width + shown[size_t(c)] * (side + gap), c * (side + gap), side, side);
    painter.drawImage(cell, datasetImage(d, i));
    ++shown[size_t(c)];
  }
  for (int c = 0; c < classes; ++c)
    painter.drawText(QRect(0, c * (side + gap), label_width - gap, side),
                     Qt::AlignVCenter | Qt::AlignRight | Qt::TextWordWrap,
                     QString::fromStdString(d.class_names[size_t(c)]));
  painter.end();
  samples_->setPixmap(QPixmap::fromImage(strip));
}

void DatasetDesigner::loadSource(const QString& spec) {
  if (spec.isEmpty()) {  // preview only
    const QSignalBlocker block(source_);
    source_->setCurrentIndex(0);
    dataset_.reset();
    loaded_spec_.clear();
    classes_->setEnabled(true);
    samples_->setPixmap({});
    samples_->setText(tr("Load a source to see its images."));
    updatePreview();
    updatePresetAvailability();
    return;
  }
  if (loading_.isRunning()) return;
  loaded_spec_ = spec;
  {
    const QSignalBlocker block(source_);
    const int known = source_->findData(spec);
    if (known >= 0) {
      source_->setCurrentIndex(known);
    } else {
      source_->addItem(spec, spec);
      source_->setCurrentIndex(source_->count() - 1);
    }
  }
  summary_->setText(tr("Reading %1 ...").arg(spec));
  setEnabled(false);
  loading_.setFuture(jobs_.run([spec](const JobTicket& ticket) {
    SourceRequest request;
    request.spec = spec.toStdString();
    return std::make_shared<const Dataset>(load_source(request, ticket.keepGoing()));
  }));
}

void DatasetDesigner::loadSplitImages(const QString& base) {
  if (loading_.isRunning()) return;
  QString tag = base;
  tag.replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "_");
  const QString folder = variants_folder_.isEmpty() ? QDir::tempPath() : variants_folder_;
  const QString path = QDir(folder).filePath("split-images-" + tag + "-squeezed-s0.ltds");
  loaded_spec_ = path;
  split_path_ = path;
  split_base_ = base;
  {
    const QSignalBlocker block(source_);
    if (source_->findData(path) < 0) source_->addItem(tr("Split images of %1").arg(base), path);
    source_->setCurrentIndex(source_->findData(path));
  }
  summary_->setText(tr("Building the split images of %1 ...").arg(base));
  setEnabled(false);
  loading_.setFuture(jobs_.run([base, path, folder](const JobTicket& ticket) {
    // Built once, fixed by its seed, and kept as a cache file beside the variants.
    if (!is_cache_file(path.toStdString())) {
      QDir().mkpath(folder);
      const Dataset source =
          load_source({base.toStdString(), "train", true, {}}, ticket.keepGoing());
      SplitImageOptions options;
      options.kind = SplitSetKind::kBalanced;
      write_cache(build_split_images(source, options), {"train", source.origin},
                  path.toStdString());
    }
    return std::make_shared<const Dataset>(read_cache(path.toStdString()));
  }));
}

void DatasetDesigner::setVariantsFolder(const QString& folder, const QString& storePath) {
  variants_folder_ = folder;
  store_path_ = storePath;
}

void DatasetDesigner::saveVariant() {
  if (!dataset_ || saving_.isRunning()) return;
  if (variants_folder_.isEmpty()) {
    Q_EMIT failed(tr("No variants folder: open a run store first (File > Open store)."));
    return;
  }
  save_->setEnabled(false);
  const auto dataset = dataset_;
  const std::string source = loaded_spec_.toStdString();
  const DesignSpec spec = this->spec();
  const bool twin = twin_->isChecked();
  const QString folder = variants_folder_, store = store_path_;
  // Milliseconds of work: it runs to its end once started (a cancel only drops it unstarted).
  saving_.setFuture(jobs_.run([=](const JobTicket&) {
    QStringList paths;
    QDir().mkpath(folder);
    std::vector<Variant> variants{build_variant(*dataset, source, "train", spec)};
    if (twin) variants.push_back(build_balanced_twin(*dataset, variants.front()));
    // The worker opens its own connection: one SQLite connection per thread.
    std::unique_ptr<RunStore> run_store;
    if (!store.isEmpty()) run_store = std::make_unique<RunStore>(store.toStdString());
    for (const Variant& v : variants) {
      const QString path = QDir(folder).filePath(variantFileName(v));
      save_variant(v, path.toStdString());
      if (run_store)
        run_store->upsert_variant({v.hash, v.source, v.balanced_twin, int64_t(v.indices.size()),
                                   nlohmann::json(v.counts).dump()});
      paths << path;
    }
    return paths;
  }));
}

void DatasetDesigner::applyPreset(const QString& key) {
  if (key.isEmpty()) return;
  if (key == "cifar10-quick" && !hasCifar10()) {
    summary_->setText(tr("The cpu-cifar preset needs CIFAR-10: load cifar10:DIR first."));
    return;
  }
  headline_preset_ = key == "cifar10-quick" ? QStringLiteral("cpu-cifar") : QString();
  struct Preset {
    Distribution distribution;
    double ratio, sample;
    int classes, max_per_class;
    QString source;  // loaded when this machine has it; else a preview of the counts
  };
  const QHash<QString, Preset> presets{
      {"cifar10-lt-0.1", {Distribution::kExponential, 0.1, 1.0, 10, 5000, {}}},
      {"cifar10-lt-0.01", {Distribution::kExponential, 0.01, 1.0, 10, 5000, {}}},
      {"cifar10-step-0.01", {Distribution::kStep, 0.01, 1.0, 10, 5000, {}}},
      {"imagenet-lt-pareto", {Distribution::kPareto, 5.0 / 1280.0, 1.0, 1000, 1280, {}}},
      {"fashion-mnist-quick", {Distribution::kExponential, 0.01, 0.5, 10, 6000, "fashion-mnist"}},
      // issue 17's measurement: n = 6,200 of CIFAR-10 (longtail quick --preset cpu-cifar).
      {"cifar10-quick", {Distribution::kExponential, 0.01, 0.5, 10, 5000, {}}},
  };
  if (key == "split-images") {
    // The source becomes the balanced split-image set of the loaded CIFAR-10 (else
    // Fashion-MNIST); the step design over it is the paper's imbalanced set, its twin the
    // balanced one of the same size.
    if (loading_.isRunning()) {
      summary_->setText(tr("Wait until the source has loaded, then choose the preset again."));
      return;
    }
    const QString base = loaded_spec_.startsWith("cifar10:") ? loaded_spec_
                         : !split_path_.isEmpty() && loaded_spec_ == split_path_
                             ? split_base_
                             : QString("fashion-mnist");
    loadSplitImages(base);
    const QSignalBlocker a(distribution_), b(sample_), c(classes_), d(max_), e(frequent_),
        f(order_);
    distribution_->setCurrentIndex(distribution_->findData(int(Distribution::kStep)));
    sample_->setValue(1.0);
    max_->setValue(5000);
    frequent_->setValue(5);
    order_->setCurrentIndex(0);
    setRatio(0.002);
    return;
  }
  if (!presets.contains(key)) return;
  const Preset p = presets.value(key);
  // A CIFAR-10 preset keeps a loaded CIFAR-10 source; otherwise it previews the counts.
  const bool keep_source = key.startsWith("cifar10") && loaded_spec_.startsWith("cifar10:");
  if (!keep_source && p.source != loaded_spec_) loadSource(p.source);
  {
    const QSignalBlocker a(distribution_), b(sample_), c(classes_), d(max_), e(frequent_);
    distribution_->setCurrentIndex(distribution_->findData(int(p.distribution)));
    sample_->setValue(p.sample);
    if (!dataset_) classes_->setValue(p.classes);
    max_->setValue(p.max_per_class);
    frequent_->setValue(-1);
  }
  setRatio(p.ratio);
}

}  // namespace lt::widgets
