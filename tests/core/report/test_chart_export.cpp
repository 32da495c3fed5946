// A chart's files as a reader of the paper gets them: every number in the CSV, the provenance
// inside the SVG, and a pgfplots document whose labels survive LaTeX's special characters.
#include "report/chart_export.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_support.h"
#include "util/error.h"

namespace {

lt::Chart two_methods() {
  lt::Chart c;
  c.name = "gap-id";
  c.title = "Relative gap Delta (linear probe, in domain)";
  c.x_label = "pre-training method";
  c.y_label = "Delta = (A_bal - A_imb) / A_bal";
  c.categories = {"simsiam", "supervised"};
  c.series = {{"Delta", {0.0125, -0.003}, {0.002, 0.0}},
              {"other", {std::numeric_limits<double>::quiet_NaN(), 0.5}, {0.0, 0.0}}};
  return c;
}

TEST(ChartExport, CsvHoldsEveryBarOnceAndSkipsMissingOnes) {
  EXPECT_EQ(lt::chart_csv(two_methods()),
            "figure,category,series,value,error\n"
            "gap-id,simsiam,Delta,0.0125,0.002\n"
            "gap-id,supervised,Delta,-0.003,0\n"
            "gap-id,supervised,other,0.5,0\n");
}

TEST(ChartExport, SvgIsSizedForTheColumnAndCarriesItsProvenance) {
  const std::string svg =
      lt::chart_svg(two_methods(), lt::figure_size("single"), R"({"runs":["a<b"]})");
  EXPECT_NE(svg.find("width=\"3.25in\""), std::string::npos);
  EXPECT_NE(svg.find("font-size=\"8\""), std::string::npos);
  EXPECT_NE(svg.find("<metadata><longtail-figure"), std::string::npos);
  EXPECT_NE(svg.find("&quot;runs&quot;:[&quot;a&lt;b&quot;]"), std::string::npos);
  EXPECT_NE(lt::chart_svg(two_methods(), lt::figure_size("double"), "{}").find("width=\"6.75in\""),
            std::string::npos);
}

TEST(ChartExport, TexIsAStandaloneArticleWithEscapedLabels) {
  const std::string tex = lt::chart_tex(two_methods(), lt::figure_size("single"), "made by a test");
  EXPECT_EQ(tex.rfind("% made by a test\n", 0), 0u);
  EXPECT_NE(tex.find("\\documentclass{article}"), std::string::npos);
  EXPECT_NE(tex.find("\\pagestyle{empty}"), std::string::npos);
  EXPECT_NE(tex.find("width=3.25in"), std::string::npos);
  EXPECT_NE(tex.find("A\\_bal"), std::string::npos);  // _ escaped
  EXPECT_NE(tex.find("(0,0.0125) +- (0,0.002)"), std::string::npos);
  EXPECT_NE(tex.find("\\addlegendentry{Delta}"), std::string::npos);
}

// Curves, as the window's line charts give them: (x, value) points, a gap where one is missing
// (or cannot be drawn on a log axis), each curve's style.
lt::Chart two_curves() {
  lt::Chart c;
  c.name = "accuracy-vs-n";
  c.title = "Top-1 against n";
  c.x_label = "n";
  c.y_label = "top-1 (%)";
  c.curves = true;
  c.log_x = true;
  lt::ChartSeries balanced{"balanced", {60, 70, 74}, {1.5, 0.5, 0}, {1000, 4000, 16000}};
  lt::ChartSeries paper{
      "paper", {55, std::numeric_limits<double>::quiet_NaN(), 71}, {0, 0, 0}, {0, 4000, 16000}};
  paper.style = lt::CurveStyle::kDashed;
  c.series = {balanced, paper};
  return c;
}

TEST(ChartExport, CurvesGiveEveryPointWithItsXAndGapsWhereOneIsMissing) {
  EXPECT_EQ(lt::chart_csv(two_curves()),
            "figure,series,x,value,error\n"
            "accuracy-vs-n,balanced,1000,60,1.5\n"
            "accuracy-vs-n,balanced,4000,70,0.5\n"
            "accuracy-vs-n,balanced,16000,74,0\n"
            "accuracy-vs-n,paper,0,55,0\n"
            "accuracy-vs-n,paper,16000,71,0\n");
  const std::string tex = lt::chart_tex(two_curves(), lt::figure_size("double"), "a test");
  EXPECT_NE(tex.find("xmode=log"), std::string::npos);
  EXPECT_EQ(tex.find("ybar"), std::string::npos);
  EXPECT_NE(tex.find("unbounded coords=jump"), std::string::npos);
  EXPECT_NE(tex.find("(1000,60) +- (0,1.5) (4000,70) +- (0,0.5)"), std::string::npos);
  // x = 0 has no place on a log axis, and a missing value breaks the line.
  EXPECT_NE(tex.find("\\addplot+[dashed, mark=*, error bars/.cd, y dir=both, y explicit] "
                     "coordinates { (0,nan) (4000,nan) (16000,71) +- (0,0) };"),
            std::string::npos)
      << tex;
  const std::string svg = lt::chart_svg(two_curves(), lt::figure_size("single"), "{}");
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  // The log axis's ticks: the powers of ten the points span, and no empty decade beyond.
  EXPECT_NE(svg.find(">1000<"), std::string::npos);
  EXPECT_NE(svg.find(">10000<"), std::string::npos);
  EXPECT_EQ(svg.find(">100000<"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
}

TEST(ChartExport, UnknownSizeIsAUsageError) {
  EXPECT_LT_ERROR(lt::figure_size("a4"), lt::ErrorKind::kSetting, "single");
}

}  // namespace
