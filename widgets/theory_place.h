// The Theory place: the paper's Theorem 3.1 to play with. Sliders for d, the counts, tau, rho
// and m; the toy data on the (e1, e2) plane with the SL and SSL feature directions drawn over
// it; and the theorem's two numbers against d (SSL's hold on e2 rising towards 1, SL's falling
// towards 0) as curves that fill in while the sweep runs. Everything is computed by core/theory
// on a worker thread, cancelled and restarted when a control moves.
#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <memory>

#include "background_jobs.h"
#include "theory/theory_sweep.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace lt::widgets {

class Figure;
class LineChart;

class TheoryPlace : public QWidget {
  Q_OBJECT
 public:
  explicit TheoryPlace(QWidget* parent = nullptr);
  ~TheoryPlace() override;

  // The settings the controls describe (the single configuration at the slider's d, and the
  // sweep around it).
  TheorySweepOptions options() const;
  // Starts (or restarts, cancelling the running one) the computation.
  void recompute();
  bool computing() const { return watcher_.isRunning(); }

  LineChart* planeChart() const { return plane_; }
  LineChart* trendChart() const { return trend_; }
  QList<Figure*> figures() const;
  QString numbersText() const;
  QSlider* dimensionSlider() const { return d_slider_; }
  QSpinBox* rareBox() const { return n3_; }
  // "trends" (the controls below it) or "theorem" (Theorem 3.1's regime: the model's controls
  // follow d and are disabled).
  QComboBox* presetBox() const { return preset_; }

 Q_SIGNALS:
  void computed(bool ok, const QString& message);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  using Outcome = JobResult<bool>;
  void start();
  void showResult(const TheoryResult& result);
  void addRow(const TheorySweepRow& row);

  int generation_ = 0;
  bool pending_ = false;
  bool started_ = false;
  QFutureWatcher<Outcome> watcher_;
  JobPool jobs_;
  QVector<TheorySweepRow> rows_;

  QComboBox* preset_;
  QSlider* d_slider_;
  QLabel* d_label_;
  QCheckBox* follow_counts_;
  QSpinBox* n1_;
  QSpinBox* n3_;
  QDoubleSpinBox* tau_;
  QDoubleSpinBox* rho_exponent_;
  QSpinBox* m_;
  QSpinBox* seeds_;
  QSpinBox* d_from_;
  QSpinBox* d_to_;
  QLabel* numbers_;
  LineChart* plane_;
  LineChart* trend_;
};

}  // namespace lt::widgets
