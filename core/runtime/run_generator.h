// Every run draws its random numbers from generators of its own, never from LibTorch's global
// generator (which any code of the process may seed or draw from: a test, the window, a
// library): so a run is bitwise the same alone or beside other runs of the process at the same
// thread count. All draws are made on the CPU and moved to the device, so a CUDA run needs no
// CUDA generator and draws the same numbers as a CPU run.
#pragma once

#include <ATen/core/Generator.h>

#include <cstdint>

namespace lt {

// A CPU generator seeded with `seed`: a run's data order and augmentation (the stream a
// checkpoint carries), a probe's order.
at::Generator run_generator(uint64_t seed);

// The stream a run's initial weights are drawn from (models/init.h): apart from the data order's
// stream of the same seed, so that the two never draw the same numbers.
at::Generator init_generator(uint64_t seed);

}  // namespace lt
