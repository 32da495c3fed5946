// The Sweep place: the paper's grid as one action. Choose a plan (a preset or a plan file),
// start it (runs K at once on the place's own threads, recorded in the store's queue, never on
// the application's global pool, which a sweep would hold for hours), pause, resume or
// cancel it; the cells fill in as a table (queued, running with its epoch, done, failed), and
// the paper's Figure 2 (accuracy against n) and Figure 1 (Delta against n) grow beside it. While a
// pair still trains, its kNN-monitor accuracies give a provisional Delta, drawn dashed and
// replaced by the probe's value when both runs are done. The view polls the store, so it also
// follows a sweep that `longtail sweep run` drives from a terminal.
//
// Submit to Slurm sends the chosen plan to a cluster as a job array instead (partition, GPUs per
// run, time, at most K at once), with the job script shown before anything is submitted; the job
// id shows above the table, each run's Slurm state in its column, and the figures fill in as the
// poll collects the finished runs from their folders (core/sweep/slurm_sweep.h).
//
// A tag box narrows the table and both figures to the sweep's runs with a tag (as `longtail
// runs list --tag T`): tags given in the Runs place or by `longtail runs tag`.
#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <memory>

#include "background_jobs.h"
#include "sweep/slurm_script.h"
#include "sweep/sweep_report.h"
#include "sweep/sweep_runner.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace lt::widgets {

class Figure;
class LineChart;

class SweepPlace : public QWidget {
  Q_OBJECT
 public:
  explicit SweepPlace(QWidget* parent = nullptr);
  ~SweepPlace() override;  // cancels a running sweep (its runs stay resumable) and waits

  void setStorePath(const QString& path);
  // Where new sweeps keep their runs (a folder per sweep).
  void setSweepsFolder(const QString& folder);
  // Adds a plan file to the plan chooser and selects it.
  void addPlanFile(const QString& path);
  // Starts the chosen plan (finished runs are kept; only what is missing runs).
  void start();
  void pause();
  void resume();
  void cancel();
  bool running() const { return watcher_.isRunning(); }
  // Reads the latest state of the sweep from the store and redraws.
  void refresh();

  // The longtail command-line program the job script calls (default: the one beside this
  // program, else the one on PATH).
  void setLongtailPath(const QString& path);
  // The chosen plan's job script for `options`, written into its sweep folder, not submitted;
  // "" (and failed()) when it cannot be written.
  QString slurmScript(const SlurmOptions& options);
  // Submits the chosen plan in the background; slurmSubmitted() or failed() when done.
  void submitToSlurm(const SlurmOptions& options);
  // The form: the options, the script they give, and Submit.
  void showSlurmDialog();
  QString slurmJobId() const { return job_id_; }

  QTableWidget* table() const { return table_; }
  LineChart* accuracyChart() const { return accuracy_; }
  LineChart* gapChart() const { return gap_; }
  QComboBox* probeBox() const { return probe_; }
  // "All runs" (data "") and each tag the sweep's runs carry.
  QComboBox* tagBox() const { return tag_; }
  QList<Figure*> figures() const;
  QString stateText() const;

 Q_SIGNALS:
  void finished(const QString& message);
  void failed(const QString& message);
  void slurmSubmitted(const QString& job_id);

 private:
  using Outcome = JobResult<SweepRunSummary>;
  SweepPlan chosenPlan() const;
  void draw(const SweepReport& report);
  // Keeps the runs with the tag chosen in the tag box, which it fills with the runs' tags.
  void filterByTag(SweepStatus& status);
  void updateButtons();

  struct Submitted {
    QString sweep_id, job_id;
    int64_t runs = 0;
  };
  void collectInBackground();

  QString store_path_, sweeps_folder_, sweep_id_, longtail_path_, job_id_;
  QFutureWatcher<JobResult<Submitted>> submit_watcher_;
  QFutureWatcher<JobResult<bool>> collect_watcher_;
  QFutureWatcher<Outcome> watcher_;
  JobPool sweep_jobs_;  // the sweep: one thread, held while it runs
  JobPool slurm_jobs_;  // submitting to and collecting from Slurm
  QTimer* poll_;
  QComboBox* plan_;
  QSpinBox* parallel_;
  QPushButton* start_;
  QPushButton* pause_;
  QPushButton* resume_;
  QPushButton* cancel_button_;
  QPushButton* slurm_;
  QComboBox* probe_;
  QComboBox* tag_;
  QLabel* state_;
  QTableWidget* table_;
  LineChart* accuracy_;
  LineChart* gap_;
};

}  // namespace lt::widgets
