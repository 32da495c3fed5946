#include "runtime/run_generator.h"

#include <ATen/CPUGeneratorImpl.h>

namespace lt {

at::Generator run_generator(uint64_t seed) {
  return at::make_generator<at::CPUGeneratorImpl>(seed);
}

at::Generator init_generator(uint64_t seed) {
  return at::make_generator<at::CPUGeneratorImpl>(seed ^ 0x696e6974ULL);  // "init"
}

}  // namespace lt
