#include "explain/probe_file.h"

#include <torch/serialize.h>
#include <torch/types.h>

#include <fstream>
#include <iterator>

#include "models/state_dict_file.h"
#include "util/error.h"

namespace lt {
namespace {

const char* const kWhatAProbeHolds =
    "a probe file holds \"weight\" (K x D) and \"bias\" (K), as a semisynth run's rare-probe.pt";

std::vector<float> floats_of(const torch::Tensor& t) {
  const torch::Tensor flat = t.detach().to(torch::kCPU, torch::kFloat).contiguous().reshape({-1});
  return {flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel()};
}

}  // namespace

LinearProbe read_probe_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw_io("cannot read the probe " + path +
             "; choose a file such as a semisynth run's "
             "rare-probe.pt");
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  torch::Tensor weight, bias;
  try {
    const c10::IValue value = torch::pickle_load(bytes);
    if (value.isGenericDict()) {
      for (const auto& item : value.toGenericDict()) {
        if (!item.key().isString() || !item.value().isTensor()) continue;
        if (item.key().toStringRef() == "weight") weight = item.value().toTensor();
        if (item.key().toStringRef() == "bias") bias = item.value().toTensor();
      }
    }
  } catch (const std::exception&) {  // c10::Error, or the zip reader's on a cut file
    throw_data(path + " is not a state dict saved by torch; " + kWhatAProbeHolds);
  }
  if (!weight.defined()) throw_data(path + " holds no \"weight\" tensor; " + kWhatAProbeHolds);
  if (weight.dim() != 2 || weight.size(0) < 1 || weight.size(1) < 1 ||
      !weight.is_floating_point()) {
    throw_data(path + "'s \"weight\" is not a K x D matrix of numbers; " + kWhatAProbeHolds);
  }
  LinearProbe probe;
  probe.classes = weight.size(0);
  probe.features = weight.size(1);
  probe.weight = floats_of(weight);
  if (bias.defined()) {
    if (!bias.is_floating_point() || bias.numel() != probe.classes) {
      throw_data(path + " has " + std::to_string(probe.classes) + " weight rows but its \"bias\" " +
                 "holds " + std::to_string(bias.numel()) + " numbers; " + kWhatAProbeHolds);
    }
    probe.bias = floats_of(bias);
  } else {
    probe.bias.assign(size_t(probe.classes), 0.0f);
  }
  return probe;
}

void write_probe_file(const LinearProbe& probe, const std::string& path) {
  if (probe.classes < 1 || probe.features < 1 ||
      probe.weight.size() != size_t(probe.classes * probe.features) ||
      probe.bias.size() != size_t(probe.classes)) {
    throw_setting("a linear probe of " + std::to_string(probe.classes) + " x " +
                  std::to_string(probe.features) +
                  " needs as many weights and one bias per "
                  "class");
  }
  c10::Dict<std::string, torch::Tensor> state;
  state.insert("weight", torch::tensor(probe.weight).reshape({probe.classes, probe.features}));
  state.insert("bias", torch::tensor(probe.bias));
  write_state_dict(state, path);
}

}  // namespace lt
