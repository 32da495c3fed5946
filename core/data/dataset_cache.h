// LongTail Lab's own data set cache (.ltds): one file per split, memory-mapped on load so that
// a 60,000-image set opens in milliseconds. The layout is documented in docs/cache-format.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "data/dataset.h"
#include "util/progress.h"

namespace lt {

struct CacheInfo {
  std::string split;   // "train" or "test"
  std::string origin;  // the source spec the cache was imported from
};

// True when `path` is a file that starts with the cache magic.
bool is_cache_file(const std::string& path);

// Writes all-or-nothing (temporary file, then rename).
void write_cache(const Dataset& dataset, const CacheInfo& info, const std::string& path,
                 const ProgressFn& progress = nullptr);

// Maps the file; the pixels stay mapped while the data set (or a copy of it) lives. Throws a
// kFormat lt::Error naming the file when it is truncated, damaged or of another version.
Dataset read_cache(const std::string& path, CacheInfo* info = nullptr);

// The parser behind read_cache, on bytes (for the fuzzer). Pixels point into `data`, which
// `owner` keeps alive.
Dataset parse_cache(std::shared_ptr<const void> owner, const uint8_t* data, size_t size,
                    const std::string& origin, CacheInfo* info = nullptr);

}  // namespace lt
