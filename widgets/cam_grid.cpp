#include "cam_grid.h"

#include <QPaintEvent>
#include <QPainter>
#include <cmath>

#include "figure_export_dialog.h"

namespace lt::widgets {

namespace {
constexpr double kCaption = 16;  // pixels of text under each tile
constexpr double kGap = 8;
}  // namespace

CamGrid::CamGrid(QWidget* parent) : QWidget(parent) {
  setMinimumSize(360, 240);
  offerExportMenu(this, this, this);
}

void CamGrid::setTiles(const QStringList& runNames, const QVector<CamTile>& tiles) {
  run_names_ = runNames;
  tiles_ = tiles;
  update();
}

int CamGrid::columns() const {
  // Tiles of (1 + runs) squares of about 96 pixels.
  const double tile = (1 + run_names_.size()) * 96.0 + kGap;
  return std::max(1, int(width() / tile));
}

void CamGrid::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().base());
  if (tiles_.isEmpty()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                     tr("Choose a run and a data set: the maps appear here."));
    return;
  }
  paintGrid(painter, rect(), columns());
}

void CamGrid::paintGrid(QPainter& painter, const QRectF& area, int columns) const {
  const int per_tile = 1 + int(run_names_.size());
  const int rows = (int(tiles_.size()) + columns - 1) / columns;
  // The header names what each square of a tile shows.
  const double header = kCaption + 4;
  const double tile_w = (area.width() - kGap * (columns - 1)) / columns;
  // Cells keep the images' shape (side-by-side split images are twice as wide as tall).
  const QImage& first = tiles_.front().image;
  const double aspect = first.height() > 0 ? double(first.width()) / first.height() : 1.0;
  const double height = std::min(tile_w / per_tile / aspect,
                                 (area.height() - header) / std::max(1, rows) - kCaption - kGap);
  const double cell = height * aspect;
  if (height <= 4) return;
  painter.save();
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);  // pixels stay pixels
  QFont font = painter.font();
  font.setPixelSize(int(std::max(9.0, std::min(12.0, height / 7))));
  painter.setFont(font);
  painter.setPen(palette().color(QPalette::Text));
  for (int c = 0; c < columns && c < tiles_.size(); ++c) {
    const double x0 = area.left() + c * (tile_w + kGap);
    for (int k = 0; k < per_tile; ++k) {
      const QString name = k == 0 ? tr("image") : run_names_[k - 1];
      painter.drawText(QRectF(x0 + k * cell, area.top(), cell, header),
                       Qt::AlignCenter | Qt::TextSingleLine,
                       painter.fontMetrics().elidedText(name, Qt::ElideRight, int(cell)));
    }
  }
  for (int i = 0; i < tiles_.size(); ++i) {
    const CamTile& t = tiles_[i];
    const double x0 = area.left() + (i % columns) * (tile_w + kGap);
    const double y0 = area.top() + header + (i / columns) * (height + kCaption + kGap);
    painter.drawImage(QRectF(x0, y0, cell, height), t.image);
    QString caption = QString("#%1 %2").arg(t.index).arg(t.label);
    for (int k = 0; k < t.overlays.size(); ++k) {
      painter.drawImage(QRectF(x0 + (k + 1) * cell, y0, cell, height), t.overlays[k]);
      if (k < t.right_shares.size())
        caption += QString("  R %1%").arg(std::lround(100 * t.right_shares[k]));
    }
    painter.drawText(
        QRectF(x0, y0 + height, per_tile * cell, kCaption),
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
        painter.fontMetrics().elidedText(caption, Qt::ElideRight, int(per_tile * cell)));
  }
  painter.restore();
}

void CamGrid::paintFigure(QPainter& painter, const QRectF& target) {
  painter.fillRect(target, Qt::white);
  // The export keeps the layout on screen: as many tiles per row.
  paintGrid(painter, target.adjusted(kGap, kGap, -kGap, -kGap), columns());
}

QString CamGrid::figureCsv() const {
  QString csv = "index,class,run,right_half_share\n";
  for (const CamTile& t : tiles_) {
    QString label = t.label;
    label.replace('"', "\"\"");
    for (int k = 0; k < t.right_shares.size() && k < run_names_.size(); ++k) {
      QString run = run_names_[k];
      run.replace('"', "\"\"");
      csv += QString("%1,\"%2\",\"%3\",%4\n").arg(t.index).arg(label, run).arg(t.right_shares[k]);
    }
  }
  return csv;
}

}  // namespace lt::widgets
