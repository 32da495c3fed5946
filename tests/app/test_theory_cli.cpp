// `longtail theory` and `longtail theory sweep` as scripts meet them: the DESIGN contract's JSON
// rows, CSV, and exit status 2 for nonsense, 1 for data no supervised network separates.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_run.h"
#include "test_support.h"

namespace {

using Result = lt::test::CliResult;
using lt::test::slurp;

Result run(const std::string& args) {
  return lt::test::run_cli(args);
}

TEST(TheoryCli, SweepJsonHoldsTheContractsRows) {
  const Result r = run("theory sweep --d-from 32 --d-to 128 --seeds 2 --probe-test 100 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);  // one JSON object, one line
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 3u);
  int64_t d = 32;
  for (const auto& row : j["rows"]) {
    EXPECT_EQ(row["d"], d);
    d *= 2;
    EXPECT_EQ(row["seeds"], 2);
    for (const char* key :
         {"ssl_e2", "sl_e2", "ssl_e2_weighted", "sl_e2_projection", "ssl_probe", "sl_probe"}) {
      ASSERT_TRUE(row[key].is_number()) << key;
      EXPECT_GE(row[key].get<double>(), 0) << key;
      EXPECT_LE(row[key].get<double>(), 1 + 1e-12) << key;
    }
    EXPECT_GT(row["ssl_e2"].get<double>(), row["sl_e2"].get<double>());
  }
}

TEST(TheoryCli, OneConfigurationTakesNumbersAndTheSweepWritesCsv) {
  const Result r =
      run("theory --d 64 --n1 20 --n2 21 --n3 3 --tau 0.5 --rho 0.2 --m 3 --seeds 2 "
          "--probe-test 100 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["d"], 64);
  EXPECT_EQ(j["n1"], 20);
  EXPECT_EQ(j["n2"], 21);
  EXPECT_EQ(j["n3"], 3);
  EXPECT_DOUBLE_EQ(j["tau"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["rho"].get<double>(), 0.2);
  EXPECT_EQ(j["settings"]["m"], 3);
  ASSERT_EQ(j["per_seed"].size(), 2u);
  EXPECT_EQ(j["per_seed"][1]["seed"], 1);
  EXPECT_GE(j["per_seed"][0]["sl_min_margin"].get<double>(), 1 - 1e-6);

  const Result csv = run("theory sweep --d-from 32 --d-to 64 --seeds 1 --probe-test 50 --csv");
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("d,n1,n2,n3,tau,rho,seeds,ssl_e2,", 0), 0u) << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 3);
}

TEST(TheoryCli, NonsenseExitsTwoAndInseparableDataOne) {
  for (const std::string args :
       {"theory --d 1", "theory --n3 0", "theory --m 0", "theory --seeds 0",
        "theory --tau 1 --tau-exponent 0.5", "theory sweep --json --csv",
        "theory sweep --d-from 100 --d-to 50", "theory sweep --d 64"}) {
    const Result r = run(args);
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << args;
  }
  // Two dimensions, a hundred noisy frequent examples: no linear map separates them.
  const Result r = run("theory --d 2 --n1 50 --n2 50 --rho 1 --json");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("not linearly separable"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace

namespace {

TEST(TheoryCli, AHugeDToIsRefusedByNameInsteadOfOverflowing) {
  // The powers-of-two loop once doubled a signed int past 2^63 (and then looped for ever)
  // before the d <= 16384 check could run; `timeout` turns such a hang into a failure here.
  const Result r =
      lt::test::run_cli_within(20, "theory sweep --d-from 2 --d-to 9223372036854775807 --json");
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("16384"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace
