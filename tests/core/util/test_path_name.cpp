#include "util/path_name.h"

#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

TEST(PathName, NamesThatWouldLeaveTheirFolderAreRefusedByName) {
  for (const std::string bad : {"../escaped", "..", ".", "a/b", "/abs", "", "new\nline",
                                std::string("nul\0x", 5), "back\\slash"}) {
    EXPECT_FALSE(is_safe_path_component(bad)) << bad;
    EXPECT_LT_ERROR(check_path_component(bad, "--name"), ErrorKind::kSetting, "--name");
  }
  for (const std::string good : {"simsiam-exp-r0.01", "a; rm -rf ~", "it's", "..x", "x..", "é"}) {
    EXPECT_TRUE(is_safe_path_component(good)) << good;
  }
}

}  // namespace
}  // namespace lt
