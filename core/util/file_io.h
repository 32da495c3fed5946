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

// Writes `path` all-or-nothing: bytes go to a temporary file of a name no other writer uses
// (`path.<pid>.<random>.tmp`, in the same folder), which commit() flushes, syncs, renames over
// `path`, and then syncs the folder, so that after a power loss `path` is the old file or the
// new one, never an empty one. If the writer is destroyed without commit() (an exception, a
// full disk) the temporary file is removed and `path` is untouched. A failed write names the
// folder and, for a full disk, the bytes it needed.
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
  uint64_t written_ = 0;
};

// Writes text all-or-nothing (see AtomicFileWriter).
void write_file_atomically(const std::string& path, const std::string& text);

// fsync of the folder holding `path`, so that a rename or a new file in it survives a power
// loss. Throws kIo naming the folder when it fails.
void sync_parent_folder(const std::string& path);

// A name for a temporary file beside `path` that no other process or thread uses at the same
// time: `path.<pid>.<random>.tmp`.
std::string unique_temporary_name(const std::string& path);

}  // namespace lt
