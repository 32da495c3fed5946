// The Live place: every run the window has started, with loss, learning rate, kNN accuracy and
// images/s curves that grow as epochs end (runs overlaid, one series each), and a table with
// progress, ETA, Cancel and Resume.
#pragma once

#include <QHash>
#include <QList>
#include <QVector>
#include <QWidget>

#include "line_chart.h"
#include "training_controller.h"

class QTableWidget;
class QPushButton;
class QLabel;

namespace lt::widgets {

class LivePlace : public QWidget {
  Q_OBJECT
 public:
  explicit LivePlace(TrainingController* controller, QWidget* parent = nullptr);

  LineChart* lossChart() const { return loss_; }
  LineChart* lrChart() const { return lr_; }
  LineChart* knnChart() const { return knn_; }
  LineChart* speedChart() const { return speed_; }
  QList<Figure*> figures() const { return {loss_, lr_, knn_, speed_}; }
  QTableWidget* table() const { return table_; }
  QPushButton* cancelButton() const { return cancel_; }
  QPushButton* resumeButton() const { return resume_; }

  // The status of the job's row ("queued", "training", "finished", "cancelled", ...).
  QString jobStatus(int job) const;
  QString jobRunDir(int job) const;

 Q_SIGNALS:
  void runEnded(const QString& runDir, const QString& status, const QString& message);

 private:
  struct Job {
    int row = -1;
    QString name, runDir, status;
    QVector<ChartPoint> loss, lr, knn, speed;
  };
  void onQueued(int job, const QString& name);
  void onStarted(int job, const QString& runDir);
  void onProgress(int job, const JobProgress& progress);
  void onEpoch(int job, const JobEpoch& epoch);
  void onEnded(int job, const QString& status, const QString& message);
  void cancelSelected();
  void resumeSelected();
  void updateButtons();
  int selectedJob() const;
  void setCell(int row, int column, const QString& text);

  TrainingController* controller_;
  LineChart* loss_;
  LineChart* lr_;
  LineChart* knn_;
  LineChart* speed_;
  QTableWidget* table_;
  QPushButton* cancel_;
  QPushButton* resume_;
  QLabel* hint_;
  QHash<int, Job> jobs_;
  QHash<QString, int> series_of_dir_;  // a resumed run continues its own curves
};

// "1 h 05 min", "3 min 20 s", "12 s": an ETA for people.
QString formatDuration(double seconds);

}  // namespace lt::widgets
