#include "train/encoder_export.h"

#include <torch/torch.h>

#include <filesystem>

#include "data/variant.h"
#include "models/state_dict_file.h"
#include "train/run_config.h"
#include "train/saved_run.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lt {

int64_t export_encoder(const std::string& run_dir, const std::string& out) {
  const Method model = load_saved_method(run_dir, read_saved_run(run_dir));

  c10::Dict<std::string, torch::Tensor> state;
  for (const auto& p : model->encoder()->named_parameters()) state.insert(p.key(), p.value());
  for (const auto& b : model->encoder()->named_buffers()) state.insert(b.key(), b.value());
  write_state_dict(state, out);
  return int64_t(state.size());
}

}  // namespace lt
