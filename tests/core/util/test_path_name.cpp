#include "util/path_name.h"

#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

TEST(PathName, NamesThatWouldLeaveTheirFolderAreRefusedByName) {
  const std::vector<std::string> bads = {"../escaped", "..", ".",         "a/b",
                                         "/abs",       "",   "new\nline", std::string("nul\0x", 5),
                                         "back\\slash"};
  for (const std::string& bad : bads) {
    EXPECT_FALSE(is_safe_path_component(bad)) << bad;
    EXPECT_LT_ERROR(check_path_component(bad, "--name"), ErrorKind::kSetting, "--name");
  }
  for (const char* good : {"simsiam-exp-r0.01", "a; rm -rf ~", "it's", "..x", "x..", "é"}) {
    EXPECT_TRUE(is_safe_path_component(good)) << good;
  }
}

}  // namespace
}  // namespace lt
