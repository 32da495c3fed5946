#include "experiments/cam_masses.h"

#include <torch/torch.h>

#include <cmath>

namespace lt {

CamMasses cam_masses(const torch::Tensor& right_shares, const torch::Tensor& labels,
                     int64_t frequent_classes, const std::string& target) {
  const torch::Tensor share = right_shares.to(torch::kDouble).cpu();
  const torch::Tensor frequent = (labels < frequent_classes).cpu();
  CamMasses m;
  m.target = target;
  m.frequent_images = frequent.sum().item<int64_t>();
  m.rare_images = labels.size(0) - m.frequent_images;
  m.frequent_right = m.frequent_images > 0 ? share.index({frequent}).mean().item<double>() : NAN;
  m.rare_right = m.rare_images > 0 ? share.index({~frequent}).mean().item<double>() : NAN;
  return m;
}

nlohmann::ordered_json cam_masses_json(const CamMasses& m) {
  using json = nlohmann::ordered_json;
  const auto share = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
  return json{
      {"target", m.target},
      {"frequent", {{"images", m.frequent_images}, {"right_half_share", share(m.frequent_right)}}},
      {"rare", {{"images", m.rare_images}, {"right_half_share", share(m.rare_right)}}}};
}

}  // namespace lt
