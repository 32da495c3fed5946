#include "train/supervised_protocol.h"

#include "util/error.h"

namespace lt {

double standard_supervised_lr(int64_t batch_size) {
  return 0.1 * double(batch_size) / 128.0;
}

RunConfig with_protocol(RunConfig c, const std::string& protocol) {
  if (protocol == "auto")
    return with_protocol(c, c.method.name == "supervised" ? "standard" : "ssl");
  if (protocol == "ssl") {
    c.augment.protocol = "ssl";
    return c;
  }
  if (protocol != "standard") {
    throw_setting("protocol \"" + protocol +
                  "\" is unknown; use standard (He et al.: pad-4 crop and flip, lr 0.1 per 128), "
                  "ssl (SimSiam's views and schedule) or auto (by the method)");
  }
  c.augment.protocol = "standard";
  c.lr = standard_supervised_lr(c.batch_size);
  c.momentum = 0.9;
  c.weight_decay = 5e-4;
  c.warmup_epochs = 0;
  return c;
}

RunConfig resolve_protocol(const RunConfig& c) {
  if (c.augment.protocol != "auto") return c;
  RunConfig resolved = with_protocol(c, "auto");
  // An lr someone chose (not SimSiam's default) is theirs: only the default follows the batch.
  if (c.lr != RunConfig{}.lr) resolved.lr = c.lr;
  return resolved;
}

std::string recorded_protocol(const std::string& config_json) {
  try {
    return resolve_protocol(config_from_json(config_json, "a recorded config")).augment.protocol;
  } catch (const Error&) {
    return "";
  }
}

}  // namespace lt
