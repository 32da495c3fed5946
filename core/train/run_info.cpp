#include "train/run_info.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/file_io.h"

namespace lt {

int64_t run_total_images(const std::string& run_dir) {
  const std::string path = (std::filesystem::path(run_dir) / "run.json").string();
  const auto bytes = read_file(path);
  try {
    const auto info = nlohmann::json::parse(bytes.begin(), bytes.end());
    const auto n = info.at("total_images").get<int64_t>();
    if (n < 1) throw_format(path + " says the run has " + std::to_string(n) + " images");
    return n;
  } catch (const nlohmann::json::exception& e) {
    throw_format(path + " is damaged (" + e.what() +
                 "); resume the run (longtail train --resume) to write it again");
  }
}

}  // namespace lt
