#include "sweep/worker_devices.h"

#include <set>

#include "util/error.h"

namespace lt {

WorkerDevices assign_worker_devices(const std::vector<std::string>& listed,
                                    const std::string& device, int64_t parallel, bool share_gpu,
                                    const std::vector<std::string>& cuda_devices) {
  if (parallel < 1) throw_setting("--parallel must be at least 1");
  std::vector<std::string> pool = listed;
  for (const auto& d : pool) {
    if (d != "cpu" && d.rfind("cuda:", 0) != 0) {
      throw_setting("--devices: \"" + d + "\" is not cpu or cuda:N (e.g. --devices cuda:0,cuda:1)");
    }
  }
  if (pool.empty()) {
    const bool on_cuda = device == "cuda" || (device == "auto" && !cuda_devices.empty());
    if (on_cuda && !cuda_devices.empty()) {
      pool = cuda_devices;
    } else {
      pool = {device};  // cpu, cuda:N, or auto on a machine without GPUs
    }
  }
  std::set<std::string> gpus;
  for (const auto& d : pool) {
    if (d.rfind("cuda", 0) == 0) gpus.insert(d);
  }
  WorkerDevices out;
  int64_t workers = parallel;
  // One run per GPU unless sharing is asked for; CPU entries take any number.
  if (!share_gpu && !gpus.empty() && gpus.size() == pool.size()) {
    const int64_t distinct = int64_t(gpus.size());
    if (parallel > distinct) {
      workers = distinct;
      out.note = std::to_string(parallel) + " runs at once asked, " + std::to_string(distinct) +
                 " GPU" + (distinct > 1 ? "s" : "") + ": one run per GPU, the other runs wait in " +
                 "the queue (--share-gpu lets runs share a GPU)";
    }
    pool.assign(gpus.begin(), gpus.end());
  }
  for (int64_t i = 0; i < workers; ++i) out.devices.push_back(pool[size_t(i) % pool.size()]);
  return out;
}

}  // namespace lt
