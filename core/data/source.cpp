#include "data/source.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "data/cifar_binary.h"
#include "data/dataset_cache.h"
#include "data/idx_format.h"
#include "data/opencv_digits.h"
#include "data/stl10_binary.h"
#include "data/variant.h"
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

// A flat folder:DIR (class folders directly under DIR, no train/ and test/) is split per class
// into train and test: this share of each class is the test split, drawn by this seed, the same
// on every machine. folder:DIR?test=F&seed=S chooses others; a run records its spec, so its
// probes read the same split as its pre-training.
constexpr double kFlatFolderTestFraction = 0.2;
constexpr uint64_t kFlatFolderSplitSeed = 0;

const std::vector<std::string> kFashionClasses = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                  "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                  "Bag",         "Ankle boot"};

std::vector<std::string> digit_names() {
  std::vector<std::string> names;
  for (int d = 0; d < 10; ++d) names.push_back(std::to_string(d));
  return names;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

std::string require_dir(const std::string& spec, const std::string& dir) {
  if (dir.empty()) throw_setting("source " + spec + " names no folder; write it as KIND:DIR");
  if (!fs::is_directory(dir)) {
    throw_io("source " + spec + ": " + dir + " is not a folder; check the path");
  }
  return dir;
}

// A flat folder's files split into train and test: each class's files (in name order)
// shuffled by `seed` (a Fisher-Yates shuffle over std::mt19937_64, the same on every machine),
// the first round(test_fraction * count) of them, at least one and never all, held out as test;
// both parts keep the name order. Throws kData naming a class with fewer than two files.
struct SplitFiles {
  std::vector<ImageFile> train, test;
};
SplitFiles split_class_files(const std::vector<ImageFile>& files,
                             const std::vector<std::string>& class_names, double test_fraction,
                             uint64_t seed) {
  std::vector<std::vector<size_t>> per_class(class_names.size());
  for (size_t i = 0; i < files.size(); ++i) {
    const auto label = static_cast<size_t>(files[i].label);
    if (label >= per_class.size()) per_class.resize(label + 1);
    per_class[label].push_back(i);
  }
  std::mt19937_64 rng(seed);
  std::vector<bool> held_out(files.size(), false);
  for (size_t c = 0; c < per_class.size(); ++c) {
    auto& indices = per_class[c];
    const std::string name = c < class_names.size() ? class_names[c] : std::to_string(c);
    if (indices.size() < 2) {
      throw_data("class " + name + " holds " + std::to_string(indices.size()) +
                 " image; a flat folder is split into train and test, so each class needs at " +
                 "least two (or lay the folder out as DIR/train/<class> and DIR/test/<class>)");
    }
    for (size_t i = indices.size() - 1; i > 0; --i) std::swap(indices[i], indices[rng() % (i + 1)]);
    const auto count = static_cast<int64_t>(indices.size());
    const int64_t test =
        std::clamp<int64_t>(std::llround(test_fraction * double(count)), 1, count - 1);
    for (int64_t i = 0; i < test; ++i) held_out[indices[size_t(i)]] = true;
  }
  SplitFiles out;
  for (size_t i = 0; i < files.size(); ++i)
    (held_out[i] ? out.test : out.train).push_back(files[i]);
  return out;
}

// A folder spec, `folder:DIR` or `folder:DIR?test=F[&seed=S]`: the folder, and how a flat
// folder (class folders directly under DIR) is split into train and test.
struct FolderSpec {
  std::string dir;
  double test_fraction = kFlatFolderTestFraction;
  uint64_t seed = kFlatFolderSplitSeed;
  bool split_given = false;  // ?test= or ?seed= was written
};

FolderSpec parse_folder_spec(const std::string& spec, const std::string& body) {
  FolderSpec f;
  const size_t question = body.rfind('?');
  if (question == std::string::npos) {
    f.dir = body;
    return f;
  }
  f.dir = body.substr(0, question);
  f.split_given = true;
  std::string options = body.substr(question + 1);
  const auto refuse = [&](const std::string& why) {
    throw_setting("source " + spec + ": " + why + "; write folder:DIR?test=F (F in (0, 1), " +
                  "the share of each class held out for testing) or folder:DIR?test=F&seed=S");
  };
  size_t start = 0;
  while (start <= options.size()) {
    const size_t amp = std::min(options.find('&', start), options.size());
    const std::string item = options.substr(start, amp - start);
    start = amp + 1;
    const size_t eq = item.find('=');
    if (eq == std::string::npos) refuse("\"" + item + "\" is not KEY=VALUE");
    const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    try {
      size_t used = 0;
      if (key == "test") {
        f.test_fraction = std::stod(value, &used);
        if (!(f.test_fraction > 0 && f.test_fraction < 1))
          refuse("test=" + value + " is not in (0, 1)");
      } else if (key == "seed") {
        if (value.empty() || value[0] == '-') refuse("seed=" + value + " is not a number");
        f.seed = std::stoull(value, &used);
      } else {
        refuse("\"" + key + "\" is unknown");
      }
      if (used != value.size()) refuse(key + "=" + value + " is not a number");
    } catch (const std::logic_error&) {
      refuse(key + "=" + value + " is not a number");
    }
  }
  return f;
}

bool has_split_folders(const std::string& dir) {
  return fs::is_directory(fs::path(dir) / "train") || fs::is_directory(fs::path(dir) / "test");
}

// A folder that holds train/ and test/ folders: the split's own.
std::string split_folder(const std::string& spec, const std::string& dir,
                         const SourceRequest& request) {
  const fs::path with_split = fs::path(dir) / request.split;
  if (fs::is_directory(with_split)) return with_split.string();
  throw_io("source " + spec + " has no " + request.split + "/ folder; lay it out as " + dir + "/" +
           request.split + "/<class>/<image>");
}

Dataset load_folder(const std::string& dir, const SourceRequest& request, const std::string& origin,
                    const ProgressFn& progress) {
  std::vector<std::string> classes;
  const auto files = list_class_folders(dir, classes);
  return decode_image_files(files, classes, request.resize, origin, progress);
}

// A flat folder: each class's images (in name order) shuffled by the seed, the first
// round(F * count) of them (at least one, never all) held out as the test split.
Dataset load_flat_folder(const std::string& spec, const FolderSpec& f, const SourceRequest& request,
                         const ProgressFn& progress) {
  std::vector<std::string> classes;
  const auto files = list_class_folders(f.dir, classes);
  const auto parts = split_class_files(files, classes, f.test_fraction, f.seed);
  return decode_image_files(request.split == "test" ? parts.test : parts.train, classes,
                            request.resize, spec + " " + request.split, progress);
}

Dataset load_file_source(const SourceRequest& request, const ProgressFn& progress) {
  const std::string& path = request.spec;
  if (is_cache_file(path)) {
    CacheInfo info;
    Dataset d = read_cache(path, &info);
    if (request.split_given && info.split != request.split) {
      throw_setting(path + " holds the " + info.split + " split of " + info.origin + ", not " +
                    request.split + "; import that split into a cache file of its own");
    }
    return d;
  }
  if (is_variant_file(path)) {
    const Variant variant = load_variant(path);
    if (request.split_given && variant.split != request.split) {
      throw_setting(path + " is a variant of the " + variant.split + " split, not " +
                    request.split);
    }
    SourceRequest inner = request;
    inner.spec = variant.source;
    inner.split = variant.split;
    inner.split_given = true;
    return materialize(load_source(inner, progress), variant);
  }
  throw_format(path + " is neither a LongTail Lab cache file (.ltds) nor a saved variant " +
               "(.json); sources are " + source_forms_short());
}

}  // namespace

std::string source_forms() {
  return "  fashion-mnist | fashion-mnist:DIR | mnist:DIR   IDX files (gzip or raw)\n"
         "  cifar10:DIR      binary batches, or DIR/train|test/<class>/*.jpg\n"
         "  stl10:DIR        STL-10 binary release\n"
         "  folder:DIR       DIR/train|test/<class>/<image>, or DIR/<class>/<image> split\n"
         "                   (folder:DIR?test=F, default 0.2, seeded) into train and test\n"
         "  list:FILE@ROOT   lines 'relative/path label'\n"
         "  digits | digits:FILE   OpenCV's digits.png\n"
         "  FILE.ltds        a cache file (longtail data import)\n"
         "  FILE.json        a saved variant (longtail data design --out)";
}

std::string source_forms_short() {
  return "fashion-mnist, fashion-mnist:DIR, mnist:DIR, cifar10:DIR, stl10:DIR, folder:DIR, "
         "list:FILE@ROOT, digits, digits:FILE, FILE.ltds or FILE.json (see longtail data --help)";
}

Dataset load_source(const SourceRequest& request, const ProgressFn& progress) {
  if (request.split != "train" && request.split != "test") {
    throw_setting("--split \"" + request.split + "\" is unknown; use train or test");
  }
  if (request.resize.height < 0 || request.resize.width < 0) {
    throw_setting("--resize must be positive, as HxW or N");
  }
  const std::string& spec = request.spec;
  const std::string& split = request.split;
  const auto rest = [&](const std::string& prefix) { return spec.substr(prefix.size()); };
  if (spec == "fashion-mnist") {
    Dataset d = load_idx_split(kDefaultFashionMnistDir, split, kFashionClasses);
    d.origin = "fashion-mnist " + split;
    return d;
  }
  if (starts_with(spec, "fashion-mnist:")) {
    Dataset d = load_idx_split(require_dir(spec, rest("fashion-mnist:")), split, kFashionClasses);
    d.origin = spec + " " + split;
    return d;
  }
  if (starts_with(spec, "mnist:")) {
    Dataset d = load_idx_split(require_dir(spec, rest("mnist:")), split, digit_names());
    d.origin = spec + " " + split;
    return d;
  }
  if (starts_with(spec, "cifar10:")) {
    const std::string dir = require_dir(spec, rest("cifar10:"));
    for (const auto& candidate : {fs::path(dir), fs::path(dir) / "cifar-10-batches-bin"}) {
      if (has_cifar10_batches(candidate.string())) {
        return load_cifar10_batches(candidate.string(), split);
      }
    }
    if (fs::is_directory(fs::path(dir) / split)) {
      return load_folder((fs::path(dir) / split).string(), request, spec + " " + split, progress);
    }
    throw_io("source " + spec + ": " + dir + " holds neither the binary batches " +
             "(data_batch_1.bin ...) nor " + split + "/<class>/ image folders");
  }
  if (starts_with(spec, "stl10:")) {
    const std::string dir = require_dir(spec, rest("stl10:"));
    const fs::path nested = fs::path(dir) / "stl10_binary";
    return load_stl10(fs::is_directory(nested) ? nested.string() : dir, split);
  }
  if (starts_with(spec, "folder:")) {
    FolderSpec folder = parse_folder_spec(spec, rest("folder:"));
    folder.dir = require_dir(spec, folder.dir);
    if (!has_split_folders(folder.dir)) return load_flat_folder(spec, folder, request, progress);
    if (folder.split_given) {
      throw_setting("source " + spec + ": " + folder.dir +
                    " already holds train/ and test/ folders; ?test= splits a flat folder only");
    }
    return load_folder(split_folder(spec, folder.dir, request), request, spec + " " + split,
                       progress);
  }
  if (starts_with(spec, "list:")) {
    const std::string body = rest("list:");
    const size_t at = body.rfind('@');
    if (at == std::string::npos || at == 0 || at + 1 == body.size()) {
      throw_setting("source " + spec + " must read list:FILE@ROOT (the list file, then the " +
                    "folder its paths are relative to)");
    }
    const std::string file = body.substr(0, at);
    const std::string root = require_dir(spec, body.substr(at + 1));
    const auto bytes = read_file(file);
    std::vector<std::string> classes;
    const auto files = parse_list_file(reinterpret_cast<const char*>(bytes.data()), bytes.size(),
                                       root, file, classes);
    return decode_image_files(files, classes, request.resize, spec, progress);
  }
  if (spec == "digits") return load_opencv_digits(kDefaultDigitsPath, split);
  if (starts_with(spec, "digits:")) return load_opencv_digits(rest("digits:"), split);
  if (fs::is_regular_file(spec)) return load_file_source(request, progress);
  if (fs::exists(spec)) {
    throw_setting("source " + spec + " is a folder; say what it holds, e.g. folder:" + spec +
                  " or cifar10:" + spec);
  }
  throw_setting("unknown source \"" + spec + "\"; sources are " + source_forms_short());
}

}  // namespace lt
