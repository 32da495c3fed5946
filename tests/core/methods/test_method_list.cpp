// The one list of methods: every name in it builds, and the factory refuses names not in it.
#include "methods/method.h"
#include "methods/method_list.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

TEST(MethodList, EveryListedMethodBuildsAndNamesItself) {
  for (const MethodInfo& info : known_methods()) {
    MethodOptions o;
    o.name = info.name;
    EXPECT_NE(make_method(o, EncoderOptions{"resnet-small", true, 1}), nullptr) << info.name;
    EXPECT_EQ(find_method(info.name), &info);
    EXPECT_FALSE(info.label.empty());
    EXPECT_NE(method_names_text().find(info.name), std::string::npos);
    if (info.temperature) {
      o.temperature_schedule = "cosine";
      EXPECT_NE(make_method(o, EncoderOptions{"resnet-small", true, 1}), nullptr) << info.name;
    }
  }
  EXPECT_EQ(find_method("barlow"), nullptr);
  MethodOptions o;
  o.name = "barlow";
  EXPECT_LT_ERROR(make_method(o, EncoderOptions{"resnet-small", true, 1}), ErrorKind::kSetting,
                  method_names_text());
}

}  // namespace
}  // namespace lt
