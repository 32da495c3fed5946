#include "launch_place.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "methods/method_list.h"
#include "runtime/device_list.h"
#include "train/run_config.h"

namespace lt::widgets {

LaunchPlace::LaunchPlace(TrainingController* controller, QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      method_(new QComboBox),
      model_(new QComboBox),
      preset_(new QComboBox),
      epochs_(new QSpinBox),
      batch_(new QSpinBox),
      lr_(new QDoubleSpinBox),
      weight_decay_(new QDoubleSpinBox),
      seed_(new QSpinBox),
      device_(new QComboBox),
      optimiser_(new QComboBox),
      rho_(new QDoubleSpinBox),
      alpha_(new QDoubleSpinBox),
      rwsam_start_(new QSpinBox),
      data_(new QComboBox),
      imbalanced_(new QCheckBox(tr("Train the long-tailed variant"))),
      also_twin_(new QCheckBox(tr("Train its balanced twin (same n)"))),
      evaluate_(new QCheckBox(tr("Evaluate in domain and out of domain when done"))),
      probe_preset_(new QComboBox),
      folder_(new QLineEdit),
      summary_(new QLabel),
      start_(new QPushButton(tr("&Start"))) {
  // Every method core knows, from its one list (methods/method_list.h).
  for (const MethodInfo& m : known_methods()) {
    method_->addItem(QString::fromStdString(m.label), QString::fromStdString(m.name));
    method_->setItemData(method_->count() - 1, QString::fromStdString(m.summary), Qt::ToolTipRole);
  }
  model_->addItem(tr("Small ResNet (CPU)"), "resnet-small");
  model_->addItem(tr("ResNet-18"), "resnet18");
  model_->addItem(tr("ResNet-50"), "resnet50");
  preset_->addItem(tr("Smoke (seconds)"), "smoke");
  preset_->addItem(tr("CPU (minutes)"), "cpu");
  preset_->addItem(tr("Paper, CIFAR-10 (GPU, hours)"), "paper-cifar");
  epochs_->setRange(1, 100000);
  batch_->setRange(2, 65536);
  lr_->setDecimals(4);
  lr_->setRange(0.0001, 100);
  weight_decay_->setDecimals(5);
  weight_decay_->setRange(0, 1);
  seed_->setRange(0, 1'000'000);
  // CUDA is offered only where LibTorch sees a GPU.
  for (const std::string& device : usable_devices())
    device_->addItem(QString::fromStdString(describe_device(device)),
                     QString::fromStdString(device));
  optimiser_->addItem(tr("SGD"), "none");
  optimiser_->addItem(tr("SAM"), "sam");
  optimiser_->addItem(tr("ASAM"), "asam");
  optimiser_->addItem(tr("rwSAM (KDE-reweighted)"), "rwsam");
  optimiser_->addItem(tr("rwSAM, the paper's CIFAR setting (ASAM, rho 5, alpha 1.2)"),
                      "preset:paper-cifar");
  optimiser_->addItem(tr("rwSAM, the official code's (ASAM, rho 0.5, alpha 1.2)"),
                      "preset:official-asam");
  optimiser_->addItem(tr("rwSAM, ImageNet-LT's (ASAM, rho 2, alpha 0.5)"), "preset:imagenet-lt");
  alpha_->setDecimals(2);
  alpha_->setRange(0, 10);
  alpha_->setValue(1.2);
  alpha_->setToolTip(tr("rwSAM: weights are the KDE density to the power -alpha"));
  rwsam_start_->setRange(0, 100000);
  rwsam_start_->setSpecialValueText(tr("half the epochs"));
  rwsam_start_->setToolTip(tr("rwSAM: plain epochs before the weights are computed (stage 1)"));
  rho_->setDecimals(3);
  rho_->setRange(0.001, 10);
  rho_->setValue(0.05);
  rho_->setToolTip(tr("rho: the radius of SAM's ascent step"));
  imbalanced_->setChecked(true);
  also_twin_->setChecked(true);
  evaluate_->setChecked(true);
  probe_preset_->addItem(tr("Fast probe (seconds)"), "fast");
  probe_preset_->addItem(tr("Paper's probe (100 epochs)"), "paper");
  probe_preset_->addItem(tr("Official code's probe (augmented, 100 epochs)"), "official");
  folder_->setToolTip(tr("Each run gets a folder here; the run store indexes it"));

  auto* model_box = new QGroupBox(tr("Method and model"));
  auto* model_form = new QFormLayout(model_box);
  model_form->addRow(tr("Preset"), preset_);
  model_form->addRow(tr("Method"), method_);
  model_form->addRow(tr("Model"), model_);
  model_form->addRow(tr("Epochs"), epochs_);
  model_form->addRow(tr("Batch size"), batch_);
  model_form->addRow(tr("Learning rate"), lr_);
  model_form->addRow(tr("Weight decay"), weight_decay_);
  model_form->addRow(tr("Optimiser"), optimiser_);
  model_form->addRow(tr("SAM radius rho"), rho_);
  model_form->addRow(tr("rwSAM alpha"), alpha_);
  model_form->addRow(tr("rwSAM stage 1 epochs"), rwsam_start_);
  model_form->addRow(tr("Seed"), seed_);
  model_form->addRow(tr("Device"), device_);

  auto* data_box = new QGroupBox(tr("Data"));
  auto* data_form = new QFormLayout(data_box);
  data_form->addRow(tr("Variant"), data_);
  data_form->addRow(imbalanced_);
  data_form->addRow(also_twin_);
  data_form->addRow(evaluate_);
  data_form->addRow(tr("Probe"), probe_preset_);
  data_form->addRow(tr("Runs folder"), folder_);

  summary_->setWordWrap(true);
  auto* columns = new QHBoxLayout;
  columns->addWidget(model_box);
  columns->addWidget(data_box);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(summary_, 1);
  bottom->addWidget(start_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(columns);
  layout->addLayout(bottom);
  layout->addStretch(1);

  data_->addItem(tr("The designer's design"), QString());
  connect(preset_, &QComboBox::currentIndexChanged, this, &LaunchPlace::applyPreset);
  connect(start_, &QPushButton::clicked, this, [this] { launch(); });
  connect(optimiser_, &QComboBox::currentIndexChanged, this, &LaunchPlace::optimiserChanged);
  for (QComboBox* box : {method_, model_, data_, device_, optimiser_})
    connect(box, &QComboBox::currentIndexChanged, this, &LaunchPlace::updateSummary);
  for (QCheckBox* box : {imbalanced_, also_twin_, evaluate_})
    connect(box, &QCheckBox::toggled, this, &LaunchPlace::updateSummary);
  connect(epochs_, &QSpinBox::valueChanged, this, &LaunchPlace::updateSummary);
  connect(folder_, &QLineEdit::textChanged, this, &LaunchPlace::updateSummary);
  preset_->setCurrentIndex(1);
  applyPreset();
  optimiserChanged();
}

void LaunchPlace::optimiserChanged() {
  const QString chosen = optimiser_->currentData().toString();
  if (chosen.startsWith("preset:")) {
    const SamOptions preset = sam_preset(chosen.mid(7).toStdString());
    rho_->setValue(preset.rho);
    alpha_->setValue(preset.alpha);
  }
  rho_->setEnabled(chosen != "none");
  const bool rwsam = chosen == "rwsam" || chosen.startsWith("preset:");
  alpha_->setEnabled(rwsam);
  rwsam_start_->setEnabled(rwsam);
}

void LaunchPlace::applyPreset() {
  base_ = preset_config(preset_->currentData().toString().toStdString());
  const QString method = method_->currentData().toString();
  model_->setCurrentIndex(model_->findData(QString::fromStdString(base_.encoder.arch)));
  epochs_->setValue(int(base_.epochs));
  batch_->setValue(int(base_.batch_size));
  lr_->setValue(base_.lr);
  weight_decay_->setValue(base_.weight_decay);
  probe_preset_->setCurrentIndex(probe_preset_->findData(
      preset_->currentData().toString() == "paper-cifar" ? "paper" : "fast"));
  if (!method.isEmpty()) method_->setCurrentIndex(method_->findData(method));
  updateSummary();
}

void LaunchPlace::setRunsFolder(const QString& folder) {
  folder_->setText(folder);
}
QString LaunchPlace::runsFolder() const {
  return folder_->text();
}

void LaunchPlace::setDesign(const QString& source, const DesignSpec& design,
                            const QString& description) {
  source_ = source;
  design_ = design;
  data_->setItemText(0, tr("The designer's design: %1").arg(description));
  updateSummary();
}

void LaunchPlace::setVariantFiles(const QStringList& paths) {
  const QString chosen = data_->currentData().toString();
  while (data_->count() > 1) data_->removeItem(1);
  for (const QString& path : paths) data_->addItem(QFileInfo(path).completeBaseName(), path);
  const int again = data_->findData(chosen);
  data_->setCurrentIndex(again < 0 ? 0 : again);
}

void LaunchPlace::setConfig(const RunConfig& config) {
  base_ = config;
  method_->setCurrentIndex(
      std::max(0, method_->findData(QString::fromStdString(config.method.name))));
  model_->setCurrentIndex(
      std::max(0, model_->findData(QString::fromStdString(config.encoder.arch))));
  epochs_->setValue(int(config.epochs));
  batch_->setValue(int(config.batch_size));
  lr_->setValue(config.lr);
  weight_decay_->setValue(config.weight_decay);
  seed_->setValue(int(config.seed));
  optimiser_->setCurrentIndex(
      std::max(0, optimiser_->findData(QString::fromStdString(config.sam.mode))));
  rho_->setValue(config.sam.rho);
  const int device = device_->findData(QString::fromStdString(config.device));
  if (device >= 0) device_->setCurrentIndex(device);
  source_ = QString::fromStdString(config.source);
  design_ = config.design;
  if (!config.variant.empty()) {
    int index = data_->findData(QString::fromStdString(config.variant));
    if (index < 0) {
      data_->addItem(QFileInfo(QString::fromStdString(config.variant)).completeBaseName(),
                     QString::fromStdString(config.variant));
      index = data_->count() - 1;
    }
    data_->setCurrentIndex(index);
  } else {
    data_->setItemText(0, tr("The run's design: %1, r = %2")
                              .arg(QString::fromStdString(to_string(config.design.distribution)))
                              .arg(config.design.ratio));
    data_->setCurrentIndex(0);
  }
  imbalanced_->setChecked(!config.twin);
  also_twin_->setChecked(config.twin);
  updateSummary();
}

RunConfig LaunchPlace::config() const {
  RunConfig c = base_;
  c.method.name = method_->currentData().toString().toStdString();
  c.encoder.arch = model_->currentData().toString().toStdString();
  c.epochs = epochs_->value();
  c.iterations = 0;
  c.batch_size = batch_->value();
  c.lr = lr_->value();
  c.weight_decay = weight_decay_->value();
  c.seed = uint64_t(seed_->value());
  c.device = device_->currentData().toString().toStdString();
  const QString optimiser = optimiser_->currentData().toString();
  if (optimiser.startsWith("preset:")) {
    c.sam = sam_preset(optimiser.mid(7).toStdString());  // the radius; these items are rwSAM's
    c.sam.mode = "rwsam";
  } else
    c.sam.mode = optimiser.toStdString();
  c.sam.rho = rho_->value();
  c.sam.alpha = alpha_->value();
  // rwSAM's stage 1: as asked, else half the epochs (the weights need a trained encoder).
  if (c.sam.mode == "rwsam")
    c.sam.start_epoch = rwsam_start_->value() > 0 ? rwsam_start_->value() : c.epochs / 2;
  c.twin = false;
  const QString variant = data_->currentData().toString();
  if (variant.isEmpty()) {
    c.source = source_.toStdString();
    c.variant.clear();
    // A preset's sampling ratio belongs to the preset (smoke keeps 5%), the rest to the designer.
    const double preset_sample = base_.design.sample;
    c.design = design_;
    if (preset_->currentData().toString() == "smoke") c.design.sample = preset_sample;
  } else {
    c.variant = variant.toStdString();
  }
  return c;
}

void LaunchPlace::updateSummary() {
  const int runs = int(imbalanced_->isChecked()) + int(also_twin_->isChecked());
  start_->setEnabled(runs > 0 && !folder_->text().isEmpty());
  summary_->setText(
      runs == 0 ? tr("Choose the long-tailed variant, its twin, or both.")
                : tr("%n run(s) of %1 epochs each will be queued; they train one after another "
                     "and appear in Live.",
                     "", runs)
                      .arg(epochs_->value()));
}

QList<int> LaunchPlace::launch() {
  QList<int> jobs;
  RunConfig config = this->config();
  try {
    validate_config(config);
  } catch (const std::exception& e) {
    summary_->setText(QString::fromStdString(e.what()));
    return jobs;
  }
  const QString stamp = QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
  QStringList probes;
  if (evaluate_->isChecked())
    probes << "id"
           << "ood";
  for (const bool twin : {false, true}) {
    if (twin ? !also_twin_->isChecked() : !imbalanced_->isChecked()) continue;
    RunJob job;
    job.config = config;
    job.config.twin = twin;
    job.name = QString("%1-%2-s%3")
                   .arg(QString::fromStdString(config.method.name),
                        twin ? QStringLiteral("balanced") : QStringLiteral("imbalanced"))
                   .arg(config.seed);
    job.runDir = QDir(folder_->text()).filePath(job.name + "-" + stamp);
    job.evaluate = probes;
    job.probePreset = probe_preset_->currentData().toString();
    jobs << controller_->enqueue(job);
  }
  if (!jobs.isEmpty()) Q_EMIT launched(jobs);
  return jobs;
}

}  // namespace lt::widgets
