#include "data/longtail_design.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <sstream>

#include "util/error.h"
#include "util/random.h"

namespace lt {
namespace {

// 0.01 rather than std::to_string's 0.010000, in messages.
std::string format_number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

void validate_design_settings(const DesignSpec& spec) {
  if (!(spec.ratio > 0.0 && spec.ratio <= 1.0)) {
    throw_setting("--ratio " + format_number(spec.ratio) + " is outside (0, 1]: r is the " +
                  "rarest class's size over the most frequent's, e.g. 0.01");
  }
  if (!(spec.sample > 0.0 && spec.sample <= 1.0)) {
    throw_setting("--sample " + format_number(spec.sample) + " is outside (0, 1]: it is the " +
                  "share of the variant to keep, e.g. 0.5");
  }
  if (spec.max_per_class < 0) throw_setting("--max must be positive (or 0 for the default)");
  if (spec.distribution == Distribution::kPareto && !(spec.pareto_shape > 0.0)) {
    throw_setting("--pareto-shape must be positive (ImageNet-LT uses 6)");
  }
}

void validate_design(const DesignSpec& spec, int64_t num_classes) {
  if (num_classes < 1) throw_setting("the source has no classes");
  validate_design_settings(spec);
  if (spec.distribution == Distribution::kStep &&
      (spec.frequent < -1 || spec.frequent == 0 || spec.frequent > num_classes)) {
    throw_setting("--frequent " + std::to_string(spec.frequent) + " must be from 1 to the " +
                  "number of classes (" + std::to_string(num_classes) + ")");
  }
  if (spec.distribution == Distribution::kExplicit) {
    if (int64_t(spec.explicit_counts.size()) != num_classes) {
      throw_setting("--counts lists " + std::to_string(spec.explicit_counts.size()) +
                    " numbers for " + std::to_string(num_classes) + " classes");
    }
    for (int64_t c : spec.explicit_counts) {
      if (c < 1) throw_setting("--counts must be positive numbers, got " + std::to_string(c));
    }
  }
  if (spec.order == ClassOrder::kGiven) {
    std::vector<int64_t> sorted = spec.given_order;
    std::sort(sorted.begin(), sorted.end());
    std::vector<int64_t> expected(num_classes);
    std::iota(expected.begin(), expected.end(), 0);
    if (sorted != expected) {
      throw_setting("--order must name every one of the " + std::to_string(num_classes) +
                    " classes exactly once");
    }
  }
}

std::vector<int64_t> counts_by_rank(const DesignSpec& spec, int64_t num_classes, int64_t n_max) {
  const int64_t C = num_classes;
  std::vector<int64_t> counts(C, n_max);
  switch (spec.distribution) {
    case Distribution::kExponential:
      for (int64_t k = 0; k < C; ++k) {
        const double exponent = C > 1 ? double(k) / double(C - 1) : 0.0;
        counts[k] = int64_t(std::floor(double(n_max) * std::pow(spec.ratio, exponent)));
      }
      break;
    case Distribution::kStep: {
      const int64_t frequent = spec.frequent > 0 ? spec.frequent : C / 2;
      for (int64_t k = frequent; k < C; ++k) {
        counts[k] = int64_t(std::floor(double(n_max) * spec.ratio));
      }
      break;
    }
    case Distribution::kPareto: {
      // Quantiles Q(p) = (1 - p)^(-1/alpha) of a Pareto law at p = k/C, mapped linearly so that
      // the largest lands on n_max and the smallest on n_max * r. Most classes sit near the
      // minimum and a few reach the maximum: ImageNet-LT's shape (alpha 6, 1280 down to 5
      // gives 121,449 images over 1,000 classes; the published list holds 115,846).
      const double n_min = std::max(1.0, std::floor(double(n_max) * spec.ratio));
      const double q_max = std::pow(1.0 / double(C), -1.0 / spec.pareto_shape);
      for (int64_t k = 0; k < C; ++k) {
        const double p = double(C - 1 - k) / double(C);  // rank 0 gets the largest quantile
        const double q = std::pow(1.0 - p, -1.0 / spec.pareto_shape);
        const double t = q_max > 1.0 ? (q - 1.0) / (q_max - 1.0) : 1.0;
        counts[k] = int64_t(std::floor(n_min + t * (double(n_max) - n_min) + 1e-9));
      }
      break;
    }
    case Distribution::kBalanced:
      break;
    case Distribution::kExplicit:
      counts = spec.explicit_counts;
      break;
  }
  if (spec.sample < 1.0) {
    for (auto& c : counts) c = int64_t(std::floor(double(c) * spec.sample));
  }
  return counts;
}

std::vector<int64_t> class_ranking(const DesignSpec& spec, int64_t num_classes) {
  std::vector<int64_t> ranking(num_classes);
  std::iota(ranking.begin(), ranking.end(), 0);
  if (spec.order == ClassOrder::kShuffled) {
    std::mt19937_64 rng(spec.seed ^ 0x6f72646572ULL);  // a stream of its own: "order"
    portable_shuffle(ranking, rng);
  } else if (spec.order == ClassOrder::kGiven) {
    ranking = spec.given_order;
  }
  return ranking;
}

std::vector<int64_t> design_counts(const DesignSpec& spec, const std::vector<int64_t>& available,
                                   const std::vector<std::string>& class_names) {
  const int64_t C = int64_t(available.size());
  validate_design(spec, C);
  const int64_t smallest = *std::min_element(available.begin(), available.end());
  const int64_t n_max = spec.max_per_class > 0 ? spec.max_per_class : smallest;
  const std::vector<int64_t> by_rank = counts_by_rank(spec, C, n_max);
  const std::vector<int64_t> ranking = class_ranking(spec, C);
  std::vector<int64_t> counts(C);
  for (int64_t k = 0; k < C; ++k) counts[ranking[k]] = by_rank[k];
  for (int64_t c = 0; c < C; ++c) {
    if (counts[c] < 1) {
      throw_data("class " + class_names[c] + " would keep no image (r = " +
                 format_number(spec.ratio) + ", s = " + format_number(spec.sample) +
                 ", n_max = " + std::to_string(n_max) + "); raise --ratio or --sample");
    }
    if (counts[c] > available[c]) {
      throw_data("class " + class_names[c] + " has " + std::to_string(available[c]) +
                 " images, the design asks for " + std::to_string(counts[c]) +
                 "; lower --max (now " + std::to_string(n_max) + ") or --sample");
    }
  }
  return counts;
}

std::vector<int64_t> balanced_counts(int64_t total, const std::vector<int64_t>& ranking) {
  const int64_t C = int64_t(ranking.size());
  std::vector<int64_t> counts(C, total / C);
  for (int64_t k = 0; k < total % C; ++k) ++counts[ranking[k]];
  return counts;
}

void parse_class_order(const std::string& text, const std::vector<std::string>& class_names,
                       DesignSpec& spec) {
  if (text == "natural") {
    spec.order = ClassOrder::kNatural;
    return;
  }
  if (text == "shuffled") {
    spec.order = ClassOrder::kShuffled;
    return;
  }
  spec.order = ClassOrder::kGiven;
  spec.given_order.clear();
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    const auto named = std::find(class_names.begin(), class_names.end(), item);
    if (named != class_names.end()) {
      spec.given_order.push_back(named - class_names.begin());
    } else if (!item.empty() && item.find_first_not_of("0123456789") == std::string::npos &&
               item.size() < 9 && std::stoll(item) < int64_t(class_names.size())) {
      spec.given_order.push_back(std::stoll(item));
    } else {
      throw_setting("--order: \"" + item + "\" is neither a class name nor a class index; use " +
                    "natural, shuffled or a comma-separated list of every class");
    }
  }
  validate_design(spec, int64_t(class_names.size()));
}

std::string to_string(Distribution d) {
  switch (d) {
    case Distribution::kExponential:
      return "exp";
    case Distribution::kPareto:
      return "pareto";
    case Distribution::kStep:
      return "step";
    case Distribution::kBalanced:
      return "balanced";
    case Distribution::kExplicit:
      return "explicit";
  }
  return "?";
}

Distribution parse_distribution(const std::string& text) {
  for (auto d : {Distribution::kExponential, Distribution::kPareto, Distribution::kStep,
                 Distribution::kBalanced, Distribution::kExplicit}) {
    if (text == to_string(d)) return d;
  }
  if (text == "exponential") return Distribution::kExponential;
  throw_setting("--dist \"" + text + "\" is unknown; use exp, pareto, step, balanced or explicit");
}

}  // namespace lt
