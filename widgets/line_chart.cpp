#include "line_chart.h"

#include "figure_export_dialog.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPaintDevice>
#include <QPainter>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

namespace lt::widgets {

LineChart::LineChart(const QString& name, QWidget* parent)
    : QWidget(parent), name_(name), chart_(new QChart), view_(new QChartView(chart_, this)) {
  view_->setRenderHint(QPainter::Antialiasing);
  chart_->legend()->setAlignment(Qt::AlignBottom);
  chart_->setAnimationOptions(QChart::NoAnimation);
  chart_->setMargins(QMargins(4, 4, 4, 4));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_);
  // Every chart exports from its context menu, wherever it is shown.
  offerExportMenu(view_, this, this);
  setMinimumSize(260, 200);
  rebuildAxes();
}

void LineChart::setTitle(const QString& title) {
  chart_->setTitle(title);
}
QString LineChart::title() const {
  return chart_->title();
}

void LineChart::setAxisTitles(const QString& x, const QString& y) {
  x_title_ = x;
  y_title_ = y;
  rebuildAxes();
}

void LineChart::setLogX(bool log) {
  log_x_ = log;
  rebuildAxes();
}

void LineChart::setLogY(bool log) {
  log_y_ = log;
  rebuildAxes();
}

void LineChart::attach(QAbstractSeries* series) {
  for (QAbstractAxis* axis : chart_->axes()) series->attachAxis(axis);
}

void LineChart::setSeries(const QString& series, const QVector<ChartPoint>& points,
                          SeriesStyle style) {
  points_[series] = points;
  Drawn& drawn = drawn_[series];
  if (!drawn.line) {
    styles_[series] = style;  // as drawn from now on
    drawn.line = new QLineSeries;
    drawn.line->setName(series);
    chart_->addSeries(drawn.line);
    // Single points (one epoch, one n) would be invisible as a line: dots mark every point.
    drawn.dots = new QScatterSeries;
    drawn.dots->setMarkerSize(7);
    drawn.dots->setColor(drawn.line->color());
    drawn.dots->setBorderColor(drawn.line->color());
    chart_->addSeries(drawn.dots);
    drawn.dots->setName(series);
    QPen pen = drawn.line->pen();
    pen.setWidthF(2);
    if (style == SeriesStyle::kDashed) pen.setStyle(Qt::DashLine);
    drawn.line->setPen(pen);
    const bool scatter = style == SeriesStyle::kDots;
    drawn.line->setVisible(!scatter);
    drawn.dots->setVisible(style != SeriesStyle::kLine);
    // One legend entry per series: the scatter's for dots, the line's otherwise.
    chart_->legend()
        ->markers(scatter ? static_cast<QAbstractSeries*>(drawn.line) : drawn.dots)
        .front()
        ->setVisible(false);
  }
  QList<QPointF> xy;
  xy.reserve(points.size());
  for (const ChartPoint& p : points) xy.append(QPointF(p.x, p.y));
  drawn.line->replace(xy);
  drawn.dots->replace(xy);
  drawErrorBars(series, drawn);
  rebuildAxes();
}

void LineChart::drawErrorBars(const QString& series, Drawn& drawn) {
  for (QLineSeries* bar : drawn.bars) {
    chart_->removeSeries(bar);
    delete bar;
  }
  drawn.bars.clear();
  for (const ChartPoint& p : points_.value(series)) {
    if (!(p.error > 0)) continue;
    auto* bar = new QLineSeries;
    bar->append(p.x, p.y - p.error);
    bar->append(p.x, p.y + p.error);
    QPen pen(drawn.line->color());
    pen.setWidthF(1.5);
    bar->setPen(pen);
    chart_->addSeries(bar);
    chart_->legend()->markers(bar).front()->setVisible(false);
    drawn.bars.append(bar);
  }
}

void LineChart::removeSeries(const QString& series) {
  if (!drawn_.contains(series)) return;
  Drawn drawn = drawn_.take(series);
  points_.remove(series);
  styles_.remove(series);
  for (QAbstractSeries* s : QList<QAbstractSeries*>{drawn.line, drawn.dots}) {
    chart_->removeSeries(s);
    delete s;
  }
  for (QLineSeries* bar : drawn.bars) {
    chart_->removeSeries(bar);
    delete bar;
  }
  rebuildAxes();
}

void LineChart::clear() {
  for (const QString& name : seriesNames()) removeSeries(name);
}

namespace {

QAbstractAxis* makeAxis(bool log, double low, double high, const QString& title) {
  if (log) {
    auto* axis = new QLogValueAxis;
    axis->setBase(10);
    axis->setLabelFormat("%g");
    axis->setRange(low, high);
    axis->setTitleText(title);
    return axis;
  }
  auto* axis = new QValueAxis;
  axis->setRange(low, high);
  axis->applyNiceNumbers();
  axis->setLabelFormat("%g");
  axis->setTitleText(title);
  return axis;
}

// A range that shows every value with a little air; log axes need positive bounds.
std::pair<double, double> padded(double low, double high, bool log) {
  if (!std::isfinite(low) || !std::isfinite(high))
    return log ? std::pair{1.0, 10.0} : std::pair{0.0, 1.0};
  if (log) {
    // Whole decades, so the axis always shows at least two labelled ticks.
    low = std::max(low, 1e-12);
    high = std::max(high, low);
    return {std::pow(10.0, std::floor(std::log10(low))),
            std::pow(10.0, std::ceil(std::log10(high * 1.0001)))};
  }
  if (high - low < 1e-12) {
    const double pad = std::max(std::abs(high) * 0.1, 1e-3);
    return {low - pad, high + pad};
  }
  const double pad = (high - low) * 0.05;
  return {low - pad, high + pad};
}

}  // namespace

void LineChart::rebuildAxes() {
  for (QAbstractAxis* axis : chart_->axes()) {
    chart_->removeAxis(axis);
    delete axis;
  }
  double x_low = std::numeric_limits<double>::infinity(), x_high = -x_low;
  double y_low = x_low, y_high = -x_low;
  for (const auto& points : points_) {
    for (const ChartPoint& p : points) {
      if (log_x_ && p.x <= 0) continue;
      if (log_y_ && p.y - p.error <= 0) continue;
      x_low = std::min(x_low, p.x);
      x_high = std::max(x_high, p.x);
      y_low = std::min(y_low, p.y - p.error);
      y_high = std::max(y_high, p.y + p.error);
    }
  }
  const auto [xl, xh] = padded(x_low, x_high, log_x_);
  const auto [yl, yh] = padded(y_low, y_high, log_y_);
  chart_->addAxis(makeAxis(log_x_, xl, xh, x_title_), Qt::AlignBottom);
  chart_->addAxis(makeAxis(log_y_, yl, yh, y_title_), Qt::AlignLeft);
  for (QAbstractSeries* series : chart_->series()) {
    for (QAbstractAxis* axis : series->attachedAxes()) series->detachAxis(axis);
    attach(series);
  }
}

void LineChart::paintFigure(QPainter& painter, const QRectF& target) {
  paintChart(*chart_, painter, target, paperFontPoints());
}

namespace {

// Every font of a chart: its title's, its legend's, and its axes' labels and titles.
struct ChartFonts {
  QFont title, legend;
  QList<std::pair<QFont, QFont>> axes;  // labels, title
};

ChartFonts fontsOf(QChart& chart) {
  ChartFonts f{chart.titleFont(), chart.legend()->font(), {}};
  for (QAbstractAxis* axis : chart.axes()) f.axes.append({axis->labelsFont(), axis->titleFont()});
  return f;
}

void setFonts(QChart& chart, const ChartFonts& f) {
  chart.setTitleFont(f.title);
  chart.legend()->setFont(f.legend);
  const QList<QAbstractAxis*> axes = chart.axes();
  for (int i = 0; i < axes.size() && i < f.axes.size(); ++i) {
    axes[i]->setLabelsFont(f.axes[i].first);
    axes[i]->setTitleFont(f.axes[i].second);
  }
}

// `fonts` with every size set to `pixels` (the title one larger).
ChartFonts sized(ChartFonts fonts, int pixels) {
  const auto size = [](QFont font, int px) {
    font.setPixelSize(std::max(1, px));
    return font;
  };
  fonts.title = size(fonts.title, pixels + 1);
  fonts.legend = size(fonts.legend, pixels);
  for (auto& [labels, title] : fonts.axes) {
    labels = size(labels, pixels);
    title = size(title, pixels);
  }
  return fonts;
}

}  // namespace

void paintChart(QChart& chart, QPainter& painter, const QRectF& target, double paperFontPoints) {
  if (paperFontPoints > 0) {
    // The scene's units become points of paper: the chart is laid out at the target's size in
    // points with text `paperFontPoints` units high, then scaled by dpi / 72 into the target.
    const double dpi = painter.device() ? painter.device()->logicalDpiX() : 72.0;
    const QSizeF paper = target.size() * (72.0 / std::max(1.0, dpi));
    const QSizeF screen = chart.size();
    const ChartFonts fonts = fontsOf(chart);
    setFonts(chart, sized(fonts, qRound(paperFontPoints)));
    chart.resize(paper);
    if (chart.layout()) chart.layout()->activate();
    chart.scene()->render(&painter, target, QRectF(chart.scenePos(), paper));
    // The window's chart as it was.
    setFonts(chart, fonts);
    chart.resize(screen);
    if (chart.layout()) chart.layout()->activate();
    return;
  }
  // The chart is drawn at its on-screen size and scaled into the target, so text keeps its
  // proportion to the plot at any output size. A chart never shown (an export from a test or
  // a script) has no size yet: it is laid out at the target's shape, at most 1000 px wide.
  QSizeF size = chart.size();
  if (size.width() < 50 || size.height() < 50 || !chart.isVisible()) {
    const double scale = std::min(1.0, 1000.0 / std::max(1.0, target.width()));
    size = target.size() * scale;
    chart.resize(size);
    if (chart.layout()) chart.layout()->activate();
  }
  chart.scene()->render(&painter, target, QRectF(chart.scenePos(), size));
}

QString LineChart::figureCsv() const {
  QString csv = "series,x,y,error\n";
  for (auto it = points_.begin(); it != points_.end(); ++it) {
    QString name = it.key();
    name.replace('"', "\"\"");
    for (const ChartPoint& p : it.value())
      csv += QString("\"%1\",%2,%3,%4\n")
                 .arg(name)
                 .arg(p.x, 0, 'g', 10)
                 .arg(p.y, 0, 'g', 10)
                 .arg(p.error, 0, 'g', 10);
  }
  return csv;
}

std::optional<lt::Chart> LineChart::figureChart() const {
  lt::Chart chart;
  chart.name = name_.toStdString();
  chart.title = title().toStdString();
  chart.x_label = x_title_.toStdString();
  chart.y_label = y_title_.toStdString();
  chart.curves = true;
  chart.log_x = log_x_;
  chart.log_y = log_y_;
  // In the legend's order: the order the series were added in.
  for (QAbstractSeries* drawn : chart_->series()) {
    const QString name = drawn->name();
    if (!drawn_.contains(name) || drawn_.value(name).line != drawn) continue;
    lt::ChartSeries series;
    series.name = name.toStdString();
    for (const ChartPoint& p : points_.value(name)) {
      series.x.push_back(p.x);
      series.values.push_back(p.y);
      series.errors.push_back(p.error);
    }
    switch (styles_.value(name)) {
      case SeriesStyle::kLinesAndDots:
        series.style = lt::CurveStyle::kLineAndDots;
        break;
      case SeriesStyle::kDots:
        series.style = lt::CurveStyle::kDots;
        break;
      case SeriesStyle::kLine:
        series.style = lt::CurveStyle::kLine;
        break;
      case SeriesStyle::kDashed:
        series.style = lt::CurveStyle::kDashed;
        break;
    }
    chart.series.push_back(std::move(series));
  }
  return chart;
}

}  // namespace lt::widgets
