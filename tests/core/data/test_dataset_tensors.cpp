#include <torch/torch.h>

#include "data/dataset_tensors.h"
#include "synthetic_dataset.h"
#include "test_support.h"

namespace lt {
namespace {

TEST(DatasetTensors, KeepsUint8ImagesAndInt64Labels) {
  const Dataset d = test::synthetic_dataset({3, 2});
  const DatasetTensors t = to_tensors(d);
  EXPECT_EQ(t.images.sizes(), (std::vector<int64_t>{5, 1, 2, 2}));
  EXPECT_EQ(t.images.scalar_type(), torch::kUInt8);
  EXPECT_EQ(t.labels.scalar_type(), torch::kInt64);
  EXPECT_EQ(t.labels.sum().item<int64_t>(), 2);
  EXPECT_EQ(t.images[4][0][0][0].item<uint8_t>(), 4);
  // The tensors own their memory: they outlive the data set they came from.
  t.images.add_(1);
  EXPECT_EQ(d.image(4)[0], 4);
}

}  // namespace
}  // namespace lt
