// The Launch place: method, model, hyper-parameters (from a preset), device, optimiser and the
// data (the designer's design or a saved variant); one click queues the run, or the pair of the
// imbalanced variant and its balanced twin, optionally evaluated in and out of domain after.
#pragma once

#include <QWidget>

#include "data/longtail_design.h"
#include "train/run_config.h"
#include "training_controller.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace lt::widgets {

class LaunchPlace : public QWidget {
  Q_OBJECT
 public:
  explicit LaunchPlace(TrainingController* controller, QWidget* parent = nullptr);

  // Where new runs go (a folder per run).
  void setRunsFolder(const QString& folder);
  QString runsFolder() const;
  // The data to train on when "the designer's design" is chosen.
  void setDesign(const QString& source, const DesignSpec& design, const QString& description);
  // Saved variant files offered beside the design.
  void setVariantFiles(const QStringList& paths);
  // Fills every field from a config (Re-run in the Runs place).
  void setConfig(const RunConfig& config);

  // The config the fields describe, for the imbalanced variant (twin = false).
  RunConfig config() const;
  // Queues what the fields ask for; returns the job numbers (empty when nothing was asked).
  QList<int> launch();

  QComboBox* methodBox() const { return method_; }
  QComboBox* presetBox() const { return preset_; }
  QComboBox* deviceBox() const { return device_; }
  QComboBox* optimiserBox() const { return optimiser_; }
  QSpinBox* epochsBox() const { return epochs_; }
  QCheckBox* twinBox() const { return also_twin_; }
  QCheckBox* imbalancedBox() const { return imbalanced_; }
  QCheckBox* evaluateBox() const { return evaluate_; }
  QPushButton* startButton() const { return start_; }

 Q_SIGNALS:
  void launched(const QList<int>& jobs);

 private:
  void applyPreset();
  void updateSummary();
  void optimiserChanged();

  TrainingController* controller_;
  RunConfig base_;  // fields the form does not show (augmentation, monitor ...) come from here
  QString source_ = "fashion-mnist";
  DesignSpec design_;
  QComboBox* method_;
  QComboBox* model_;
  QComboBox* preset_;
  QSpinBox* epochs_;
  QSpinBox* batch_;
  QDoubleSpinBox* lr_;
  QDoubleSpinBox* weight_decay_;
  QSpinBox* seed_;
  QComboBox* device_;
  QComboBox* optimiser_;
  QDoubleSpinBox* rho_;
  QDoubleSpinBox* alpha_;
  QSpinBox* rwsam_start_;
  QComboBox* data_;
  QCheckBox* imbalanced_;
  QCheckBox* also_twin_;
  QCheckBox* evaluate_;
  QComboBox* probe_preset_;
  QLineEdit* folder_;
  QLabel* summary_;
  QPushButton* start_;
};

}  // namespace lt::widgets
