#include "train/encoder_export.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/export.h>
#include <torch/csrc/jit/serialization/pickler.h>
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
  write_file_atomically(out, container);
  return int64_t(state.size());
}

}  // namespace lt
