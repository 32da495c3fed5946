// The Dataset designer place: a source, a distribution (exponential, Pareto, step, balanced),
// ratio r on a logarithmic slider and in a number field, sampling ratio, frequent classes,
// class order and seed. The per-class counts (with the balanced twin overlaid), the totals and
// a strip of sample images per class follow every change at once; a variant and its twin can be
// saved into the store's variants folder.
//
// The counts are pure arithmetic through core, instant on the GUI thread. Reading the source
// and drawing the images of a variant happen on a worker thread.
#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <memory>

#include "background_jobs.h"
#include "data/dataset.h"
#include "data/longtail_design.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace lt::widgets {

class ClassCountsChart;

class DatasetDesigner : public QWidget {
  Q_OBJECT
 public:
  explicit DatasetDesigner(QWidget* parent = nullptr);
  ~DatasetDesigner() override;

  DesignSpec spec() const;
  QString source() const;
  // True when the loaded source is CIFAR-10 (cifar10:DIR): the cpu-cifar preset is offered.
  bool hasCifar10() const;
  // The quick preset the chosen paper variant asks of the headline: "cpu-cifar" after the
  // "CIFAR-10 quick" variant on a loaded CIFAR-10, else "" (the window's own).
  QString headlinePreset() const;
  // "exponential, r = 0.01, n = 12406 (Fashion-MNIST)": for the Launch place.
  QString description() const;
  ClassCountsChart* chart() const { return chart_; }
  QString summaryText() const;
  bool sourceLoaded() const { return dataset_ != nullptr; }

  // Reads the source on a worker thread; the chart follows its classes when it arrives.
  void loadSource(const QString& spec);
  // Where Save variant writes (the store's variants folder) and the store it records into.
  void setVariantsFolder(const QString& folder, const QString& storePath);
  // Saves the variant (and with the twin box, its twin) on a worker thread.
  void saveVariant();
  // Applies one of the paper's variants by its key (cifar10-lt-0.1, cifar10-lt-0.01,
  // cifar10-step-0.01, imagenet-lt-pareto, fashion-mnist-quick, split-images: the paper's
  // semi-synthetic set of Section 3.2, built once into the variants folder; cifar10-quick: the
  // headline's cpu-cifar preset, on a loaded CIFAR-10 only).
  void applyPreset(const QString& key);

  // The controls, for tests and for the window around it.
  QComboBox* sourceBox() const { return source_; }
  QComboBox* presetBox() const { return preset_; }
  QComboBox* distributionBox() const { return distribution_; }
  QDoubleSpinBox* ratioBox() const { return ratio_; }
  QSlider* ratioSlider() const { return ratio_slider_; }
  QDoubleSpinBox* sampleBox() const { return sample_; }
  QSpinBox* classesBox() const { return classes_; }
  QSpinBox* maxBox() const { return max_; }
  QSpinBox* frequentBox() const { return frequent_; }
  QComboBox* orderBox() const { return order_; }
  QSpinBox* seedBox() const { return seed_; }
  QCheckBox* twinBox() const { return twin_; }
  QCheckBox* logScaleBox() const { return log_scale_; }
  QLabel* samplesView() const { return samples_; }
  // "Run the headline on this design": the window runs the four cells and opens Compare.
  QPushButton* headlineButton() const { return headline_; }

 Q_SIGNALS:
  void countsChanged(const std::vector<int64_t>& counts);
  void designChanged();
  void sourceLoadFinished(bool ok, const QString& message);
  void variantSaved(const QStringList& paths);
  void headlineRequested();
  void failed(const QString& message);

 private:
  using Loaded = JobResult<std::shared_ptr<const Dataset>>;
  using Saved = JobResult<QStringList>;
  void updatePreview();
  void updateSamples();
  // Builds (once) and loads the balanced split-image set of `base` as the source.
  void loadSplitImages(const QString& base);
  void setRatio(double r);
  void updatePresetAvailability();

  std::shared_ptr<const Dataset> dataset_;
  QString loaded_spec_;
  QString headline_preset_;          // "cpu-cifar" after the CIFAR-10 quick variant
  QString split_path_, split_base_;  // the split-image set last built, and its source
  QString variants_folder_, store_path_;
  QFutureWatcher<Loaded> loading_;
  QFutureWatcher<Saved> saving_;
  JobPool jobs_{2};  // loading and saving, never queued behind another place's work

  QComboBox* source_;
  QComboBox* preset_;
  QComboBox* distribution_;
  QDoubleSpinBox* ratio_;
  QSlider* ratio_slider_;
  QDoubleSpinBox* sample_;
  QSpinBox* classes_;
  QSpinBox* max_;
  QSpinBox* frequent_;
  QComboBox* order_;
  QSpinBox* seed_;
  QCheckBox* twin_;
  QCheckBox* log_scale_;
  QLabel* summary_;
  QLabel* samples_;
  QPushButton* save_;
  QPushButton* headline_;
  ClassCountsChart* chart_;
};

}  // namespace lt::widgets
