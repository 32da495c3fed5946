// The Grad-CAM inspector's grid: each tile is an image followed by its map overlaid for each run
// (SSL beside SL), with the class and each map's right-half share below. It paints into any
// painter, so the grid on show exports as PNG, SVG or PDF, and its numbers as CSV.
#pragma once

#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "figure.h"

namespace lt::widgets {

struct CamTile {
  int64_t index = 0;             // in the data set
  QString label;                 // the class's name
  QImage image;                  // the input, as the run saw it
  QVector<QImage> overlays;      // one per run
  QVector<double> right_shares;  // one per run, in [0, 1]
};

class CamGrid : public QWidget, public Figure {
  Q_OBJECT
 public:
  explicit CamGrid(QWidget* parent = nullptr);

  // The runs' names head the tiles' overlays, in order.
  void setTiles(const QStringList& runNames, const QVector<CamTile>& tiles);
  const QVector<CamTile>& tiles() const { return tiles_; }
  int columns() const;  // tiles per row at the widget's width

  QString figureName() const override { return "gradcam-grid"; }
  void paintFigure(QPainter& painter, const QRectF& target) override;
  QString figureCsv() const override;
  QSize sizeHint() const override { return {720, 480}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void paintGrid(QPainter& painter, const QRectF& area, int columns) const;
  QStringList run_names_;
  QVector<CamTile> tiles_;
};

}  // namespace lt::widgets
