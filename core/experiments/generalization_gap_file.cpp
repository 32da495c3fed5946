#include "experiments/generalization_gap_file.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "util/file_io.h"

namespace lt {
namespace {

using json = nlohmann::ordered_json;

// JSON has no NaN: a gap that could not be computed is written as null and read back as NaN.
json number(double value) {
  return std::isfinite(value) ? json(value) : json();
}

double number_or_nan(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}

}  // namespace

std::string generalization_gap_json(const GeneralizationGap& gap, int64_t heldout_per_class) {
  const json j{{"frequent", number(gap.frequent)},
               {"rare", number(gap.rare)},
               {"train_frequent", number(gap.train_frequent)},
               {"heldout_frequent", number(gap.heldout_frequent)},
               {"train_rare", number(gap.train_rare)},
               {"heldout_rare", number(gap.heldout_rare)},
               {"frequent_classes", gap.frequent_classes},
               {"rare_classes", gap.rare_classes},
               {"passes", gap.passes},
               {"heldout_per_class", heldout_per_class}};
  return j.dump(2);
}

std::string save_generalization_gap(const std::string& run_dir, const GeneralizationGap& gap,
                                    int64_t heldout_per_class) {
  const std::string path = (std::filesystem::path(run_dir) / kGeneralizationGapFile).string();
  write_file_atomically(path, generalization_gap_json(gap, heldout_per_class) + "\n");
  return path;
}

std::optional<GeneralizationGap> load_generalization_gap(const std::string& run_dir) {
  std::ifstream in(std::filesystem::path(run_dir) / kGeneralizationGapFile);
  if (!in) return std::nullopt;
  try {
    const json j = json::parse(in);
    GeneralizationGap gap;
    gap.frequent = number_or_nan(j, "frequent");
    gap.rare = number_or_nan(j, "rare");
    gap.train_frequent = number_or_nan(j, "train_frequent");
    gap.heldout_frequent = number_or_nan(j, "heldout_frequent");
    gap.train_rare = number_or_nan(j, "train_rare");
    gap.heldout_rare = number_or_nan(j, "heldout_rare");
    gap.frequent_classes = j.value("frequent_classes", std::vector<int64_t>{});
    gap.rare_classes = j.value("rare_classes", std::vector<int64_t>{});
    gap.passes = j.value("passes", int64_t{0});
    return gap;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace lt
