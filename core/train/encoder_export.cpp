#include "train/encoder_export.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/export.h>
#include <torch/csrc/jit/serialization/pickler.h>
#include <torch/torch.h>

#include <filesystem>

#include "data/variant.h"
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

void write_state_dict(const c10::Dict<std::string, at::Tensor>& state, const std::string& path) {
  // torch::pickle_save tags the dict with its C++ type, which torch.load's default
  // weights_only mode refuses; an untagged pickle is a plain dict of tensors to Python.
  std::string pickle;
  torch::jit::Pickler pickler([&](const char* bytes, size_t size) { pickle.append(bytes, size); },
                              nullptr, nullptr, nullptr, nullptr, /*tag_aggregates=*/false);
  pickler.protocol();
  pickler.pushIValue(c10::IValue(state));
  pickler.stop();
  std::string container;
  caffe2::serialize::PyTorchStreamWriter writer([&](const void* bytes, size_t size) {
    container.append(static_cast<const char*>(bytes), size);
    return size;
  });
  torch::jit::writeArchiveAndTensors("data", pickle.data(), pickle.size(), pickler.tensorData(),
                                     writer);
  writer.writeEndOfFile();
  write_file_atomically(path, container);
}

}  // namespace lt
