// The protocol a run trains with: the standard one for supervised runs unless asked otherwise,
// recorded in the config, and configs from before the protocols read as SimSiam's views.
#include <nlohmann/json.hpp>

#include "test_support.h"
#include "train/run_config.h"
#include "train/supervised_protocol.h"
#include "util/error.h"

namespace lt {
namespace {

TEST(SupervisedProtocol, AutoIsStandardForSupervisedAndSslOtherwise) {
  RunConfig c;
  c.batch_size = 512;
  c.method.name = "supervised";
  const RunConfig sl = resolve_protocol(c);
  EXPECT_EQ(sl.augment.protocol, "standard");
  EXPECT_DOUBLE_EQ(sl.lr, 0.4);  // 0.1 at batch 128, linear in the batch
  EXPECT_DOUBLE_EQ(sl.momentum, 0.9);
  EXPECT_DOUBLE_EQ(sl.weight_decay, 5e-4);
  EXPECT_EQ(sl.warmup_epochs, 0);
  c.method.name = "simsiam";
  const RunConfig ssl = resolve_protocol(c);
  EXPECT_EQ(ssl.augment.protocol, "ssl");
  EXPECT_DOUBLE_EQ(ssl.lr, 0.05);  // SimSiam's, not scaled
  // An lr chosen for the run stays; the protocol's augmentation still applies.
  c.method.name = "supervised";
  c.lr = 0.3;
  EXPECT_DOUBLE_EQ(resolve_protocol(c).lr, 0.3);
  EXPECT_EQ(resolve_protocol(c).augment.protocol, "standard");
}

TEST(SupervisedProtocol, TheOldBehaviourStaysAvailable) {
  RunConfig c;
  c.method.name = "supervised";
  const RunConfig old = with_protocol(c, "ssl");
  EXPECT_EQ(old.augment.protocol, "ssl");
  EXPECT_DOUBLE_EQ(old.lr, RunConfig{}.lr);
  // A protocol chosen explicitly is kept when the run starts.
  EXPECT_EQ(resolve_protocol(old).augment.protocol, "ssl");
  EXPECT_LT_ERROR(with_protocol(c, "he"), ErrorKind::kSetting, "standard");
  c.augment.protocol = "he";
  EXPECT_LT_ERROR(validate_config(c), ErrorKind::kSetting, "augment.protocol");
}

TEST(SupervisedProtocol, TheConfigRecordsItAndOldConfigsReadAsSsl) {
  RunConfig c;
  c.method.name = "supervised";
  const std::string text = config_to_json(resolve_protocol(c));
  EXPECT_EQ(nlohmann::json::parse(text)["augment"]["protocol"], "standard");
  EXPECT_EQ(config_from_json(text, "test").augment.protocol, "standard");
  EXPECT_EQ(recorded_protocol(text), "standard");
  // A config written before the protocols: no "protocol" in its augmentation.
  auto old = nlohmann::json::parse(text);
  old["augment"].erase("protocol");
  EXPECT_EQ(recorded_protocol(old.dump()), "ssl");
  EXPECT_EQ(recorded_protocol("not json"), "");
}

}  // namespace
}  // namespace lt
