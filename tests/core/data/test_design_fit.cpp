// A design checked against a small source before any training: what does not fit is named, and
// the nearest sampling or ratio that fits is offered.
#include "data/design_fit.h"

#include <gtest/gtest.h>

namespace {

const std::vector<std::string> kNames = {"cat", "dog", "fox"};

TEST(DesignFit, AFolderOfFortyPerClassFitsRatioPointTwo) {
  lt::DesignSpec spec;
  spec.ratio = 0.2;
  const lt::DesignFit fit = lt::check_design_fit(spec, {40, 40, 40}, kNames, 16);
  ASSERT_TRUE(fit.fits) << fit.problem;
  EXPECT_EQ(fit.counts, (std::vector<int64_t>{40, 17, 8}));  // floor(40 * 0.2^(k/2))
  EXPECT_EQ(fit.total, 65);
  EXPECT_EQ(fit.twin_counts, (std::vector<int64_t>{22, 22, 21}));
}

TEST(DesignFit, TheRarestClassEmptiedIsNamedWithARatioThatFits) {
  lt::DesignSpec spec;
  spec.ratio = 0.01;  // the presets' r: 40 * 0.01 keeps no fox
  const lt::DesignFit fit = lt::check_design_fit(spec, {40, 40, 40}, kNames, 16);
  EXPECT_FALSE(fit.fits);
  EXPECT_NE(fit.problem.find("fox"), std::string::npos) << fit.problem;
  EXPECT_NE(fit.suggestion.find("--ratio 0.05"), std::string::npos) << fit.suggestion;
  // The suggested ratio does fit.
  spec.ratio = 0.05;
  EXPECT_TRUE(lt::check_design_fit(spec, {40, 40, 40}, kNames, 16).fits);
}

TEST(DesignFit, ASampleTooSmallIsAnsweredWithALargerSample) {
  lt::DesignSpec spec;
  spec.ratio = 0.5;
  spec.sample = 0.02;  // the smoke preset's s, sized for Fashion-MNIST
  const lt::DesignFit fit = lt::check_design_fit(spec, {40, 40, 40}, kNames, 16);
  EXPECT_FALSE(fit.fits);
  EXPECT_EQ(fit.suggestion.rfind("--sample ", 0), 0u) << fit.suggestion;
}

TEST(DesignFit, TooFewImagesInAllIsRefused) {
  lt::DesignSpec spec;
  spec.ratio = 0.5;
  const lt::DesignFit fit = lt::check_design_fit(spec, {5, 5, 5}, kNames, 16);
  EXPECT_FALSE(fit.fits);
  EXPECT_NE(fit.problem.find("fewer than the 16"), std::string::npos) << fit.problem;
}

}  // namespace
