#include "runtime/torch_threads.h"

#include <torch/torch.h>

#include "test_support.h"

namespace lt {
namespace {

TEST(TorchThreads, AScopedCountEndsWithoutUndoingACountSetMeanwhile) {
  set_torch_threads(2);
  {
    const ScopedTorchThreads theory(1);  // the theory sweep's own count
    EXPECT_EQ(torch::get_num_threads(), 1);
  }
  EXPECT_EQ(torch::get_num_threads(), 2);  // given back
  {
    const ScopedTorchThreads theory(1);
    set_torch_threads(3);  // a training job of the same process starts meanwhile
  }
  // The job's count stays: the scope that ended does not put back its stale 2.
  EXPECT_EQ(torch::get_num_threads(), 3);
  set_torch_threads(1);
}

}  // namespace
}  // namespace lt
