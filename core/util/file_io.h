// Reading, mapping and atomically writing files, with errors that name the path and the cause.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace lt {

// The whole file; throws kIo naming the path when it cannot be read.
std::vector<uint8_t> read_file(const std::string& path);

// A read-only memory mapping that stays valid while any copy of the shared_ptr lives.
struct MappedFile {
  const uint8_t* data = nullptr;
  size_t size = 0;
  ~MappedFile();
};
std::shared_ptr<const MappedFile> map_file(const std::string& path);

// Writes `path` all-or-nothing: bytes go to `path.tmp`, which is flushed, synced and renamed
// over `path` by commit(). If the writer is destroyed without commit() (an exception, a full
// disk) the temporary file is removed and `path` is untouched.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(const void* data, size_t size);
  void commit();

 private:
  [[noreturn]] void fail(const std::string& what);
  std::string path_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
};

// Writes text all-or-nothing (see AtomicFileWriter).
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace lt
