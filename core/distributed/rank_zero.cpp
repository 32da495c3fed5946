#include "distributed/rank_zero.h"

#include <torch/torch.h>

#include <exception>

#include "distributed/data_parallel.h"
#include "util/error.h"

namespace lt {

bool writes_run_files(const DataParallel* data_parallel) {
  return data_parallel == nullptr || data_parallel->writes_run_files();
}

int64_t agreed_max(DataParallel* data_parallel, int64_t value) {
  if (data_parallel == nullptr) return value;
  // NCCL exchanges CUDA tensors only, on the GPU of this rank (DataParallel::device_for); Gloo
  // takes CPU tensors whatever the run trains on.
  const bool nccl = data_parallel->collectives().backend() == "nccl";
  const torch::Device device =
      nccl ? torch::Device(torch::kCUDA, int(data_parallel->local_rank())) : torch::kCPU;
  return data_parallel->max(torch::full({1}, value, torch::dtype(torch::kLong).device(device)))
      .cpu()
      .item<int64_t>();
}

void rank_zero_first(DataParallel* data_parallel, const std::function<void()>& work,
                     const std::string& what) {
  if (data_parallel == nullptr) return work();
  std::exception_ptr failure;
  if (data_parallel->writes_run_files()) {
    try {
      work();
    } catch (...) {
      failure = std::current_exception();
    }
  }
  // The exchange is the others' wait: it ends when rank 0 has done its work.
  const bool failed = agreed_max(data_parallel, failure ? 1 : 0) != 0;
  if (failure) std::rethrow_exception(failure);
  if (failed) {
    throw_data("rank " + std::to_string(data_parallel->rank()) + ": rank 0 failed " + what +
               " (its error is rank 0's to tell)");
  }
}

}  // namespace lt
