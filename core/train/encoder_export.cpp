#include "train/encoder_export.h"

#include <torch/serialize.h>
#include <torch/torch.h>

#include <filesystem>

#include "data/variant.h"
#include "train/checkpoint.h"
#include "train/run_config.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lt {

int64_t export_encoder(const std::string& run_dir, const std::string& out) {
  namespace fs = std::filesystem;
  const std::string config_path = (fs::path(run_dir) / "config.json").string();
  if (!fs::exists(config_path)) throw_io(run_dir + " is not a run directory (no config.json)");
  const auto text = read_file(config_path);
  const RunConfig config = config_from_json(std::string(text.begin(), text.end()), config_path);
  const Variant variant = load_variant((fs::path(run_dir) / "variant.json").string());
  MethodOptions method = config.method;
  method.num_classes = int64_t(variant.class_names.size());
  Method model = make_method(method, config.encoder);
  load_model((fs::path(run_dir) / "checkpoint.pt").string(), *model);

  c10::Dict<std::string, torch::Tensor> state;
  for (const auto& p : model->encoder()->named_parameters()) state.insert(p.key(), p.value());
  for (const auto& b : model->encoder()->named_buffers()) state.insert(b.key(), b.value());
  const std::vector<char> bytes = torch::pickle_save(state);
  write_file_atomically(out, std::string(bytes.begin(), bytes.end()));
  return int64_t(state.size());
}

}  // namespace lt
