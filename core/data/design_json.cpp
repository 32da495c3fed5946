#include "data/design_json.h"

namespace lt {

nlohmann::ordered_json design_to_json(const DesignSpec& d) {
  nlohmann::ordered_json j;
  j["distribution"] = to_string(d.distribution);
  j["ratio"] = d.ratio;
  j["sample"] = d.sample;
  j["frequent"] = d.frequent;
  j["max_per_class"] = d.max_per_class;
  j["pareto_shape"] = d.pareto_shape;
  j["explicit_counts"] = d.explicit_counts;
  j["order"] = d.order == ClassOrder::kNatural    ? "natural"
               : d.order == ClassOrder::kShuffled ? "shuffled"
                                                  : "given";
  j["given_order"] = d.given_order;
  j["seed"] = d.seed;
  return j;
}

DesignSpec design_from_json(const nlohmann::json& j) {
  DesignSpec d;
  d.distribution = parse_distribution(j.at("distribution").get<std::string>());
  d.ratio = j.at("ratio").get<double>();
  d.sample = j.at("sample").get<double>();
  d.frequent = j.at("frequent").get<int64_t>();
  d.max_per_class = j.at("max_per_class").get<int64_t>();
  d.pareto_shape = j.at("pareto_shape").get<double>();
  d.explicit_counts = j.at("explicit_counts").get<std::vector<int64_t>>();
  const std::string order = j.at("order").get<std::string>();
  d.order = order == "natural"    ? ClassOrder::kNatural
            : order == "shuffled" ? ClassOrder::kShuffled
                                  : ClassOrder::kGiven;
  d.given_order = j.at("given_order").get<std::vector<int64_t>>();
  d.seed = j.at("seed").get<uint64_t>();
  return d;
}

}  // namespace lt
