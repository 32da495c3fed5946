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

TEST(ChartExport, UnknownSizeIsAUsageError) {
  EXPECT_LT_ERROR(lt::figure_size("a4"), lt::ErrorKind::kSetting, "single");
}

}  // namespace
