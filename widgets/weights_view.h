// rwSAM's weights of a run, seen: the histogram of the KDE weights, the per-class mean weight
// against class size (did the density estimate find the rare classes without labels?), Spearman's
// rank correlation with 1 / class size, and the images with the largest and smallest weights.
// The weights are computed on a thread of the view's own (the encoder runs over every
// pre-training image); closing the view cancels the computation and waits for it to stop.
#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <memory>

#include "background_jobs.h"
#include "train/run_weights.h"

class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace lt::widgets {

class ClassCountsChart;
class Figure;
class LineChart;

class WeightsView : public QWidget {
  Q_OBJECT
 public:
  explicit WeightsView(const QString& runDir, QWidget* parent = nullptr);
  ~WeightsView() override;  // cancels a running computation and waits for it

  // Starts the computation with the settings shown (also done once on construction).
  void compute();
  bool computing() const { return watcher_.isRunning(); }
  const RunWeights* weights() const { return weights_.get(); }
  // The computation started last (how it ended stays readable after the view is gone).
  std::shared_ptr<const JobTicket> lastJob() const { return jobs_.lastJob(); }

  ClassCountsChart* histogram() const { return histogram_; }
  LineChart* byClassChart() const { return by_class_; }
  QList<Figure*> figures() const;
  QString summaryText() const;

 Q_SIGNALS:
  void computed(bool ok, const QString& message);

 private:
  using Outcome = JobResult<std::shared_ptr<RunWeights>>;
  void showWeights(const RunWeights& weights);
  QPixmap extremes(const RunWeights& weights, bool largest) const;

  QString run_dir_;
  std::shared_ptr<RunWeights> weights_;
  QFutureWatcher<Outcome> watcher_;
  JobPool jobs_;  // declared after the watcher: destroyed (cancelled and waited for) first
  QDoubleSpinBox* alpha_;
  QDoubleSpinBox* bandwidth_;
  QPushButton* compute_;
  QLabel* summary_;
  ClassCountsChart* histogram_;
  LineChart* by_class_;
  QLabel* largest_;
  QLabel* smallest_;
};

}  // namespace lt::widgets
