#include "models/state_dict_file.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/export.h>
#include <torch/csrc/jit/serialization/pickler.h>

#include "util/file_io.h"

namespace lt {

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
