// LongTail Lab's window: a run store open, and its places (Dataset designer, Launch, Live,
// Runs, Compare, Sweep, Theory) in a side bar. It wires the places together (a design flows to
// Launch, a launch shows in Live, a finished run refreshes Runs and Compare), remembers its layout
// and the store in QSettings, and shows core's errors in a dialog that says what to do.
#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;
class QActionGroup;
class QMenu;

namespace lt::widgets {

class ComparePlace;
class DatasetDesigner;
class Figure;
class LaunchPlace;
class LivePlace;
class RunsPlace;
class SweepPlace;
class TheoryPlace;
class GradCamPlace;
class TrainingController;
class HeadlineRunner;
class StoreWatch;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  enum Place { kDesigner, kLaunch, kLive, kRuns, kCompare, kSweep, kTheory, kGradCam, kPlaces };

  // `storePath` empty: the last store used, else the default one.
  explicit MainWindow(const QString& storePath = QString(), QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens (creating if needed) a run store; returns false and shows why when it cannot.
  bool openStore(const QString& path);
  QString storePath() const { return store_path_; }
  void showPlace(Place place);
  Place currentPlace() const;

  DatasetDesigner* designer() const { return designer_; }
  LaunchPlace* launch() const { return launch_; }
  LivePlace* live() const { return live_; }
  RunsPlace* runs() const { return runs_; }
  ComparePlace* compare() const { return compare_; }
  SweepPlace* sweep() const { return sweep_; }
  TheoryPlace* theory() const { return theory_; }
  GradCamPlace* gradCam() const { return gradcam_; }
  TrainingController* controller() const { return controller_; }
  HeadlineRunner* headline() const { return headline_; }
  // Checks whether the store takes writes (every few seconds, off the GUI thread).
  StoreWatch* storeWatch() const { return store_watch_; }
  // The warning above the places while the store cannot be written ("" when it can).
  QString storeWarning() const;
  // The preset of the designer's headline: cpu (the main job) unless a test or the tour asks
  // for smoke.
  void setHeadlinePreset(const QString& preset) { headline_preset_ = preset; }
  // Runs the headline on the designer's design (what its button does).
  void runHeadline();
  QList<Figure*> figures(Place place) const;
  // The last error shown to the user (tests read it; dialogs are not modal).
  QString lastError() const { return last_error_; }

 public Q_SLOTS:
  void showError(const QString& message);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void refreshVariantFiles();
  void chooseStore();

  QString store_path_;
  QString last_error_;
  TrainingController* controller_;
  QListWidget* nav_;
  QStackedWidget* stack_;
  DatasetDesigner* designer_;
  LaunchPlace* launch_;
  LivePlace* live_;
  RunsPlace* runs_;
  ComparePlace* compare_;
  SweepPlace* sweep_;
  TheoryPlace* theory_;
  GradCamPlace* gradcam_;
  QMenu* export_menu_ = nullptr;
  HeadlineRunner* headline_;
  StoreWatch* store_watch_;
  QLabel* store_banner_;
  QString headline_preset_ = "cpu";
};

}  // namespace lt::widgets
