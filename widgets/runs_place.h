// The Runs place: the store's runs in a sortable, filterable table (method, data, n, r, status,
// accuracies, and the user's tags and note, edited in place); a run opens onto its config, curves
// and evaluations; it can be re-run from its config, resumed, or removed from the store (its folder
// stays on disk).
#pragma once

#include <QWidget>

class QLineEdit;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace lt::widgets {

class RunsPlace : public QWidget {
  Q_OBJECT
 public:
  explicit RunsPlace(QWidget* parent = nullptr);

  void setStorePath(const QString& path);
  void refresh();

  // Runs shown (after the filter) and the id in a row, for tests and the window.
  int shownRuns() const;
  QString runIdAt(int row) const;
  QString cell(int row, const QString& column) const;
  QLineEdit* filterBox() const { return filter_; }
  QTableView* view() const { return view_; }
  void selectRun(const QString& id);
  QStringList selectedRunIds() const;
  // Removes the runs from the store (no question asked: the Delete button asks first).
  void removeRuns(const QStringList& ids);
  // A window of the selected run's config, curves and evaluations.
  QWidget* openDetails(const QString& id);
  // A window with rwSAM's KDE weights of the run (computed on a worker thread).
  QWidget* openWeights(const QString& id);
  // What typing into the Tags and Note cells of the run's row does (for tests and scripts).
  void setRunLabels(const QString& id, const QString& tags, const QString& note);

 Q_SIGNALS:
  void rerunRequested(const QString& configJson);
  void resumeRequested(const QString& runDir, const QString& name);
  void failed(const QString& message);
  void labelsChanged(const QString& id);  // tags or note saved

 private:
  void deleteSelected();
  void updateButtons();
  void saveLabels(int sourceRow);

  bool refreshing_ = false;  // the model is being filled: its changes are not the user's

  QString store_path_;
  QStandardItemModel* model_;
  QSortFilterProxyModel* proxy_;
  QTableView* view_;
  QLineEdit* filter_;
  QLabel* status_;
  QPushButton* details_;
  QPushButton* rerun_;
  QPushButton* weights_;
  QPushButton* resume_;
  QPushButton* delete_;
};

}  // namespace lt::widgets
