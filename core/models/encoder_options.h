// Which encoder a run trains: plain data, with no LibTorch header, so configs and the GUI can
// hold it.
#pragma once

#include <cstdint>
#include <string>

namespace lt {

struct EncoderOptions {
  std::string arch = "resnet-small";  // resnet18, resnet50 or resnet-small (16/32/64/128, 1 block)
  bool cifar_stem = true;  // 3x3 stride-1 stem, no max-pool; false: 7x7 stride 2 + max-pool
  int64_t in_channels = 3;
};

}  // namespace lt
