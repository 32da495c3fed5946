// The Grad-CAM place: where a representation looks. One or two runs (SSL beside SL), a data set
// (typically the held-out split images of `longtail semisynth build --split test`) and a filter
// (frequent classes, rare classes, one class); the images with each run's map overlaid (opacity,
// Grad-CAM or Grad-CAM++, what is explained: a class, an embedding or a saved linear probe's
// class, such as a semisynth run's rare-probe.pt, remembered between sessions), and the share of
// the maps' mass on the right half for the images on show and for the whole set, as a chart. Maps
// are computed on a worker thread for the whole set (up to a cap) on a thread of the place's own
// when a run, the data, the method or the target changes (a change cancels the stale computation;
// closing the place cancels and waits); filtering, paging and opacity only repaint.
#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <memory>
#include <vector>

#include "background_jobs.h"
#include "data/dataset.h"
#include "experiments/cam_inspection.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;

namespace lt::widgets {

class BarChart;
class CamGrid;
class Figure;

class GradCamPlace : public QWidget {
  Q_OBJECT
 public:
  explicit GradCamPlace(QWidget* parent = nullptr);
  ~GradCamPlace() override;  // cancels a running computation and waits for it

  // Lists the store's runs in the two run boxes (never creating a store).
  void setStorePath(const QString& path);
  void refresh();
  // Picks runs by directory ("" for none in the second) and the data set; recomputes.
  void setRuns(const QString& firstRunDir, const QString& secondRunDir = {});
  void setData(const QString& spec);
  // The linear probe the target "probe" explains (a file such as a semisynth run's
  // rare-probe.pt; its class k is label kFrequentClasses + k); remembered for the next session.
  void setProbeFile(const QString& path);
  QString probeFile() const;
  void recompute();
  bool computing() const { return watcher_.isRunning(); }
  // The computation started last (how it ended stays readable after the place is gone).
  std::shared_ptr<const JobTicket> lastJob() const { return jobs_.lastJob(); }

  // Classes with the label on the left: 0 .. frequentClasses-1 (the paper's split: 5 of 10).
  static constexpr int kFrequentClasses = 5;
  // The most images explained per run (a sample across the set when it holds more).
  static constexpr int kMaxImages = 1000;
  static constexpr int kPageSize = 12;

  CamGrid* grid() const { return grid_; }
  BarChart* massChart() const { return masses_; }
  QList<Figure*> figures() const;
  QComboBox* filterBox() const { return filter_; }
  QComboBox* methodBox() const { return method_; }
  QComboBox* targetBox() const { return target_; }
  QPushButton* probeBrowseButton() const { return probe_browse_; }
  QSlider* opacitySlider() const { return opacity_; }
  QString messageText() const;
  // The mean right-half share of run `run` (0 or 1) over the images of `group` ("frequent" or
  // "rare") among those computed; NaN when none.
  double rightShare(int run, const QString& group) const;

 Q_SIGNALS:
  void computed(bool ok, const QString& message);

 private:
  struct Maps {
    std::shared_ptr<const Dataset> data;
    std::vector<CamMaps> maps;  // one per run
    QStringList run_names;
  };
  using Outcome = JobResult<Maps>;
  void start();
  void showOutcome(const Outcome& outcome);
  void showPage();
  void showMasses();
  void showProbeRow();
  std::vector<int> filtered() const;  // positions in the computed images that pass the filter
  bool frequentAt(size_t position) const;

  QString store_path_;
  bool pending_ = false;
  QFutureWatcher<Outcome> watcher_;
  JobPool jobs_;
  Maps shown_;
  int page_ = 0;

  QComboBox* run_a_;
  QComboBox* run_b_;
  QLineEdit* data_;
  QPushButton* browse_;
  QComboBox* filter_;
  QComboBox* method_;
  QComboBox* target_;
  QLineEdit* probe_;
  QPushButton* probe_browse_;
  QSlider* opacity_;
  QLabel* message_;
  CamGrid* grid_;
  QPushButton* previous_;
  QPushButton* next_;
  QLabel* page_label_;
  BarChart* masses_;
  QLabel* numbers_;
  QFormLayout* form_;
};

}  // namespace lt::widgets
