#include "train/saved_run.h"

#include <filesystem>

#include "train/checkpoint.h"
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

namespace lt {

SavedRun read_saved_run(const std::string& run_dir) {
  const std::string config_path = (fs::path(run_dir) / "config.json").string();
  if (!fs::exists(config_path)) {
    throw_io(run_dir + " is not a run directory (no config.json); check the path");
  }
  const auto text = read_file(config_path);
  SavedRun run;
  run.config = config_from_json(std::string(text.begin(), text.end()), config_path);
  run.variant = load_variant((fs::path(run_dir) / "variant.json").string());
  return run;
}

Method load_saved_method(const std::string& run_dir, const SavedRun& run) {
  MethodOptions options = run.config.method;
  options.num_classes = int64_t(run.variant.class_names.size());
  options.examples = int64_t(run.variant.indices.size());  // BCL's memory, as it trained
  Method method = make_method(options, run.config.encoder);
  load_model((fs::path(run_dir) / "checkpoint.pt").string(), *method);
  return method;
}

}  // namespace lt
