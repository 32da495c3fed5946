// Which device each worker of a local sweep trains on. Measured on an H100: four runs sharing one
// GPU together reached a third of one run's throughput, so on CUDA the default is one run at a
// time per GPU: with more workers asked than GPUs, the extra runs wait in the queue (and the note
// says so) unless sharing is asked for.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lt {

struct WorkerDevices {
  std::vector<std::string> devices;  // one per worker, in worker order
  std::string note;                  // why fewer workers than asked run ("" when all do)
};

// `listed`: --devices (empty: every worker on `device`); `cuda_devices`: the GPUs of this machine
// ("cuda:0", ...), which "cuda" and "auto" spread over; `parallel`: the workers asked for.
WorkerDevices assign_worker_devices(const std::vector<std::string>& listed,
                                    const std::string& device, int64_t parallel, bool share_gpu,
                                    const std::vector<std::string>& cuda_devices);

}  // namespace lt
