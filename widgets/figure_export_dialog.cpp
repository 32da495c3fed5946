#include "figure_export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "figure.h"
#include "report/chart.h"

namespace lt::widgets {

FigureExportDialog::FigureExportDialog(Figure* figure, QWidget* parent)
    : QDialog(parent),
      figure_(figure),
      path_(new QLineEdit),
      width_(new QSpinBox),
      height_(new QSpinBox),
      dpi_(new QSpinBox),
      preset_(new QComboBox) {
  setWindowTitle(tr("Export figure: %1").arg(figure->figureName()));
  QSettings settings;
  const QString folder =
      settings
          .value("export/folder",
                 QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
          .toString();
  const QString suffix = settings.value("export/suffix", "png").toString();
  path_->setText(QDir(folder).filePath(figure->figureName() + "." + suffix));
  width_->setRange(16, 20000);
  height_->setRange(16, 20000);
  dpi_->setRange(10, 2400);
  width_->setValue(settings.value("export/width", 1600).toInt());
  height_->setValue(settings.value("export/height", 1000).toInt());
  dpi_->setValue(settings.value("export/dpi", 200).toInt());
  width_->setSuffix(tr(" px"));
  height_->setSuffix(tr(" px"));

  auto* browse = new QPushButton(tr("&Browse..."));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString chosen =
        QFileDialog::getSaveFileName(this, tr("Export figure"), path_->text(), figureFileFilters());
    if (!chosen.isEmpty()) path_->setText(chosen);
  });
  auto* file_row = new QHBoxLayout;
  file_row->addWidget(path_, 1);
  file_row->addWidget(browse);
  // A paper's columns: the presets of longtail report --size (core/report/chart.h), their sizes
  // and their font sizes.
  preset_->addItem(tr("Custom"), QString());
  preset_->addItem(tr("Single column (3.25 in, 8 pt text)"), QStringLiteral("single"));
  preset_->addItem(tr("Double column (6.75 in, 9 pt text)"), QStringLiteral("double"));
  preset_->setToolTip(tr("Width and height for a paper's column at the chosen resolution"));
  preset_->setCurrentIndex(std::max(0, settings.value("export/preset", 0).toInt()));
  connect(preset_, &QComboBox::currentIndexChanged, this, &FigureExportDialog::applyPreset);
  connect(dpi_, &QSpinBox::valueChanged, this, &FigureExportDialog::applyPreset);
  applyPreset();
  auto* form = new QFormLayout;
  form->addRow(tr("File (.png, .svg, .pdf, .csv or .tex)"), file_row);
  form->addRow(tr("Size"), preset_);
  form->addRow(tr("Width"), width_);
  form->addRow(tr("Height"), height_);
  form->addRow(tr("Resolution (DPI)"), dpi_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &FigureExportDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &FigureExportDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
  resize(560, sizeHint().height());
}

void FigureExportDialog::applyPreset() {
  const QString preset = preset_->currentData().toString();
  width_->setEnabled(preset.isEmpty());
  height_->setEnabled(preset.isEmpty());
  if (preset.isEmpty()) return;
  const lt::FigureSize paper = figure_size(preset.toStdString());
  width_->setValue(qRound(paper.width_in * dpi_->value()));
  height_->setValue(qRound(paper.height_in * dpi_->value()));
}

QString FigureExportDialog::path() const {
  return path_->text();
}

FigureSize FigureExportDialog::size() const {
  const QString preset = preset_->currentData().toString();
  const double points = preset.isEmpty() ? 0 : figure_size(preset.toStdString()).font_pt;
  return FigureSize{QSize(width_->value(), height_->value()), dpi_->value(), points};
}

void FigureExportDialog::accept() {
  const QString error = exportFigure(*figure_, path(), size());
  if (!error.isEmpty()) {
    QMessageBox::warning(this, tr("Export failed"), error);
    return;
  }
  QSettings settings;
  settings.setValue("export/folder", QFileInfo(path()).absolutePath());
  settings.setValue("export/suffix", QFileInfo(path()).suffix().toLower());
  settings.setValue("export/width", width_->value());
  settings.setValue("export/height", height_->value());
  settings.setValue("export/dpi", dpi_->value());
  settings.setValue("export/preset", preset_->currentIndex());
  QDialog::accept();
}

void exportFigureInteractively(Figure* figure, QWidget* parent) {
  auto* dialog = new FigureExportDialog(figure, parent);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
}

void offerExportMenu(QWidget* view, Figure* figure, QWidget* owner) {
  view->setContextMenuPolicy(Qt::CustomContextMenu);
  QObject::connect(view, &QWidget::customContextMenuRequested, owner,
                   [view, figure, owner](const QPoint& at) {
                     QMenu menu;
                     menu.addAction(QObject::tr("Export figure..."), owner,
                                    [figure, owner] { exportFigureInteractively(figure, owner); });
                     menu.exec(view->mapToGlobal(at));
                   });
}

}  // namespace lt::widgets
