// The run config's JSON round trip, made to bite: every field is changed away from its default
// before the trip, so a field that is written but not read (or read under another key) fails.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"
#include "train/run_config.h"
#include "util/error.h"

namespace lt {
namespace {

using json = nlohmann::ordered_json;

// Every leaf of `j` changed to another value of its type; returns how many were changed.
int change_every_leaf(json& j) {
  int changed = 0;
  for (auto& [key, value] : j.items()) {
    if (key == "design") continue;  // its own schema and checks; changed by hand below
    if (value.is_object()) {
      changed += change_every_leaf(value);
    } else if (value.is_boolean()) {
      value = !value.get<bool>(), ++changed;
    } else if (value.is_number_unsigned()) {
      value = value.get<uint64_t>() + 7, ++changed;
    } else if (value.is_number_integer()) {
      value = value.get<int64_t>() + 7, ++changed;
    } else if (value.is_number_float()) {
      value = value.get<double>() * 0.5 + 0.125, ++changed;
    } else if (value.is_string()) {
      value = value.get<std::string>() + "-changed", ++changed;
    } else if (value.is_array()) {
      value.push_back(0.25), ++changed;
    } else {
      ADD_FAILURE() << "a config field of a kind this test does not change: " << key;
    }
  }
  return changed;
}

// Leaves of `a` whose values differ in `b`, as "key" paths.
void compare_leaves(const json& a, const json& b, const std::string& path) {
  for (auto& [key, value] : a.items()) {
    ASSERT_TRUE(b.contains(key)) << path + key << " was lost";
    if (value.is_object()) {
      compare_leaves(value, b.at(key), path + key + ".");
    } else {
      EXPECT_EQ(value, b.at(key)) << path + key << " did not survive the round trip";
    }
  }
}

TEST(RunConfig, EveryFieldSurvivesTheJsonRoundTrip) {
  RunConfig c = preset_config("cpu");
  c.design.distribution = Distribution::kPareto;
  c.design.ratio = 0.1;
  c.design.seed = 11;
  json changed = json::parse(config_to_json(c));
  const json defaults = changed;
  const int leaves = change_every_leaf(changed);
  EXPECT_GE(leaves, 40) << "the config has fewer fields than this test expects";
  const RunConfig back = config_from_json(changed.dump(), "changed.json");
  const json again = json::parse(config_to_json(back));
  compare_leaves(changed, again, "");
  EXPECT_EQ(again["design"], defaults["design"]);
  EXPECT_EQ(back.design.distribution, Distribution::kPareto);
  EXPECT_NE(again, defaults);
}

TEST(RunConfig, RefusesUnknownFieldsNamingThem) {
  EXPECT_LT_ERROR(config_from_json("{\"epoch\": 3}", "c.json"), ErrorKind::kSetting,
                  "unknown field \"epoch\"");
  EXPECT_LT_ERROR(config_from_json("{\"augment\": {\"flips\": false}}", "c.json"),
                  ErrorKind::kSetting, "augment.flips");
  EXPECT_LT_ERROR(config_from_json("{\"sam\": {\"rhoo\": 1}}", "c.json"), ErrorKind::kSetting,
                  "sam.rhoo");
  EXPECT_LT_ERROR(config_from_json("{\"lr\": \"fast\"}", "c.json"), ErrorKind::kSetting, "c.json");
}

}  // namespace
}  // namespace lt
