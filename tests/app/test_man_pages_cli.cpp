// `longtail man-pages`: the pages and the bash completion the build installs are written from the
// CLI's own options, so a subcommand or option added to the CLI appears in them.
#include <filesystem>
#include <string>

#include "cli_run.h"
#include "test_support.h"

namespace {

using lt::test::run_cli;
using lt::test::slurp;
namespace fs = std::filesystem;

TEST(ManPagesCli, EveryCommandGetsAPageWithItsOptions) {
  lt::test::TempDir dir;
  const auto r = run_cli("man-pages --out " + dir.file("man"));
  ASSERT_EQ(r.status, 0) << r.err;
  const fs::path man = dir.file("man");

  const std::string top = slurp((man / "longtail.1").string());
  EXPECT_NE(top.find(".TH LONGTAIL 1"), std::string::npos);
  // Each subcommand in --help has a page, and the top page names it.
  const auto help = run_cli("--help");
  for (const char* command : {"data", "train", "eval", "runs", "sweep", "table1", "theory"}) {
    ASSERT_NE(help.out.find(command), std::string::npos) << command;
    EXPECT_TRUE(fs::exists(man / ("longtail-" + std::string(command) + ".1"))) << command;
    EXPECT_NE(top.find(".B " + std::string(command) + "\n"), std::string::npos) << command;
  }
  // The hidden generator itself is no page.
  EXPECT_FALSE(fs::exists(man / "longtail-man-pages.1"));

  // A nested command: its options, their value types and defaults, its footer.
  const std::string design = slurp((man / "longtail-data-design.1").string());
  EXPECT_NE(design.find("\\fB\\-\\-ratio\\fR"), std::string::npos);
  EXPECT_NE(design.find("\\fB\\-\\-twin\\fR\n"), std::string::npos);  // a flag takes no value
  EXPECT_NE(design.find("(default: exp)"), std::string::npos);
  EXPECT_NE(design.find("longtail\\-data\\fR(1)"), std::string::npos);  // SEE ALSO its parent
  const std::string show = slurp((man / "longtail-data-show.1").string());
  EXPECT_NE(show.find(".SH ARGUMENTS"), std::string::npos);
  EXPECT_NE(show.find("fashion\\-mnist"), std::string::npos);  // the footer's source forms
}

TEST(ManPagesCli, BashCompletionOffersSubcommandsAndOptions) {
  lt::test::TempDir dir;
  ASSERT_EQ(run_cli("man-pages --out " + dir.file("man")).status, 0);
  const std::string script = dir.file("man") + "/longtail.bash";
  const auto complete = [&](const std::string& words, int current) {
    lt::test::TempDir out;
    const std::string command = "bash -c 'source " + script + "; COMP_WORDS=(" + words +
                                "); COMP_CWORD=" + std::to_string(current) +
                                "; _longtail; echo \"${COMPREPLY[*]}\"' >" + out.file("o");
    EXPECT_EQ(std::system(command.c_str()), 0);
    std::string offered = slurp(out.file("o"));
    return offered.substr(0, offered.find('\n'));
  };
  EXPECT_EQ(complete("longtail da", 1), "data");
  EXPECT_EQ(complete("longtail data de", 2), "design");
  EXPECT_EQ(complete("longtail data design --tw", 3), "--twin --twin-out");
  EXPECT_EQ(complete("longtail data design --out x", 4), "");  // a file name: bash's own
}

}  // namespace
