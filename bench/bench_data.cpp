// Times the data path in-process (no program start-up counted):
//   bench_data import SRC SPLIT OUT [--resize HxW]   read a source and write it to a cache file
//   bench_data load FILE [REPS]                      map and verify a cache file, REPS times
// Prints key=value lines; bench/data.sh runs it beside the Python reference.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "data/dataset_cache.h"
#include "data/source.h"
#include "util/error.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int import(const std::string& spec, const std::string& split, const std::string& out) {
  const auto start = std::chrono::steady_clock::now();
  const lt::Dataset d = lt::load_source({spec, split, true, {}});
  const double decoded = seconds_since(start);
  lt::write_cache(d, {split, spec}, out);
  std::printf("images=%lld decode_s=%.3f total_s=%.3f\n", static_cast<long long>(d.size()), decoded,
              seconds_since(start));
  return 0;
}

int load(const std::string& path, int reps) {
  std::vector<double> times;
  long long images = 0;
  for (int r = 0; r < reps; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const lt::Dataset d = lt::read_cache(path);
    // Touch every page, as training will: a lazy mapping alone would flatter us.
    unsigned sum = 0;
    for (size_t i = 0; i < d.pixels.size(); i += 4096) sum += d.pixels.data()[i];
    times.push_back(seconds_since(start));
    images = d.size() + (sum == 0xffffffff);
  }
  std::sort(times.begin(), times.end());
  std::printf("images=%lld median_s=%.4f min_s=%.4f reps=%d\n", images, times[times.size() / 2],
              times.front(), reps);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc >= 5 && std::strcmp(argv[1], "import") == 0) return import(argv[2], argv[3], argv[4]);
    if (argc >= 3 && std::strcmp(argv[1], "load") == 0) {
      return load(argv[2], argc >= 4 ? std::stoi(argv[3]) : 10);
    }
  } catch (const lt::Error& e) {
    std::fprintf(stderr, "bench_data: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "usage: bench_data import SRC SPLIT OUT | load FILE [REPS]\n");
  return 2;
}
