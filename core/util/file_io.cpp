#include "util/file_io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "util/error.h"
#include "util/no_space_error.h"

namespace lt {
namespace {

std::string errno_text(int error) {
  switch (error) {
    case ENOSPC:
      return "no space left on the device; free some space or write elsewhere";
    case EDQUOT:
      return "disk quota exceeded; free some space or write elsewhere";
    case EACCES:
    case EPERM:
      return "permission denied; check the path's permissions or choose another";
    case ENOENT:
      return "no such file or directory; check the path";
    case EISDIR:
      return "it is a directory, a file was expected";
    case EFBIG:
      return "the file is larger than this process may write (ulimit -f) or the file system "
             "allows; free some space, raise the limit or write elsewhere";
    default:
      return std::strerror(error);
  }
}

bool is_out_of_space(int error) {
  return error == ENOSPC || error == EDQUOT || error == EFBIG;
}

std::string folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// "12.3 MB", or "12 kB" below a megabyte (a figure would read "0.0 MB"), rounded up.
std::string size_text(uint64_t bytes) {
  char text[32];
  if (bytes < 1000000) {
    std::snprintf(text, sizeof text, "%llu kB",
                  static_cast<unsigned long long>((bytes + 999) / 1000));
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", double(bytes) / 1e6);
  }
  return text;
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::vector<uint8_t> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_io("cannot open " + path + ": " + errno_text(errno));
  FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw_io("cannot read " + path + ": " + errno_text(errno));
  if (S_ISDIR(st.st_mode)) throw_io("cannot read " + path + ": " + errno_text(EISDIR));
  std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_io("cannot read " + path + ": " + errno_text(errno));
    if (n == 0) break;  // the file shrank while we read it
    done += static_cast<size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

MappedFile::~MappedFile() {
  if (data != nullptr && size > 0) ::munmap(const_cast<uint8_t*>(data), size);
}

std::shared_ptr<const MappedFile> map_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_io("cannot open " + path + ": " + errno_text(errno));
  FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw_io("cannot read " + path + ": " + errno_text(errno));
  if (S_ISDIR(st.st_mode)) throw_io("cannot read " + path + ": " + errno_text(EISDIR));
  auto mapped = std::make_shared<MappedFile>();
  if (st.st_size == 0) return mapped;
  void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) throw_io("cannot map " + path + ": " + errno_text(errno));
  mapped->data = static_cast<const uint8_t*>(p);
  mapped->size = static_cast<size_t>(st.st_size);
  return mapped;
}

std::string unique_temporary_name(const std::string& path) {
  // The random part keeps two threads of one process (and a reused pid) apart.
  static std::atomic<uint64_t> counter{0};
  thread_local std::mt19937_64 rng{std::random_device{}() ^ (uint64_t(::getpid()) << 32)};
  char suffix[64];
  std::snprintf(suffix, sizeof suffix, ".%ld.%08llx%llu.tmp", long(::getpid()),
                static_cast<unsigned long long>(rng() & 0xffffffffu),
                static_cast<unsigned long long>(counter++));
  return path + suffix;
}

void sync_parent_folder(const std::string& path) {
  const std::string folder = folder_of(path);
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_io("cannot open the folder " + folder + " to sync it: " + errno_text(errno));
  FdCloser closer{fd};
  // Some file systems (and some container mounts) cannot sync a folder: nothing to do there.
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    throw_io("cannot sync the folder " + folder + ": " + errno_text(errno));
  }
}

AtomicFileWriter::AtomicFileWriter(std::string path)
    : path_(std::move(path)), tmp_path_(unique_temporary_name(path_)) {
  file_ = std::fopen(tmp_path_.c_str(), "wbx");
  if (file_ == nullptr) throw_io("cannot write " + path_ + ": " + errno_text(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(tmp_path_.c_str());
  }
}

void AtomicFileWriter::fail(const std::string& what) {
  const int error = errno;
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  std::remove(tmp_path_.c_str());
  std::string text = "cannot " + what + " " + path_ + ": " + errno_text(error);
  if (is_out_of_space(error)) {
    throw NoSpaceError(text + "; the folder " + folder_of(path_) + " needs at least " +
                       size_text(written_) + " free for it" + " (nothing was changed)");
  }
  throw_io(text + " (nothing was changed)");
}

void AtomicFileWriter::write(const void* data, size_t size) {
  written_ += size;
  if (size > 0 && std::fwrite(data, 1, size, file_) != size) fail("write");
}

void AtomicFileWriter::commit() {
  if (std::fflush(file_) != 0) fail("write");
  if (::fsync(::fileno(file_)) != 0) fail("write");
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (closed != 0) fail("write");
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) fail("write");
  sync_parent_folder(path_);
}

void write_file_atomically(const std::string& path, const std::string& text) {
  AtomicFileWriter writer(path);
  writer.write(text.data(), text.size());
  writer.commit();
}

}  // namespace lt
