#include "train/rwsam_weights_source.h"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "eval/kde_record_json.h"
#include "train/run_weights.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lt {

RwsamWeights load_rwsam_weights(const std::string& from, const KdeOptions& options,
                                const std::string& variant_hash, int64_t n,
                                const std::string& device, int64_t threads) {
  const std::string what = "--rwsam-weights-from " + from;
  RwsamWeights out;
  out.from = from;
  std::string their_hash;
  if (std::filesystem::is_directory(from)) {
    RunWeights run = compute_run_weights(from, options, device, threads);
    out.weights = std::move(run.weights);
    out.record = run.record;
    their_hash = run.variant_hash;
  } else {
    try {
      const auto bytes = read_file(from);
      const auto j = nlohmann::json::parse(std::string(bytes.begin(), bytes.end()));
      out.weights = j.at("weights").get<std::vector<double>>();
      out.record = kde_record_from_json(j);
      their_hash = j.value("variant_hash", std::string());
    } catch (const nlohmann::json::exception& e) {
      throw_setting(what + ": not a weights file of longtail weights --out (" + e.what() + ")");
    }
  }
  if (!their_hash.empty() && their_hash != variant_hash) {
    throw_setting(what + ": its weights belong to variant " + their_hash.substr(0, 12) +
                  ", this run trains on " + variant_hash.substr(0, 12) +
                  "; a weight is per image, so both runs need the same variant (design and seed)");
  }
  if (int64_t(out.weights.size()) != n) {
    throw_setting(what + " holds " + std::to_string(out.weights.size()) +
                  " weights, this run trains on " + std::to_string(n) +
                  " images; both runs need the same variant");
  }
  for (double w : out.weights) {
    if (!(w >= 0) || !std::isfinite(w))
      throw_setting(what + ": a weight is negative or not finite");
  }
  return out;
}

}  // namespace lt
