// libFuzzer target over every binary parser: IDX (raw and gzip), CIFAR-10 batches, STL-10 files,
// the cache format and list files. The first byte picks the parser. Any lt::Error is a correct
// refusal; a crash, a sanitizer report or another exception is a bug.
// Build and run: scripts/fuzz.sh [seconds]
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/cifar_binary.h"
#include "data/dataset_cache.h"
#include "data/idx_format.h"
#include "data/image_files.h"
#include "data/stl10_binary.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t which = data[0] % 7;
  const uint8_t* body = data + 1;
  const size_t n = size - 1;
  try {
    switch (which) {
      case 0:
        lt::parse_idx_images(body, n, "fuzz");
        break;
      case 1:
        lt::parse_idx_labels(body, n, "fuzz");
        break;
      case 2: {
        lt::CifarBatch batch;
        lt::parse_cifar10_batch(body, n, "fuzz", batch);
        break;
      }
      case 3:
        lt::parse_stl10_images(body, n, "fuzz");
        break;
      case 4:
        lt::parse_stl10_labels(body, n, "fuzz");
        break;
      case 5: {
        // The cache parser keeps pointers into its input: hand it an owned copy.
        auto copy = std::make_shared<std::vector<uint8_t>>(body, body + n);
        const lt::Dataset d = lt::parse_cache(copy, copy->data(), copy->size(), "fuzz");
        // Touch every pixel the parser promised.
        volatile uint8_t sink = 0;
        for (size_t i = 0; i < d.pixels.size(); ++i) sink ^= d.pixels.data()[i];
        break;
      }
      case 6: {
        std::vector<std::string> classes;
        lt::parse_list_file(reinterpret_cast<const char*>(body), n, "/root", "fuzz", classes);
        break;
      }
    }
  } catch (const lt::Error&) {
  }
  return 0;
}
