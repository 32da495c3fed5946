// The dialog behind every "Export figure": a file name (its suffix picks PNG, SVG, PDF, TeX or
// CSV), the size in pixels and the DPI, remembered between exports.
#pragma once

#include <QDialog>

#include "figure_export.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace lt::widgets {

class Figure;

class FigureExportDialog : public QDialog {
  Q_OBJECT
 public:
  FigureExportDialog(Figure* figure, QWidget* parent = nullptr);

  QString path() const;
  // Custom, or a paper's single (3.25 in) or double (6.75 in) column at the chosen DPI.
  QComboBox* sizePresetBox() const { return preset_; }
  FigureSize size() const;
  // Writes the figure; on failure the message is shown and the dialog stays open.
  void accept() override;

 private:
  Figure* figure_;
  QLineEdit* path_;
  QSpinBox* width_;
  QSpinBox* height_;
  QSpinBox* dpi_;
  QComboBox* preset_;
  void applyPreset();
};

// Opens the dialog for `figure` (non-modal, deletes itself when closed).
void exportFigureInteractively(Figure* figure, QWidget* parent);

// Gives `view` a context menu with "Export figure..." for `figure` (owned by `owner`).
void offerExportMenu(QWidget* view, Figure* figure, QWidget* owner);

}  // namespace lt::widgets
