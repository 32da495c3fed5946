#include "experiments/ood_targets.h"

#include <algorithm>
#include <filesystem>

#include "util/error.h"
#include "util/path_name.h"

namespace lt {
namespace {

namespace fs = std::filesystem;

bool holds_a_folder(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_directory(ec) && entry.path().filename().string().front() != '.') return true;
  }
  return false;
}

}  // namespace

std::vector<OodTarget> ood_targets_in(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw_io("--targets-in " + dir +
             " is not a folder; give the folder that holds one folder per target data set");
  }
  std::vector<OodTarget> targets;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.front() == '.' || !entry.is_directory(ec) || !holds_a_folder(entry.path())) continue;
    check_path_component(name, "the target folder");
    const std::string path = fs::absolute(entry.path()).lexically_normal().string();
    if (path.find('?') != std::string::npos) {
      // folder:DIR?test=F would read the rest as the split's settings.
      throw_setting("the target folder " + path +
                    " has a '?' in its path, which a folder: "
                    "source reads as its settings; rename it");
    }
    targets.push_back({name, "folder:" + path});
  }
  if (ec) throw_io("cannot list " + dir + ": " + ec.message());
  if (targets.empty()) {
    throw_setting("--targets-in " + dir +
                  " holds no target: put one folder per data set under it, each with class "
                  "folders (DIR/NAME/<class>/<image>) or train/ and test/ class folders");
  }
  std::sort(targets.begin(), targets.end(),
            [](const OodTarget& a, const OodTarget& b) { return a.name < b.name; });
  return targets;
}

std::vector<EvalResult> evaluate_run_on_targets(const std::string& run_dir, EvalRequest request,
                                                const std::string& dir,
                                                const ProgressFn& progress) {
  const std::vector<OodTarget> targets = ood_targets_in(dir);
  std::vector<EvalResult> results;
  for (size_t i = 0; i < targets.size(); ++i) {
    request.probe = "ood";
    request.target = targets[i].source;
    request.target_name = targets[i].name;
    const std::string stage = targets[i].name + " (" + std::to_string(i + 1) + " of " +
                              std::to_string(targets.size()) + ")";
    const ProgressFn each = [&](const Progress& p) {
      if (!progress) return true;
      Progress named = p;
      named.stage = stage + ": " + p.stage;
      return progress(named);
    };
    results.push_back(evaluate_run(run_dir, request, each));
  }
  return results;
}

}  // namespace lt
