// The designer's live preview: distribution, ratio r and sampling ratio for a source of C
// classes of n_max images; the per-class counts and the balanced twin follow every change at
// once. Pure arithmetic through core (no file is read), so it is instant on the GUI thread.
#pragma once

#include <QWidget>

#include "data/longtail_design.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QCheckBox;
class QLabel;

namespace lt::widgets {

class ClassCountsChart;

class DesignPreview : public QWidget {
  Q_OBJECT
 public:
  explicit DesignPreview(QWidget* parent = nullptr);

  DesignSpec spec() const;
  ClassCountsChart* chart() const { return chart_; }
  QString summaryText() const;

  // The controls, for tests and for the window around it.
  QComboBox* distributionBox() const { return distribution_; }
  QDoubleSpinBox* ratioBox() const { return ratio_; }
  QDoubleSpinBox* sampleBox() const { return sample_; }
  QSpinBox* classesBox() const { return classes_; }
  QSpinBox* maxBox() const { return max_; }

 Q_SIGNALS:
  void countsChanged(const std::vector<int64_t>& counts);

 private:
  void update_preview();
  QComboBox* distribution_;
  QDoubleSpinBox* ratio_;
  QDoubleSpinBox* sample_;
  QSpinBox* classes_;
  QSpinBox* max_;
  QCheckBox* log_scale_;
  QLabel* summary_;
  ClassCountsChart* chart_;
};

}  // namespace lt::widgets
