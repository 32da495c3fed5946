#include "distributed/data_parallel_checks.h"

#include "util/error.h"

namespace lt {

void check_method_runs_data_parallel(const std::string& method, int64_t world_size) {
  if (world_size > 1 && method == "bcl") {
    // BCL boosts each image by its loss remembered over the last epochs, a memory one process
    // holds for the images it saw; sharing it across ranks is not built.
    throw_setting(
        "method bcl keeps each image's loss memory in one process and cannot run "
        "data-parallel yet; train it with one process (drop --nproc-per-node)");
  }
}

void check_batch_splits(int64_t batch_size, int64_t world_size) {
  if (batch_size % world_size != 0 || batch_size / world_size < 2) {
    throw_setting("the batch of " + std::to_string(batch_size) + " images does not split into " +
                  std::to_string(world_size) + " equal shares of at least 2 (BatchNorm needs " +
                  "two); the batch is the global one: choose a multiple of " +
                  std::to_string(2 * world_size) + " or fewer processes");
  }
}

}  // namespace lt
