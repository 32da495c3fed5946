#include "train/epoch_record.h"

#include <cmath>
#include <fstream>

namespace lt {

nlohmann::ordered_json epoch_to_json(const EpochMetrics& m) {
  using json = nlohmann::ordered_json;
  json j{{"epoch", m.epoch},
         {"loss", std::isfinite(m.loss) ? json(m.loss) : json(nullptr)},
         {"lr", m.lr},
         {"images_per_s", m.images_per_s}};
  if (m.knn_accuracy >= 0) j["knn_accuracy"] = m.knn_accuracy;
  j["seconds"] = m.seconds;
  return j;
}

EpochMetrics epoch_from_json(const nlohmann::json& j) {
  EpochMetrics m;
  m.epoch = j.at("epoch").get<int64_t>();
  m.loss = j.at("loss").is_null() ? NAN : j.at("loss").get<double>();
  m.lr = j.at("lr").get<double>();
  m.images_per_s = j.at("images_per_s").get<double>();
  m.knn_accuracy = j.value("knn_accuracy", -1.0);
  m.seconds = j.value("seconds", 0.0);
  return m;
}

std::vector<EpochMetrics> read_epoch_records(const std::string& path, int64_t last_epoch) {
  std::vector<EpochMetrics> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    try {
      const EpochMetrics m = epoch_from_json(nlohmann::json::parse(line));
      if (m.epoch != int64_t(out.size()) + 1 || m.epoch > last_epoch) break;
      out.push_back(m);
    } catch (const nlohmann::json::exception&) {
      break;
    }
  }
  return out;
}

}  // namespace lt
