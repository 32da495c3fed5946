#include "data/design_fit.h"

#include <algorithm>
#include <sstream>

#include "util/error.h"

namespace lt {
namespace {

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// The fit of one design, without suggestions.
DesignFit fit_of(const DesignSpec& spec, const std::vector<int64_t>& available,
                 const std::vector<std::string>& class_names, int64_t min_total) {
  DesignFit fit;
  try {
    fit.counts = design_counts(spec, available, class_names);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kData) throw;
    fit.problem = e.what();
    // design_counts ends its message with its own advice; ours follows with numbers.
    fit.problem = fit.problem.substr(0, fit.problem.find("; "));
    return fit;
  }
  for (int64_t c : fit.counts) fit.total += c;
  fit.twin_counts = balanced_counts(fit.total, class_ranking(spec, int64_t(available.size())));
  for (size_t c = 0; c < available.size(); ++c) {
    if (fit.twin_counts[c] > available[c]) {
      fit.problem = "the balanced twin needs " + std::to_string(fit.twin_counts[c]) +
                    " images of class " + class_names[c] + ", which has " +
                    std::to_string(available[c]);
      return fit;
    }
  }
  if (fit.total < min_total) {
    fit.problem = "the variant would hold " + std::to_string(fit.total) +
                  " images, fewer than the " + std::to_string(min_total) + " a pre-training needs";
    return fit;
  }
  fit.fits = true;
  return fit;
}

}  // namespace

DesignFit check_design_fit(const DesignSpec& spec, const std::vector<int64_t>& available,
                           const std::vector<std::string>& class_names, int64_t min_total) {
  if (available.empty()) throw_data("the source has no classes");
  DesignFit fit = fit_of(spec, available, class_names, min_total);
  if (fit.fits) return fit;
  // The gentlest change that fits: more of each class first (s), then less imbalance (r).
  std::vector<std::string> options;
  for (double s : {0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1.0}) {
    if (s <= spec.sample) continue;
    DesignSpec tried = spec;
    tried.sample = s;
    if (fit_of(tried, available, class_names, min_total).fits) {
      options.push_back("--sample " + number(s));
      break;
    }
  }
  for (double r : {0.02, 0.05, 0.1, 0.2, 0.3, 0.5}) {
    if (r <= spec.ratio) continue;
    DesignSpec tried = spec;
    tried.ratio = r;
    if (fit_of(tried, available, class_names, min_total).fits) {
      options.push_back("--ratio " + number(r));
      break;
    }
    if (spec.sample < 1) {
      tried.sample = 1;
      if (fit_of(tried, available, class_names, min_total).fits) {
        options.push_back("--ratio " + number(r) + " --sample 1");
        break;
      }
    }
  }
  for (size_t i = 0; i < options.size(); ++i) {
    fit.suggestion += (i == 0 ? "" : " or ") + options[i];
  }
  return fit;
}

}  // namespace lt
