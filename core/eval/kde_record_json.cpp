#include "eval/kde_record_json.h"

#include <cmath>

namespace lt {
namespace {

nlohmann::ordered_json number(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}

double number_from(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j.at(key).is_number() ? j.at(key).get<double>() : NAN;
}

}  // namespace

nlohmann::ordered_json kde_record_to_json(const KdeRecord& r) {
  nlohmann::ordered_json j{
      {"bandwidth", r.bandwidth},
      {"bandwidth_rule", r.bandwidth_rule},
      {"alpha", r.alpha},
      {"weights_spread",
       {{"min", number(r.spread.min)},
        {"max", number(r.spread.max)},
        {"std", number(r.spread.std)},
        {"p90_over_p10", number(r.spread.p90_over_p10)}}},
      {"spearman_with_inverse_class_size", number(r.spearman_with_inverse_class_size)},
      // rwSAM with flat weights is SAM: said where the weights are recorded, not only printed.
      {"flat", weights_are_flat(r.spread)}};
  if (!r.grid.empty()) {
    j["bandwidth_grid"] = r.grid;
    j["heldout_log_density"] = r.heldout_log_density;
    j["bandwidth_at_grid_edge"] = r.at_grid_edge;
  }
  return j;
}

KdeRecord kde_record_from_json(const nlohmann::json& j) {
  KdeRecord r;
  r.bandwidth = number_from(j, "bandwidth");
  r.bandwidth_rule = j.value("bandwidth_rule", std::string("median"));
  r.alpha = number_from(j, "alpha");
  if (j.contains("weights_spread")) {
    const auto& s = j.at("weights_spread");
    r.spread.min = number_from(s, "min");
    r.spread.max = number_from(s, "max");
    r.spread.std = number_from(s, "std");
    r.spread.p90_over_p10 = number_from(s, "p90_over_p10");
  }
  r.spearman_with_inverse_class_size = number_from(j, "spearman_with_inverse_class_size");
  if (j.contains("bandwidth_grid")) {
    r.grid = j.at("bandwidth_grid").get<std::vector<double>>();
    r.heldout_log_density = j.at("heldout_log_density").get<std::vector<double>>();
    r.at_grid_edge = j.value("bandwidth_at_grid_edge", false);
  }
  return r;
}

}  // namespace lt
