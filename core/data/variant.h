// A long-tailed variant of a source: fixed once built. It records the source, the design, the
// seed and the exact index list, with a content hash, and is saved as a JSON file so that every
// method and seed trains on the same images.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/imbalance_summary.h"
#include "data/longtail_design.h"

namespace lt {

struct Variant {
  std::string source;              // the source spec, e.g. "fashion-mnist" or "cifar10:/d"
  std::string split;               // the split the indices point into
  std::string source_fingerprint;  // fingerprint() of the source when the variant was built
  int64_t source_size = 0;
  DesignSpec design;
  bool balanced_twin = false;  // true for the balanced twin of an imbalanced variant
  std::vector<std::string> class_names;
  std::vector<int64_t> counts;   // per class, in class order
  std::vector<int64_t> indices;  // into the source split, ascending
  std::string hash;              // content hash of source fingerprint, split and indices

  ImbalanceSummary summary() const { return summarize_counts(counts); }
};

// Draws the images of `spec` from `source` (see longtail_design.h for the counts). Within a
// class the images come from one seeded permutation, shared with the twin, so the smaller of
// two selections of a class is a subset of the larger.
Variant build_variant(const Dataset& source, const std::string& source_spec,
                      const std::string& split, const DesignSpec& spec);

// The balanced twin of `variant`: the same total n spread evenly over the classes.
Variant build_balanced_twin(const Dataset& source, const Variant& variant);

// The variant's images; throws kData when `source` is not the one the variant was built from.
Dataset materialize(const Dataset& source, const Variant& variant);

std::string variant_to_json(const Variant& variant);  // pretty-printed
Variant variant_from_json(const std::string& text, const std::string& origin);
void save_variant(const Variant& variant, const std::string& path);  // atomically
Variant load_variant(const std::string& path);
// True when the file looks like a saved variant (JSON with "format": "longtail-variant").
bool is_variant_file(const std::string& path);

}  // namespace lt
