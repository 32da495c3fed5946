// join_process_group where this build has no c10d (LONGTAIL_DISTRIBUTED off: Gloo's headers were
// not found when it was configured): the one place that says so.
#include "distributed/process_group.h"
#include "util/error.h"

namespace lt {

bool distributed_available() {
  return false;
}
bool nccl_available() {
  return false;
}

void require_distributed(int64_t world_size) {
  throw_setting("this longtail was built without data-parallel training (" +
                std::to_string(world_size) + " processes asked): install libgloo-dev " +
                "(scripts/install-deps.sh) and configure the build again " +
                "(LONGTAIL_DISTRIBUTED=AUTO or ON)");
}

std::shared_ptr<Collectives> join_process_group(const Rendezvous& where, std::chrono::seconds,
                                                const torch::Device&) {
  require_distributed(where.world_size);
  return nullptr;
}

}  // namespace lt
