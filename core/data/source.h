// Data sources named by a short spec, the same on the CLI, in the GUI and in saved configs:
//   fashion-mnist | fashion-mnist:DIR | mnist:DIR      IDX files, gzip or raw
//   cifar10:DIR                                        binary batches or DIR/<split>/<class>/
//   stl10:DIR                                          the STL-10 binary release
//   folder:DIR                                         DIR[/<split>]/<class>/<image>
//   list:FILE@ROOT                                     "relative/path label" lines
//   digits | digits:FILE                               OpenCV's digits.png
//   PATH.ltds                                          a cache file (longtail data import)
//   PATH.json                                          a saved variant (longtail data design)
#pragma once

#include <string>

#include "data/dataset.h"
#include "data/image_files.h"
#include "util/progress.h"

namespace lt {

inline const char* kDefaultFashionMnistDir = "/usr/share/datasets/fashion-mnist";

struct SourceRequest {
  std::string spec = "fashion-mnist";
  std::string split = "train";  // "train" or "test"
  bool split_given = false;     // the user named the split (a cache of another split refuses)
  ResizeTo resize;              // image files only
};

// Loads the source; throws a typed lt::Error that names the spec or file and what to do.
Dataset load_source(const SourceRequest& request, const ProgressFn& progress = nullptr);

// One line per accepted form, for help texts and error messages.
std::string source_forms();
// The same on one line, for error messages.
std::string source_forms_short();

}  // namespace lt
