#include "distributed/data_parallel.h"

#include <torch/torch.h>

#include <algorithm>
#include <thread>

#include "methods/method.h"
#include "models/batch_norm.h"
#include "util/error.h"
#include "util/hash.h"

namespace lt {
namespace {

uint64_t fingerprint_value(const std::vector<torch::Tensor>& tensors) {
  ContentHash hash;
  for (const auto& t : tensors) {
    if (!t.defined()) continue;
    const auto bytes = t.detach().cpu().contiguous();
    hash.add_bytes(bytes.data_ptr(), bytes.nbytes());
  }
  return hash.value();
}

std::string hex_digits(uint64_t value) {
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 0; i < 16; ++i) out[15 - i] = digits[(value >> (4 * i)) & 0xf];
  return out;
}

}  // namespace

DataParallel::DataParallel(std::shared_ptr<Collectives> collectives, int64_t local_rank,
                           int64_t local_world_size, DataParallelOptions options)
    : collectives_(std::move(collectives)),
      local_rank_(local_rank),
      local_world_size_(std::max<int64_t>(1, local_world_size)),
      options_(options) {}

int64_t DataParallel::threads_for(int64_t configured) const {
  if (configured > 0) return configured;
  const int64_t cores = std::max<int64_t>(1, int64_t(std::thread::hardware_concurrency()));
  return std::max<int64_t>(1, cores / local_world_size_);
}

std::string DataParallel::description() const {
  return std::to_string(world_size()) + " processes, " + collectives_->backend() + ", " +
         (options_.sync_batch_norm ? "synchronised" : "per-process") + " BatchNorm";
}

std::string DataParallel::device_for(const std::string& configured, int64_t local_rank) {
  const bool cuda = configured == "cuda" || (configured == "auto" && torch::cuda::is_available());
  return cuda ? "cuda:" + std::to_string(local_rank) : configured;
}

void DataParallel::prepare(MethodImpl& method, const std::vector<torch::Tensor>& parameters) {
  {
    torch::NoGradGuard no_grad;
    for (auto& p : method.parameters()) {
      if (p.defined()) collectives_->broadcast(p, 0);
    }
  }
  broadcast_buffers(method);
  synchronize_batch_norm(method, options_.sync_batch_norm ? collectives_ : nullptr);
  method.gather_across(collectives_);
  buckets_ = std::make_unique<GradientBuckets>(parameters, collectives_, options_.overlap,
                                               options_.bucket_bytes);
}

void DataParallel::average_gradients() {
  buckets_->finish();
}

void DataParallel::broadcast_buffers(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  for (auto& b : module.buffers()) {
    if (b.defined()) collectives_->broadcast(b, 0);
  }
}

torch::Tensor DataParallel::mean(const torch::Tensor& value) {
  auto total = value.detach().clone();
  collectives_->sum(total);
  return total / double(world_size());
}

torch::Tensor DataParallel::max(const torch::Tensor& value) {
  auto largest = value.detach().clone();
  collectives_->max(largest);
  return largest;
}

std::vector<std::string> DataParallel::parameter_fingerprints(
    const std::vector<torch::Tensor>& parameters) {
  const auto device = parameters.empty() ? torch::Device(torch::kCPU) : parameters.front().device();
  const auto mine =
      torch::tensor({static_cast<int64_t>(fingerprint_value(parameters))}, torch::kLong).to(device);
  const auto all = collectives_->gather(mine).cpu();
  std::vector<std::string> out;
  for (int64_t r = 0; r < all.size(0); ++r) {
    out.push_back(hex_digits(static_cast<uint64_t>(all[r].item<int64_t>())));
  }
  return out;
}

std::string tensor_fingerprint(const std::vector<torch::Tensor>& tensors) {
  return hex_digits(fingerprint_value(tensors));
}

}  // namespace lt
