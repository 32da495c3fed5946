// A linear probe's file, as Grad-CAM's probe target reads it (the CLI's --probe and the window's
// probe file): what a good file holds comes back exactly, in both directions with Python's
// torch; a missing, corrupt or misshapen file is refused with a message naming it.
#include <ATen/core/Dict.h>
#include <torch/torch.h>

#include <cstdlib>

#include "explain/probe_file.h"
#include "models/state_dict_file.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

LinearProbe two_by_three() {
  LinearProbe probe;
  probe.classes = 2;
  probe.features = 3;
  probe.weight = {1.5f, -2, 3, 4, 5.25f, -6};
  probe.bias = {0.5f, -0.75f};
  return probe;
}

TEST(ProbeFile, AWrittenProbeReadsBackExactly) {
  test::TempDir dir;
  write_probe_file(two_by_three(), dir.file("probe.pt"));
  const LinearProbe read = read_probe_file(dir.file("probe.pt"));
  EXPECT_EQ(read.classes, 2);
  EXPECT_EQ(read.features, 3);
  EXPECT_EQ(read.weight, two_by_three().weight);
  EXPECT_EQ(read.bias, two_by_three().bias);
}

TEST(ProbeFile, AStateDictWithoutBiasHasZeroBiases) {
  test::TempDir dir;
  c10::Dict<std::string, at::Tensor> state;
  state.insert("weight", torch::ones({4, 2}));
  write_state_dict(state, dir.file("no-bias.pt"));
  const LinearProbe read = read_probe_file(dir.file("no-bias.pt"));
  EXPECT_EQ(read.classes, 4);
  EXPECT_EQ(read.bias, std::vector<float>(4, 0.0f));
}

TEST(ProbeFile, RefusesAMissingCorruptOrMisshapenFile) {
  test::TempDir dir;
  EXPECT_LT_ERROR(read_probe_file(dir.file("none.pt")), ErrorKind::kIo,
                  "cannot read the probe " + dir.file("none.pt"));
  test::write_text(dir.file("corrupt.pt"), "this is not a probe\n");
  EXPECT_LT_ERROR(read_probe_file(dir.file("corrupt.pt")), ErrorKind::kData,
                  dir.file("corrupt.pt") + " is not a state dict saved by torch");
  // A good file cut short is as corrupt.
  write_probe_file(two_by_three(), dir.file("good.pt"));
  auto bytes = test::read_bytes(dir.file("good.pt"));
  bytes.resize(bytes.size() / 2);
  test::write_bytes(dir.file("cut.pt"), bytes);
  EXPECT_LT_ERROR(read_probe_file(dir.file("cut.pt")), ErrorKind::kData,
                  "is not a state dict saved by torch");

  c10::Dict<std::string, at::Tensor> other;
  other.insert("fc.weight", torch::ones({2, 3}));
  write_state_dict(other, dir.file("other.pt"));
  EXPECT_LT_ERROR(read_probe_file(dir.file("other.pt")), ErrorKind::kData,
                  "holds no \"weight\" tensor");
  c10::Dict<std::string, at::Tensor> flat;
  flat.insert("weight", torch::ones({6}));
  write_state_dict(flat, dir.file("flat.pt"));
  EXPECT_LT_ERROR(read_probe_file(dir.file("flat.pt")), ErrorKind::kData, "not a K x D matrix");
  c10::Dict<std::string, at::Tensor> short_bias;
  short_bias.insert("weight", torch::ones({3, 2}));
  short_bias.insert("bias", torch::ones({2}));
  write_state_dict(short_bias, dir.file("short-bias.pt"));
  EXPECT_LT_ERROR(read_probe_file(dir.file("short-bias.pt")), ErrorKind::kData,
                  "3 weight rows but its \"bias\" holds 2 numbers");

  LinearProbe wrong = two_by_three();
  wrong.bias.pop_back();
  EXPECT_LT_ERROR(write_probe_file(wrong, dir.file("wrong.pt")), ErrorKind::kSetting,
                  "one bias per class");
}

TEST(ProbeFile, ReadsWhatPythonsTorchSavesAndPythonReadsWhatItWrites) {
  const std::string python = LONGTAIL_PYTHON;
  if (std::system((python + " -c 'import torch' >/dev/null 2>&1").c_str()) != 0)
    GTEST_SKIP() << "no Python with torch (scripts/install-deps.sh installs it)";
  test::TempDir dir;
  const std::string from_python = dir.file("python.pt"), ours = dir.file("ours.pt");
  write_probe_file(two_by_three(), ours);
  const std::string script =
      "import torch, sys\n"
      "torch.save({'weight': torch.tensor([[1.5, -2, 3], [4, 5.25, -6]]),\n"
      "            'bias': torch.tensor([0.5, -0.75])}, sys.argv[1])\n"
      "s = torch.load(sys.argv[2], weights_only=True)\n"
      "assert s['weight'].tolist() == [[1.5, -2, 3], [4, 5.25, -6]], s\n"
      "assert s['bias'].tolist() == [0.5, -0.75], s\n";
  test::write_text(dir.file("probe.py"), script);
  ASSERT_EQ(
      std::system((python + " " + dir.file("probe.py") + " " + from_python + " " + ours).c_str()),
      0);
  const LinearProbe read = read_probe_file(from_python);
  EXPECT_EQ(read.classes, 2);
  EXPECT_EQ(read.features, 3);
  EXPECT_EQ(read.weight, two_by_three().weight);
  EXPECT_EQ(read.bias, two_by_three().bias);
}

}  // namespace
}  // namespace lt
