#include "methods/method_list.h"

namespace lt {

const std::vector<MethodInfo>& known_methods() {
  static const std::vector<MethodInfo> methods = {
      {"simsiam", "SimSiam", true, false, "SimSiam (Chen & He 2021), the paper's method"},
      {"simclr", "SimCLR", true, true, "SimCLR (Chen et al. 2020), NT-Xent with a temperature"},
      {"moco", "MoCo v2", true, true, "MoCo v2 (Chen et al. 2020), momentum encoder and queue"},
      {"byol", "BYOL", true, false,
       "BYOL (Grill et al. 2020), momentum target and predictor, no negatives"},
      {"sdclr", "SDCLR", true, true,
       "SDCLR (Jiang et al. 2021), SimCLR against a magnitude-pruned copy of itself"},
      {"bcl", "BCL", true, true,
       "BCL (Zhou et al. 2022), SimCLR with per-image augmentation strength from a loss memory"},
      {"supervised", "Supervised", false, false, "supervised pre-training, cross-entropy"},
  };
  return methods;
}

const MethodInfo* find_method(const std::string& name) {
  for (const auto& m : known_methods()) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string method_names_text() {
  const auto& methods = known_methods();
  std::string text;
  for (size_t i = 0; i < methods.size(); ++i) {
    if (i > 0) text += i + 1 == methods.size() ? " or " : ", ";
    text += methods[i].name;
  }
  return text;
}

}  // namespace lt
