#include "store/run_labels.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/run_store.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lt {
namespace fs = std::filesystem;

namespace {

fs::path labels_path(const std::string& run_dir) {
  return fs::path(run_dir) / "labels.json";
}

std::vector<std::string> sorted_unique(std::vector<std::string> tags) {
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

}  // namespace

void check_tag(const std::string& tag) {
  if (tag.empty()) throw_setting("a tag cannot be empty");
  if (tag.size() > 64) throw_setting("tag \"" + tag + "\" is longer than 64 characters");
  for (unsigned char c : tag) {
    if (c <= ' ' || c == ',' || c == 0x7f) {
      throw_setting("tag \"" + tag +
                    "\" holds a space, comma or control character; use letters, digits, - _ . :");
    }
  }
}

bool has_run_labels(const std::string& run_dir) {
  return fs::exists(labels_path(run_dir));
}

RunLabels read_run_labels(const std::string& run_dir) {
  const fs::path path = labels_path(run_dir);
  RunLabels labels;
  if (!fs::exists(path)) return labels;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  try {
    const auto j = nlohmann::json::parse(text.str());
    labels.tags = sorted_unique(j.value("tags", std::vector<std::string>{}));
    labels.note = j.value("note", std::string());
  } catch (const nlohmann::json::exception& e) {
    throw_format(path.string() + " is damaged (" + e.what() +
                 "); fix it or delete it and tag the run again");
  }
  return labels;
}

void save_run_labels(RunStore& store, const StoredRun& run, RunLabels labels) {
  for (const auto& tag : labels.tags) check_tag(tag);
  labels.tags = sorted_unique(std::move(labels.tags));
  if (!fs::is_directory(run.dir)) {
    throw_io("the folder of run " + run.id + " (" + run.dir +
             ") is gone; its labels live there. Remove the record with longtail runs rm " + run.id);
  }
  write_file_atomically(
      labels_path(run.dir).string(),
      nlohmann::ordered_json{{"tags", labels.tags}, {"note", labels.note}}.dump(2) + "\n");
  store.set_labels(run.id, labels.tags, labels.note);
}

std::vector<std::string> edit_tags(const std::vector<std::string>& tags,
                                   const std::vector<std::string>& add,
                                   const std::vector<std::string>& remove) {
  std::vector<std::string> out;
  for (const auto& t : tags) {
    if (std::find(remove.begin(), remove.end(), t) == remove.end()) out.push_back(t);
  }
  for (const auto& t : add) {
    check_tag(t);
    out.push_back(t);
  }
  return sorted_unique(std::move(out));
}

}  // namespace lt
