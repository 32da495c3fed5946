// The core's rooms and their order (docs/architecture.md draws it): a room includes its own files
// and those of lower rooms only, never a room beside it or above it, and no room includes Qt. The
// test reads every include under core/ and names each file and include that breaks the order, so
// a newcomer who adds an arrow upwards hears where and why before review does.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Rank of each room: lower ranks are further down. Rooms of equal rank sit beside each other
// and may not include each other (explain beside eval, theory beside models, report beside sweep).
const std::map<std::string, int>& room_ranks() {
  static const std::map<std::string, int> ranks = {
      {"util", 0},    {"runtime", 1},     {"data", 2},    {"models", 3},      {"theory", 3},
      {"methods", 4}, {"eval", 5},        {"explain", 5}, {"distributed", 6}, {"train", 7},
      {"store", 8},   {"experiments", 9}, {"sweep", 10},  {"report", 10},
  };
  return ranks;
}

// One line per broken rule: "core/ROOM/FILE: #include "OTHER/..." (why)".
std::vector<std::string> layout_violations(const fs::path& core_dir) {
  const auto& ranks = room_ranks();
  std::vector<std::string> found;
  const std::regex project_include(R"re(^\s*#\s*include\s+"([a-z_]+)/[^"]+")re");
  const std::regex qt_include(R"re(^\s*#\s*include\s+<Q[A-Za-z]+)re");
  for (const auto& room_dir : fs::directory_iterator(core_dir)) {
    if (!room_dir.is_directory()) continue;
    const std::string room = room_dir.path().filename().string();
    const auto room_rank = ranks.find(room);
    if (room_rank == ranks.end()) {
      found.push_back("core/" + room +
                      "/: a room the order does not know; add it to room_ranks() in "
                      "tests/layout/test_core_layout.cpp and to docs/architecture.md");
      continue;
    }
    for (const auto& entry : fs::recursive_directory_iterator(room_dir.path())) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp" && ext != ".cu")) continue;
      const std::string file = "core/" + fs::relative(entry.path(), core_dir).string();
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, qt_include)) {
          found.push_back(file + ": " + line + " (core knows nothing of Qt)");
          continue;
        }
        if (!std::regex_search(line, m, project_include)) continue;
        const std::string target = m[1];
        const auto target_rank = ranks.find(target);
        if (target_rank == ranks.end() || target == room) continue;  // a library, or its own room
        if (target_rank->second > room_rank->second)
          found.push_back(file + ": " + line + " (" + room + " is below " + target + ")");
        else if (target_rank->second == room_rank->second)
          found.push_back(file + ": " + line + " (" + room + " and " + target +
                          " sit beside each other; move what both need one room down)");
      }
    }
  }
  return found;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  return all;
}

TEST(Layout, CoreIncludesOnlyDownwards) {
  const auto violations = layout_violations(fs::path(LONGTAIL_SOURCE_DIR) / "core");
  EXPECT_TRUE(violations.empty()) << "includes that break the core's order:\n"
                                  << joined(violations);
}

// The checker itself: an arrow upwards, one sideways, Qt and an unknown room are each named.
TEST(Layout, TheCheckerNamesEachKindOfBrokenRule) {
  const fs::path root =
      fs::temp_directory_path() / ("longtail-layout-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const auto write = [&](const std::string& relative, const std::string& text) {
    fs::create_directories((root / relative).parent_path());
    std::ofstream(root / relative) << text;
  };
  write("data/ok.h", "#include \"util/error.h\"\n#include <vector>\n#include \"data/other.h\"\n");
  write("train/up.cpp", "#include \"experiments/table1.h\"\n");
  write("eval/side.cpp", "#include \"explain/grad_cam.h\"\n");
  write("models/gui.cpp", "#include <QWidget>\n");
  write("newroom/x.h", "\n");
  const auto v = layout_violations(root);
  fs::remove_all(root);
  const std::string all = joined(v);
  ASSERT_EQ(v.size(), 4u) << all;
  EXPECT_NE(all.find("core/train/up.cpp: #include \"experiments/table1.h\" (train is below "
                     "experiments)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("core/eval/side.cpp"), std::string::npos) << all;
  EXPECT_NE(all.find("beside each other"), std::string::npos) << all;
  EXPECT_NE(all.find("core/models/gui.cpp"), std::string::npos) << all;
  EXPECT_NE(all.find("core/newroom/: a room the order does not know"), std::string::npos) << all;
  EXPECT_EQ(all.find("core/data/ok.h"), std::string::npos) << all;
}

}  // namespace
