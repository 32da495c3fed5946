#include "train/checkpoint.h"

#include <torch/torch.h>

#include <cstdio>
#include <filesystem>

#include "util/error.h"
#include "util/file_io.h"
#include "util/no_space_error.h"

namespace lt {

void save_checkpoint(const std::string& path, MethodImpl& method,
                     torch::optim::Optimizer& optimizer, const at::Generator& generator,
                     const CheckpointState& state) {
  // Serialised in memory first: the file is then written whole by one atomic writer, and a
  // full disk is reported with the size the checkpoint needs.
  std::string bytes;
  try {
    torch::serialize::OutputArchive archive;
    torch::serialize::OutputArchive model, optim;
    method.save(model);
    optimizer.save(optim);
    archive.write("model", model);
    archive.write("optimizer", optim);
    archive.write("epoch", torch::tensor(state.epoch));
    archive.write("step", torch::tensor(state.step));
    archive.write("generator", generator.get_state());
    if (state.rw_weights.defined()) archive.write("rw_weights", state.rw_weights.cpu());
    archive.save_to([&](const void* data, size_t size) {
      bytes.append(static_cast<const char*>(data), size);
      return size;
    });
  } catch (const c10::Error& e) {
    throw_io("cannot serialise the checkpoint " + path + " (" + e.what_without_backtrace() + ")");
  }
  try {
    write_file_atomically(path, bytes);
  } catch (const NoSpaceError& e) {
    throw NoSpaceError(std::string(e.what()) + "; the previous checkpoint is intact: resume " +
                       "the run when there is room");
  } catch (const Error& e) {
    throw_io(std::string(e.what()) + "; the previous checkpoint is intact: resume the run " +
             "when there is room");
  }
}

CheckpointState load_checkpoint(const std::string& path, MethodImpl& method,
                                torch::optim::Optimizer& optimizer, at::Generator& generator) {
  if (!std::filesystem::exists(path)) {
    throw_io("no checkpoint at " + path + "; the run stopped before its first checkpoint, " +
             "start it again");
  }
  CheckpointState state;
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path);
    torch::serialize::InputArchive model, optim;
    archive.read("model", model);
    archive.read("optimizer", optim);
    method.load(model);
    optimizer.load(optim);
    torch::Tensor epoch, step, rng;
    archive.read("epoch", epoch);
    archive.read("step", step);
    archive.read("generator", rng);
    state.epoch = epoch.item<int64_t>();
    state.step = step.item<int64_t>();
    generator.set_state(rng);
    torch::Tensor rw_weights;
    if (archive.try_read("rw_weights", rw_weights)) state.rw_weights = rw_weights;
  } catch (const c10::Error& e) {
    throw_format("cannot load checkpoint " + path + " (" + e.what_without_backtrace() +
                 "); it is damaged or belongs to another configuration");
  }
  return state;
}

void load_model(const std::string& path, MethodImpl& method) {
  if (!std::filesystem::exists(path)) throw_io("no checkpoint at " + path);
  try {
    torch::serialize::InputArchive archive, model;
    archive.load_from(path);
    archive.read("model", model);
    method.load(model);
  } catch (const c10::Error& e) {
    throw_format("cannot load checkpoint " + path + " (" + e.what_without_backtrace() +
                 "); it is damaged or belongs to another configuration");
  }
}

}  // namespace lt
