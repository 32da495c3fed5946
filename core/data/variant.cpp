#include "data/variant.h"

#include "data/design_json.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

#include "util/error.h"
#include "util/file_io.h"
#include "util/hash.h"
#include "util/random.h"

namespace lt {
namespace {

constexpr const char* kFormat = "longtail-variant";
constexpr int kVersion = 1;

std::string content_hash(const Variant& v) {
  ContentHash hash;
  hash.add(v.source_fingerprint);
  hash.add(v.split);
  hash.add_u64(v.indices.size());
  for (int64_t i : v.indices) hash.add_u64(static_cast<uint64_t>(i));
  return hash.hex();
}

// Indices of each class, ascending.
std::vector<std::vector<int64_t>> indices_by_class(const Dataset& source) {
  std::vector<std::vector<int64_t>> by_class(source.num_classes());
  for (int64_t i = 0; i < source.size(); ++i) by_class[source.labels[i]].push_back(i);
  return by_class;
}

// Takes counts[c] images of each class from a permutation seeded by (seed, c).
std::vector<int64_t> draw(const Dataset& source, const std::vector<int64_t>& counts,
                          uint64_t seed) {
  auto by_class = indices_by_class(source);
  std::vector<int64_t> picked;
  for (size_t c = 0; c < by_class.size(); ++c) {
    std::mt19937_64 rng(seed * 0x9e3779b97f4a7c15ULL + c + 1);
    portable_shuffle(by_class[c], rng);
    picked.insert(picked.end(), by_class[c].begin(), by_class[c].begin() + counts[c]);
  }
  std::sort(picked.begin(), picked.end());
  return picked;
}

}  // namespace

Variant build_variant(const Dataset& source, const std::string& source_spec,
                      const std::string& split, const DesignSpec& spec) {
  Variant v;
  v.source = source_spec;
  v.split = split;
  v.source_fingerprint = fingerprint(source);
  v.source_size = source.size();
  v.design = spec;
  v.class_names = source.class_names;
  v.counts = design_counts(spec, source.class_counts(), source.class_names);
  v.indices = draw(source, v.counts, spec.seed);
  v.hash = content_hash(v);
  return v;
}

Variant build_balanced_twin(const Dataset& source, const Variant& variant) {
  if (fingerprint(source) != variant.source_fingerprint) {
    throw_data("the variant was built from another source than " + source.origin);
  }
  Variant twin = variant;
  twin.balanced_twin = true;
  const int64_t total = int64_t(variant.indices.size());
  twin.counts = balanced_counts(total, class_ranking(variant.design, source.num_classes()));
  const auto available = source.class_counts();
  for (size_t c = 0; c < twin.counts.size(); ++c) {
    if (twin.counts[c] > available[c]) {
      throw_data("the balanced twin needs " + std::to_string(twin.counts[c]) + " images of " +
                 "class " + source.class_names[c] + ", which has " + std::to_string(available[c]) +
                 "; lower --sample");
    }
  }
  twin.indices = draw(source, twin.counts, variant.design.seed);
  twin.hash = content_hash(twin);
  return twin;
}

Dataset materialize(const Dataset& source, const Variant& variant) {
  if (source.size() != variant.source_size || fingerprint(source) != variant.source_fingerprint) {
    throw_data("variant " + variant.hash + " was built from " + variant.source + " (" +
               variant.split + ", " + std::to_string(variant.source_size) + " images), and " +
               source.origin + " is not that data set; design the variant again on this source");
  }
  Dataset d = subset(source, variant.indices);
  d.origin = variant.source + " " + variant.split + " variant " + variant.hash;
  return d;
}

std::string variant_to_json(const Variant& v) {
  nlohmann::ordered_json j;  // "format" first, so that is_variant_file() finds it at the top
  j["format"] = kFormat;
  j["version"] = kVersion;
  j["source"] = v.source;
  j["split"] = v.split;
  j["source_fingerprint"] = v.source_fingerprint;
  j["source_size"] = v.source_size;
  j["kind"] = v.balanced_twin ? "balanced-twin" : "designed";
  j["design"] = design_to_json(v.design);
  j["classes"] = v.class_names;
  j["counts"] = v.counts;
  const ImbalanceSummary s = v.summary();
  j["total"] = s.total;
  j["ratio_achieved"] = s.ratio_achieved;
  j["gini"] = s.gini;
  j["effective_classes"] = s.effective_classes;
  j["hash"] = v.hash;
  j["indices"] = v.indices;
  return j.dump(1);
}

Variant variant_from_json(const std::string& text, const std::string& origin) {
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    if (j.value("format", "") != kFormat) {
      throw_format(origin + " is not a variant file (no \"format\": \"" + kFormat + "\")");
    }
    if (j.at("version").get<int>() != kVersion) {
      throw_format(origin + ": variant version " + std::to_string(j.at("version").get<int>()) +
                   " is not one this build reads (" + std::to_string(kVersion) + ")");
    }
    Variant v;
    v.source = j.at("source").get<std::string>();
    v.split = j.at("split").get<std::string>();
    v.source_fingerprint = j.at("source_fingerprint").get<std::string>();
    v.source_size = j.at("source_size").get<int64_t>();
    v.balanced_twin = j.at("kind").get<std::string>() == "balanced-twin";
    v.design = design_from_json(j.at("design"));
    v.class_names = j.at("classes").get<std::vector<std::string>>();
    v.counts = j.at("counts").get<std::vector<int64_t>>();
    v.indices = j.at("indices").get<std::vector<int64_t>>();
    v.hash = j.at("hash").get<std::string>();
    if (content_hash(v) != v.hash) {
      throw_format(origin + ": the index list does not match its hash " + v.hash +
                   "; the file was edited or damaged, design the variant again");
    }
    if (int64_t(v.indices.size()) !=
        std::accumulate(v.counts.begin(), v.counts.end(), int64_t{0})) {
      throw_format(origin + ": the per-class counts do not add up to the index list");
    }
    return v;
  } catch (const nlohmann::json::exception& e) {
    throw_format(origin + ": not a valid variant file (" + e.what() + ")");
  }
}

void save_variant(const Variant& variant, const std::string& path) {
  write_file_atomically(path, variant_to_json(variant) + "\n");
}

Variant load_variant(const std::string& path) {
  const auto bytes = read_file(path);
  return variant_from_json(std::string(bytes.begin(), bytes.end()), path);
}

bool is_variant_file(const std::string& path) {
  std::ifstream in(path);
  std::string head(256, '\0');
  in.read(head.data(), head.size());
  head.resize(in.gcount());
  return head.find(kFormat) != std::string::npos;
}

}  // namespace lt
