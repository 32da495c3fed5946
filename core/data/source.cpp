#include "data/source.h"

#include <filesystem>

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

// A folder that is itself the data, or that holds train/ and test/ folders.
std::string split_folder(const std::string& spec, const std::string& dir,
                         const SourceRequest& request) {
  const fs::path with_split = fs::path(dir) / request.split;
  if (fs::is_directory(with_split)) return with_split.string();
  if (fs::is_directory(fs::path(dir) / "train") || fs::is_directory(fs::path(dir) / "test") ||
      request.split != "train") {
    throw_io("source " + spec + " has no " + request.split + "/ folder; lay it out as " + dir +
             "/" + request.split + "/<class>/<image>");
  }
  return dir;
}

Dataset load_folder(const std::string& dir, const SourceRequest& request, const std::string& origin,
                    const ProgressFn& progress) {
  std::vector<std::string> classes;
  const auto files = list_class_folders(dir, classes);
  return decode_image_files(files, classes, request.resize, origin, progress);
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
         "  folder:DIR       DIR[/train|test]/<class>/<image>\n"
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
    const std::string dir = require_dir(spec, rest("folder:"));
    return load_folder(split_folder(spec, dir, request), request, spec + " " + split, progress);
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
