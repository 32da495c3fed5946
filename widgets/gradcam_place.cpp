#include "gradcam_place.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "bar_chart.h"
#include "cam_grid.h"
#include "data/source.h"
#include "dataset_image.h"
#include "explain/cam_overlay.h"
#include "explain/probe_file.h"
#include "store/run_store.h"
#include "util/error.h"

namespace lt::widgets {

namespace {

enum FilterKind { kAll = -1, kFrequent = -2, kRare = -3 };  // >= 0: one class

// The map over its image, drawn by core's cam_overlay (pytorch-grad-cam's JET blend), as the
// CLI's contact sheets are. At opacity 0 (and without OpenCV) the image alone: the blend would
// still stretch the image's brightness to a maximum of 255.
QImage overlay(const Dataset& data, int64_t index, const float* map, double opacity) {
  const ImageShape& s = data.shape;
  if (opacity <= 0 || !can_draw_overlays()) return datasetImage(data, index);
  return rgbImage(cam_overlay(data.image(index), s.channels, s.height, s.width, map,
                              /*image_weight=*/1.0 - opacity));
}

QString class_name(const Dataset& data, int64_t label) {
  return label >= 0 && label < data.num_classes()
             ? QString::fromStdString(data.class_names[size_t(label)])
             : QString::number(label);
}

}  // namespace

GradCamPlace::GradCamPlace(QWidget* parent)
    : QWidget(parent),
      run_a_(new QComboBox),
      run_b_(new QComboBox),
      data_(new QLineEdit),
      browse_(new QPushButton(tr("Browse…"))),
      filter_(new QComboBox),
      method_(new QComboBox),
      target_(new QComboBox),
      probe_(new QLineEdit),
      probe_browse_(new QPushButton(tr("Browse…"))),
      opacity_(new QSlider(Qt::Horizontal)),
      message_(new QLabel),
      grid_(new CamGrid),
      previous_(new QPushButton(tr("Previous"))),
      next_(new QPushButton(tr("Next"))),
      page_label_(new QLabel),
      masses_(new BarChart("gradcam-right-half-share")),
      numbers_(new QLabel),
      form_(new QFormLayout) {
  data_->setPlaceholderText(tr("a data set: a split-image cache (.ltds) or any source"));
  method_->addItem(tr("Grad-CAM"), "gradcam");
  method_->addItem(tr("Grad-CAM++"), "gradcam++");
  target_->addItem(tr("Automatic (class for supervised runs, own embedding otherwise)"), "auto");
  target_->addItem(tr("The image's label"), "label");
  target_->addItem(tr("The predicted class"), "predicted");
  target_->addItem(tr("Its own embedding"), "self");
  target_->addItem(tr("The mean embedding of the set"), "mean");
  target_->addItem(tr("A saved linear probe's class (e.g. rare-probe.pt)"), "probe");
  probe_->setPlaceholderText(
      tr("a linear probe on the run's features, e.g. a semisynth run's rare-probe.pt"));
  probe_->setToolTip(tr("Its class k is the label %1 + k: the rare classes of semisynth's probe")
                         .arg(kFrequentClasses));
  probe_->setText(QSettings().value("gradcam/probe").toString());
  opacity_->setRange(0, 100);
  opacity_->setValue(50);
  opacity_->setToolTip(tr("How strongly the map covers the image"));
  message_->setWordWrap(true);
  numbers_->setWordWrap(true);
  numbers_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  masses_->setValueAxis(tr("share of the map on the right half"), 0, 1);
  masses_->setMinimumWidth(380);

  QFormLayout* form = form_;
  auto* runs = new QHBoxLayout;
  runs->addWidget(run_a_, 1);
  runs->addWidget(new QLabel(tr("beside")));
  runs->addWidget(run_b_, 1);
  form->addRow(tr("Runs"), runs);
  auto* data = new QHBoxLayout;
  data->addWidget(data_, 1);
  data->addWidget(browse_);
  form->addRow(tr("Data"), data);
  auto* view = new QHBoxLayout;
  view->addWidget(filter_, 1);
  view->addWidget(new QLabel(tr("Method")));
  view->addWidget(method_);
  view->addWidget(new QLabel(tr("Explain")));
  view->addWidget(target_, 1);
  view->addWidget(new QLabel(tr("Opacity")));
  view->addWidget(opacity_);
  form->addRow(tr("Show"), view);
  // A row of its own, shown only while the target is a probe.
  auto* probe_row = new QWidget;
  auto* probe = new QHBoxLayout(probe_row);
  probe->setContentsMargins(0, 0, 0, 0);
  probe->addWidget(probe_, 1);
  probe->addWidget(probe_browse_);
  form->addRow(tr("Probe"), probe_row);

  auto* left = new QWidget;
  auto* left_layout = new QVBoxLayout(left);
  left_layout->setContentsMargins(0, 0, 0, 0);
  left_layout->addWidget(grid_, 1);
  auto* paging = new QHBoxLayout;
  paging->addWidget(previous_);
  paging->addWidget(page_label_, 1, Qt::AlignCenter);
  paging->addWidget(next_);
  left_layout->addLayout(paging);
  auto* right = new QWidget;
  auto* right_layout = new QVBoxLayout(right);
  right_layout->setContentsMargins(0, 0, 0, 0);
  right_layout->addWidget(masses_, 1);
  right_layout->addWidget(numbers_);
  auto* split = new QSplitter;
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(message_);
  layout->addWidget(split, 1);

  filter_->addItem(tr("All images"), int(kAll));
  filter_->addItem(tr("Frequent classes (label on the left)"), int(kFrequent));
  filter_->addItem(tr("Rare classes (label on the right)"), int(kRare));

  const auto changed = [this] { recompute(); };
  connect(run_a_, &QComboBox::currentIndexChanged, this, changed);
  connect(run_b_, &QComboBox::currentIndexChanged, this, changed);
  connect(method_, &QComboBox::currentIndexChanged, this, changed);
  connect(target_, &QComboBox::currentIndexChanged, this, [this] {
    showProbeRow();
    recompute();
  });
  connect(probe_, &QLineEdit::editingFinished, this, [this] {
    if (!probe_->isModified()) return;  // focus left an unchanged path: the maps stand
    probe_->setModified(false);
    setProbeFile(probe_->text());
  });
  connect(probe_browse_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Linear probe"),
                                                      QFileInfo(probe_->text()).absolutePath(),
                                                      tr("Linear probes (*.pt);;All files (*)"));
    if (!path.isEmpty()) setProbeFile(path);
  });
  connect(data_, &QLineEdit::editingFinished, this, changed);
  connect(browse_, &QPushButton::clicked, this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Data set"), QFileInfo(data_->text()).absolutePath(),
                                     tr("LongTail Lab data sets (*.ltds);;All files (*)"));
    if (!path.isEmpty()) setData(path);
  });
  connect(filter_, &QComboBox::currentIndexChanged, this, [this] {
    page_ = 0;
    showPage();
  });
  connect(opacity_, &QSlider::valueChanged, this, [this] { showPage(); });
  connect(previous_, &QPushButton::clicked, this, [this] {
    page_ = std::max(0, page_ - 1);
    showPage();
  });
  connect(next_, &QPushButton::clicked, this, [this] {
    ++page_;
    showPage();
  });
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
    const Outcome outcome = watcher_.result();
    if (pending_) {  // a newer request cancelled this one and waited for it to stop
      pending_ = false;
      start();
      return;
    }
    showOutcome(outcome);
  });
  showPage();
  showProbeRow();
  message_->setText(
      tr("Choose a run and a data set. The held-out split images come from "
         "<tt>longtail semisynth build --split test</tt> or "
         "<tt>longtail semisynth run</tt>."));
}

GradCamPlace::~GradCamPlace() {
  // The maps stop at their next batch; the job must not outlive the place that shows them.
  jobs_.cancel();
  jobs_.wait();
}

void GradCamPlace::setStorePath(const QString& path) {
  store_path_ = path;
  refresh();
}

void GradCamPlace::refresh() {
  const QString a = run_a_->currentData().toString(), b = run_b_->currentData().toString();
  const QSignalBlocker block_a(run_a_), block_b(run_b_);
  run_a_->clear();
  run_b_->clear();
  run_a_->addItem(tr("(choose a run)"), QString());
  run_b_->addItem(tr("(none)"), QString());
  try {
    RunStore store(store_path_.toStdString(), /*create=*/false);
    for (const StoredRun& run : store.list_runs()) {
      if (run.epochs_done <= 0) continue;  // no checkpoint to explain yet
      const QString label = QString("%1 — %2").arg(QString::fromStdString(run.id),
                                                   QString::fromStdString(run.method));
      run_a_->addItem(label, QString::fromStdString(run.dir));
      run_b_->addItem(label, QString::fromStdString(run.dir));
    }
  } catch (const Error&) {
    // No store yet: the boxes offer nothing, the message says what to do.
  }
  // A run chosen by folder (not in the store) stays chosen.
  for (auto [box, dir] : {std::pair{run_a_, a}, std::pair{run_b_, b}}) {
    if (!dir.isEmpty() && box->findData(dir) < 0) box->addItem(QFileInfo(dir).fileName(), dir);
    box->setCurrentIndex(std::max(0, box->findData(dir)));
  }
}

void GradCamPlace::setRuns(const QString& firstRunDir, const QString& secondRunDir) {
  const QSignalBlocker block_a(run_a_), block_b(run_b_);
  for (auto [box, dir] : {std::pair{run_a_, firstRunDir}, std::pair{run_b_, secondRunDir}}) {
    int at = box->findData(dir);
    if (at < 0 && !dir.isEmpty()) {
      box->addItem(QFileInfo(dir).fileName(), dir);
      at = box->count() - 1;
    }
    box->setCurrentIndex(std::max(0, at));
  }
  recompute();
}

void GradCamPlace::setData(const QString& spec) {
  data_->setText(spec);
  recompute();
}

void GradCamPlace::setProbeFile(const QString& path) {
  probe_->setText(path);
  QSettings().setValue("gradcam/probe", path);
  if (target_->currentData().toString() == "probe") recompute();
}

QString GradCamPlace::probeFile() const {
  return probe_->text().trimmed();
}

void GradCamPlace::showProbeRow() {
  form_->setRowVisible(probe_->parentWidget(), target_->currentData().toString() == "probe");
}

void GradCamPlace::recompute() {
  if (watcher_.isRunning()) {
    jobs_.cancel();  // its maps belong to controls that just changed
    pending_ = true;
    return;
  }
  start();
}

void GradCamPlace::start() {
  QStringList runs;
  for (QComboBox* box : {run_a_, run_b_})
    if (!box->currentData().toString().isEmpty()) runs << box->currentData().toString();
  const QString spec = data_->text().trimmed();
  if (runs.isEmpty() || spec.isEmpty()) {
    shown_ = Maps{};  // nothing chosen: nothing shown
    showPage();
    message_->setText(runs.isEmpty() ? tr("Choose a run to explain.")
                                     : tr("Choose a data set: a split-image cache (.ltds) made by "
                                          "<tt>longtail semisynth build --split test</tt>."));
    return;
  }
  const std::string method = method_->currentData().toString().toStdString();
  const std::string target = target_->currentData().toString().toStdString();
  const QString probe_file = probeFile();
  if (target == "probe" && probe_file.isEmpty()) {
    shown_ = Maps{};  // the maps on show explain something else
    showPage();
    message_->setText(
        tr("Choose a linear probe file to explain, such as the rare-probe.pt "
           "that <tt>longtail semisynth run</tt> saves in each run."));
    return;
  }
  message_->setText(tr("Computing the maps of %n run(s)…", "", int(runs.size())));
  watcher_.setFuture(jobs_.run([runs, spec, method, target, probe_file](const JobTicket& ticket) {
    const ProgressFn keep_going = ticket.keepGoing();
    Maps out;
    CamProbe probe;
    if (target == "probe") {
      probe.probe = read_probe_file(probe_file.toStdString());
      probe.first_label = kFrequentClasses;
    }
    auto data =
        std::make_shared<Dataset>(load_source({spec.toStdString(), "test", false, {}}, keep_going));
    // A sample across the set when it is large: every k-th image keeps the classes' shares.
    std::vector<int64_t> indices;
    const int64_t n = data->size(), take = std::min<int64_t>(n, kMaxImages);
    for (int64_t i = 0; i < take; ++i) indices.push_back(i * n / take);
    for (const QString& dir : runs) {
      // Torch's threads stay as the window set them (a run may be training beside).
      const CamInspection inspection(dir.toStdString(), "auto", 0);
      out.maps.push_back(inspection.explain(*data, indices, method, target, keep_going, probe));
      out.run_names << QString::fromStdString(inspection.method_name());
    }
    // Two runs of one method are told apart by their folders.
    if (out.run_names.size() == 2 && out.run_names[0] == out.run_names[1]) {
      for (int r = 0; r < 2; ++r)
        out.run_names[r] += QString(" (%1)").arg(QFileInfo(runs[r]).fileName());
    }
    out.data = data;
    return out;
  }));
}

void GradCamPlace::showOutcome(const Outcome& result) {
  if (result.end != JobEnd::kFinished) {
    shown_ = Maps{};  // the old maps no longer belong to the controls
    showPage();
    const QString error = result.end == JobEnd::kCancelled
                              ? tr("The maps were cancelled.")
                              : result.error.left(result.error.indexOf('\n'));
    message_->setText(error);
    Q_EMIT computed(false, error);
    return;
  }
  const Maps& outcome = result.value;
  const bool same_classes = shown_.data && shown_.data->class_names == outcome.data->class_names;
  shown_ = outcome;
  if (!same_classes) {
    const QSignalBlocker block(filter_);
    while (filter_->count() > 3) filter_->removeItem(3);
    for (int64_t c = 0; c < outcome.data->num_classes(); ++c)
      filter_->addItem(tr("Class: %1").arg(class_name(*outcome.data, c)), int(c));
    page_ = 0;
  }
  const CamMaps& first = outcome.maps.front();
  message_->setText(tr("%1 maps of %2 images (%3, %4) on %5")
                        .arg(QString::fromStdString(first.method))
                        .arg(first.indices.size())
                        .arg(QString::fromStdString(outcome.data->origin))
                        .arg(QString::fromStdString(first.target))
                        .arg(QString::fromStdString(first.device)));
  showPage();
  Q_EMIT computed(true, message_->text());
}

bool GradCamPlace::frequentAt(size_t position) const {
  const int64_t index = shown_.maps.front().indices[position];
  return shown_.data->labels[size_t(index)] < kFrequentClasses;
}

std::vector<int> GradCamPlace::filtered() const {
  std::vector<int> out;
  if (!shown_.data || shown_.maps.empty()) return out;
  const int kind = filter_->currentData().toInt();
  const auto& indices = shown_.maps.front().indices;
  for (size_t p = 0; p < indices.size(); ++p) {
    const int64_t label = shown_.data->labels[size_t(indices[p])];
    const bool keep = kind == kAll || (kind == kFrequent && label < kFrequentClasses) ||
                      (kind == kRare && label >= kFrequentClasses) || kind == label;
    if (keep) out.push_back(int(p));
  }
  return out;
}

void GradCamPlace::showPage() {
  const std::vector<int> positions = filtered();
  const int pages = std::max(1, int((positions.size() + kPageSize - 1) / kPageSize));
  page_ = std::clamp(page_, 0, pages - 1);
  QVector<CamTile> tiles;
  const double opacity = opacity_->value() / 100.0;
  const size_t from = size_t(page_) * kPageSize;
  for (size_t k = from; k < positions.size() && k < from + kPageSize; ++k) {
    const size_t p = size_t(positions[k]);
    CamTile tile;
    tile.index = shown_.maps.front().indices[p];
    tile.label = class_name(*shown_.data, shown_.data->labels[size_t(tile.index)]);
    tile.image = datasetImage(*shown_.data, tile.index);
    for (const CamMaps& maps : shown_.maps) {
      tile.overlays << overlay(*shown_.data, tile.index, maps.map(p), opacity);
      tile.right_shares << maps.right_share[p];
    }
    tiles << tile;
  }
  grid_->setTiles(shown_.run_names, tiles);
  page_label_->setText(positions.empty() ? tr("no images")
                                         : tr("images %1–%2 of %3")
                                               .arg(from + 1)
                                               .arg(std::min(from + kPageSize, positions.size()))
                                               .arg(positions.size()));
  previous_->setEnabled(page_ > 0);
  next_->setEnabled(page_ + 1 < pages);
  showMasses();
}

double GradCamPlace::rightShare(int run, const QString& group) const {
  if (run < 0 || size_t(run) >= shown_.maps.size()) return NAN;
  double sum = 0;
  int count = 0;
  const CamMaps& maps = shown_.maps[size_t(run)];
  for (size_t p = 0; p < maps.right_share.size(); ++p) {
    if (frequentAt(p) != (group == "frequent")) continue;
    sum += maps.right_share[p];
    ++count;
  }
  return count > 0 ? sum / count : NAN;
}

void GradCamPlace::showMasses() {
  // Short names: a bar chart's category labels are cut beyond about ten characters.
  const QStringList groups{tr("freq. page"), tr("rare page"), tr("freq. all"), tr("rare all")};
  QVector<QVector<double>> values;
  QString numbers;
  const std::vector<int> positions = filtered();
  const size_t from = size_t(page_) * kPageSize;
  for (size_t r = 0; r < shown_.maps.size(); ++r) {
    const CamMaps& maps = shown_.maps[r];
    double sum[2] = {0, 0};
    int count[2] = {0, 0};
    for (size_t k = from; k < positions.size() && k < from + kPageSize; ++k) {
      const size_t p = size_t(positions[k]);
      const int g = frequentAt(p) ? 0 : 1;
      sum[g] += maps.right_share[p];
      ++count[g];
    }
    const double all_frequent = rightShare(int(r), "frequent");
    const double all_rare = rightShare(int(r), "rare");
    values << QVector<double>{count[0] ? sum[0] / count[0] : NAN,
                              count[1] ? sum[1] / count[1] : NAN, all_frequent, all_rare};
    numbers += tr("<b>%1</b>: right half %2 of the map on frequent images, %3 on rare ones<br>")
                   .arg(shown_.run_names[int(r)].toHtmlEscaped())
                   .arg(std::isfinite(all_frequent) ? QString::number(all_frequent, 'f', 2) : "–")
                   .arg(std::isfinite(all_rare) ? QString::number(all_rare, 'f', 2) : "–");
  }
  // A group with no image (no rare image on this page) has no bar rather than a bar at 0.
  QStringList kept;
  QVector<QVector<double>> kept_values(values.size());
  for (int g = 0; g < groups.size(); ++g) {
    bool any = false;
    for (const auto& v : values) any = any || std::isfinite(v[g]);
    if (!any) continue;
    kept << groups[g];
    for (int r = 0; r < values.size(); ++r) kept_values[r] << values[r][g];
  }
  masses_->setBars(kept, shown_.run_names, kept_values);
  numbers_->setText(numbers.isEmpty()
                        ? QString()
                        : numbers + tr("<i>The paper: SL looks left on both; SSL spreads on "
                                       "frequent images and looks right on rare ones.</i>"));
}

QList<Figure*> GradCamPlace::figures() const {
  return {grid_, masses_};
}

QString GradCamPlace::messageText() const {
  return message_->text();
}

}  // namespace lt::widgets
