#include "figure_export.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTemporaryFile>
#include <cmath>

#include "figure.h"
#include "report/chart_export.h"
#include "report/run_report.h"
#include "store/run_store.h"
#include "util/build_info.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lt::widgets {
namespace {

// QSaveFile writes beside the target, syncs and renames on commit: a failed export leaves no
// half-written file and never clobbers an older figure. The folder is synced after, as for
// every file of the project (util/file_io), so the rename survives a power loss.
QString commit(QSaveFile& file, const QString& path) {
  if (!file.commit())
    return QObject::tr("Could not write %1: %2. Choose another folder or free some space.")
        .arg(path, file.errorString());
  try {
    lt::sync_parent_folder(path.toStdString());
  } catch (const lt::Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

QString openFailure(const QString& path, const QString& why) {
  return QObject::tr("Could not create %1: %2. Choose a folder you can write to.").arg(path, why);
}

// The paper's size of a figure exported at `size`: a column preset's name when its width is
// one's (the dialog's presets), else "custom".
lt::FigureSize paperSize(const FigureSize& size) {
  lt::FigureSize paper;
  paper.width_in = double(size.pixels.width()) / size.dpi;
  paper.height_in = double(size.pixels.height()) / size.dpi;
  paper.font_pt = size.fontPoints > 0 ? size.fontPoints : 9;
  paper.name = "custom";
  for (const char* name : {"single", "double"}) {
    const lt::FigureSize preset = lt::figure_size(name);
    // Pixels are whole: a preset's width at any DPI comes back within a pixel.
    if (std::abs(preset.width_in - paper.width_in) <= 1.0 / size.dpi &&
        preset.font_pt == paper.font_pt)
      paper.name = name;
  }
  return paper;
}

// Where a figure came from, when it knows its runs (Compare's figures): the sidecar
// NAME.figure.json written beside it (the runs, their config hashes, the evaluation, the
// program's version, as `longtail report` writes it) and a line the file itself carries. Empty
// for a figure without runs or without a chart model to hash.
struct Provenance {
  std::string sidecarPath;
  std::string sidecarJson;
  std::string line;
};

std::optional<Provenance> provenanceFor(const Figure& figure, const QString& path,
                                        const FigureSize& size, const std::string& format) {
  const Figure::Runs& runs = figure.figureRuns();
  std::optional<lt::Chart> chart = figure.figureChart();
  if (runs.runIds.empty() || !chart) return std::nullopt;
  // The file's name is the figure's in the sidecar and in the provenance line.
  const QFileInfo file(path);
  chart->name = file.completeBaseName().toStdString();
  lt::RunStore store(runs.storePath.toStdString(), /*create=*/false);
  const lt::FigureProvenance provenance =
      lt::figure_provenance(store, runs.runIds, *chart, runs.evaluation, paperSize(size), {format},
                            /*reproducible=*/false);
  return Provenance{file.dir().filePath(file.completeBaseName() + ".figure.json").toStdString(),
                    provenance.sidecar_json, provenance.tex_line};
}

// The figure's pgfplots document; an empty string, or what went wrong.
QString writeTex(const Figure& figure, const QString& path, const FigureSize& size,
                 const std::optional<Provenance>& provenance, QSaveFile& file) {
  std::vector<lt::Chart> charts = figure.figureCharts();
  if (charts.empty())
    return QObject::tr(
               "%1 cannot be written as .tex: the figure \"%2\" is not a chart of curves or bars. "
               "Export it as .pdf or .svg to include it in LaTeX, or as .csv for its numbers.")
        .arg(path, figure.figureName());
  for (lt::Chart& chart : charts) chart.name = QFileInfo(path).completeBaseName().toStdString();
  const std::string line = provenance
                               ? provenance->line
                               : "made by LongTail Lab " + lt::longtail_version() + " (commit " +
                                     lt::build_git_commit() + "), exported from its window";
  file.write(lt::chart_tex(charts, paperSize(size), line).c_str());
  return {};
}

}  // namespace

std::optional<FigureFormat> figureFormatFor(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == "png") return FigureFormat::kPng;
  if (suffix == "svg") return FigureFormat::kSvg;
  if (suffix == "pdf") return FigureFormat::kPdf;
  if (suffix == "csv") return FigureFormat::kCsv;
  if (suffix == "tex") return FigureFormat::kTex;
  return std::nullopt;
}

QString figureFileFilters() {
  return QObject::tr(
      "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;"
      "Data as CSV (*.csv);;pgfplots/TikZ for LaTeX (*.tex)");
}

QString exportFigure(Figure& figure, const QString& path, const FigureSize& size) {
  const auto format = figureFormatFor(path);
  if (!format)
    return QObject::tr("%1 has no known suffix: name the file .png, .svg, .pdf, .csv or .tex.")
        .arg(path);
  if (size.pixels.width() < 16 || size.pixels.height() < 16 || size.dpi < 10 || size.dpi > 2400)
    return QObject::tr(
               "A figure of %1 x %2 pixels at %3 DPI cannot be written: choose at least "
               "16 x 16 pixels and between 10 and 2400 DPI.")
        .arg(size.pixels.width())
        .arg(size.pixels.height())
        .arg(size.dpi);
  std::optional<Provenance> provenance;
  try {
    provenance =
        provenanceFor(figure, path, size, QFileInfo(path).suffix().toLower().toStdString());
  } catch (const lt::Error& e) {
    return QString::fromStdString(e.what());
  }
  // What the file says of where it came from: the sidecar's line, or the program alone.
  const QString madeBy = provenance ? QString::fromStdString(provenance->line)
                                    : QObject::tr("Made with LongTail Lab %1")
                                          .arg(QString::fromStdString(lt::longtail_version()));
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return openFailure(path, file.errorString());
  const QRectF target(QPointF(0, 0), QSizeF(size.pixels));
  // The paper's font size for this export only; the window's figure keeps its own after.
  struct PaperFont {
    Figure& figure;
    PaperFont(Figure& f, double points) : figure(f) { figure.setPaperFontPoints(points); }
    ~PaperFont() { figure.setPaperFontPoints(0); }
  } paper_font(figure, size.fontPoints);

  switch (*format) {
    case FigureFormat::kCsv:
      file.write(figure.figureCsv().toUtf8());
      break;
    case FigureFormat::kTex: {
      const QString error = writeTex(figure, path, size, provenance, file);
      if (!error.isEmpty()) {
        file.cancelWriting();
        return error;
      }
      break;
    }
    case FigureFormat::kPng: {
      QImage image(size.pixels, QImage::Format_ARGB32_Premultiplied);
      image.fill(Qt::white);
      const int dots_per_meter = qRound(size.dpi / 0.0254);
      image.setDotsPerMeterX(dots_per_meter);
      image.setDotsPerMeterY(dots_per_meter);
      image.setText("Description", madeBy);  // a PNG tEXt chunk
      {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        figure.paintFigure(painter, target);
      }
      if (!image.save(&file, "PNG")) return openFailure(path, file.errorString());
      break;
    }
    case FigureFormat::kSvg: {
      QSvgGenerator svg;
      svg.setOutputDevice(&file);
      svg.setSize(size.pixels);
      svg.setViewBox(target);
      svg.setResolution(size.dpi);
      svg.setTitle(figure.figureName());
      // The whole sidecar in the SVG's <desc>, so the file alone says where it came from.
      svg.setDescription(
          provenance ? madeBy + "\n" + QString::fromStdString(provenance->sidecarJson) : madeBy);
      QPainter painter;
      if (!painter.begin(&svg)) return openFailure(path, QObject::tr("the SVG writer failed"));
      painter.setRenderHint(QPainter::Antialiasing);
      figure.paintFigure(painter, target);
      painter.end();
      break;
    }
    case FigureFormat::kPdf: {
      QPdfWriter pdf(&file);
      pdf.setResolution(size.dpi);
      pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
      pdf.setPageSize(QPageSize(
          QSizeF(size.pixels.width() * 25.4 / size.dpi, size.pixels.height() * 25.4 / size.dpi),
          QPageSize::Millimeter));
      pdf.setTitle(figure.figureName());
      pdf.setCreator(madeBy);
      QPainter painter;
      if (!painter.begin(&pdf)) return openFailure(path, QObject::tr("the PDF writer failed"));
      painter.setRenderHint(QPainter::Antialiasing);
      // The page is measured in the writer's dots: scale the figure onto the whole page.
      const QRect page = painter.viewport();
      figure.paintFigure(painter, QRectF(page));
      painter.end();
      break;
    }
  }
  const QString error = commit(file, path);
  if (!error.isEmpty() || !provenance) return error;
  try {
    lt::write_file_atomically(provenance->sidecarPath, provenance->sidecarJson);
  } catch (const lt::Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace lt::widgets
