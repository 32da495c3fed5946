// The long-tail designer: per-class counts from a distribution family, a sampling ratio and a
// class order, then a fixed index list drawn by seed (a Variant, see variant.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lt {

enum class Distribution {
  kExponential,  // class at rank k of C keeps floor(n_max * r^(k/(C-1)))
  kPareto,       // ImageNet-LT-like: Pareto quantiles mapped onto [n_max * r, n_max]
  kStep,         // `frequent` classes keep n_max, the others floor(n_max * r)
  kBalanced,     // every class keeps n_max
  kExplicit,     // `explicit_counts`, by rank
};

enum class ClassOrder {
  kNatural,   // class 0 is the most frequent, then 1, ...
  kShuffled,  // a permutation drawn from `seed`
  kGiven,     // `given_order`, most frequent first
};

struct DesignSpec {
  Distribution distribution = Distribution::kExponential;
  double ratio = 0.01;                   // r = rarest / most frequent, in (0, 1]
  double sample = 1.0;                   // s in (0, 1]: every class keeps floor(count * s)
  int64_t frequent = -1;                 // step: how many classes keep n_max; -1 = half of them
  int64_t max_per_class = 0;             // n_max; 0 = the smallest class of the source
  double pareto_shape = 6.0;             // Pareto tail index alpha (ImageNet-LT: 6)
  std::vector<int64_t> explicit_counts;  // by rank, most frequent first
  ClassOrder order = ClassOrder::kNatural;
  std::vector<int64_t> given_order;  // class indices, most frequent first
  uint64_t seed = 0;                 // draws the order (if shuffled) and the images
};

// Checks the fields that do not depend on the source (r, s, n_max, the Pareto shape).
void validate_design_settings(const DesignSpec& spec);
// Checks every field against the source's class count and throws a kSetting lt::Error naming
// the field otherwise.
void validate_design(const DesignSpec& spec, int64_t num_classes);

// Counts by rank (most frequent first), before any check against what the source holds.
std::vector<int64_t> counts_by_rank(const DesignSpec& spec, int64_t num_classes, int64_t n_max);

// Class indices from most to least frequent.
std::vector<int64_t> class_ranking(const DesignSpec& spec, int64_t num_classes);

// Per-class counts (in class order) for a source whose classes hold `available` images. Throws
// kData naming the class when a class would be empty or asks for more images than it has.
std::vector<int64_t> design_counts(const DesignSpec& spec, const std::vector<int64_t>& available,
                                   const std::vector<std::string>& class_names);

// The balanced twin: `total` spread over the classes, the remainder one each to the first
// classes of `ranking`.
std::vector<int64_t> balanced_counts(int64_t total, const std::vector<int64_t>& ranking);

// Parses "natural", "shuffled" or a comma-separated list of class names or indices.
void parse_class_order(const std::string& text, const std::vector<std::string>& class_names,
                       DesignSpec& spec);

std::string to_string(Distribution d);
Distribution parse_distribution(const std::string& text);

}  // namespace lt
