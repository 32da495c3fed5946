#include <sys/resource.h>

#include <csignal>
#include <filesystem>

#include "test_support.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lt {
namespace {

using test::TempDir;

TEST(AtomicFileWriter, ReplacesTheFileOnlyOnCommit) {
  TempDir dir;
  const std::string path = dir.file("out.txt");
  write_file_atomically(path, "old");
  {
    AtomicFileWriter writer(path);
    writer.write("new", 3);
    // Destroyed without commit, as when an exception unwinds.
  }
  EXPECT_EQ(test::read_bytes(path), (std::vector<uint8_t>{'o', 'l', 'd'}));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  write_file_atomically(path, "new");
  EXPECT_EQ(test::read_bytes(path), (std::vector<uint8_t>{'n', 'e', 'w'}));
}

TEST(AtomicFileWriter, AFullDiskLeavesTheOldFileAndSaysWhatToDo) {
  TempDir dir;
  const std::string path = dir.file("big.bin");
  write_file_atomically(path, "keep me");
  // A file-size limit makes writes fail the way a full disk does.
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit old_limit{};
  getrlimit(RLIMIT_FSIZE, &old_limit);
  rlimit small = old_limit;
  small.rlim_cur = 4096;
  setrlimit(RLIMIT_FSIZE, &small);
  std::string message;
  try {
    AtomicFileWriter writer(path);
    std::vector<char> chunk(1 << 20, 'x');
    writer.write(chunk.data(), chunk.size());
    writer.commit();
  } catch (const Error& e) {
    message = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &old_limit);
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("nothing was changed"), std::string::npos) << message;
  EXPECT_EQ(test::read_bytes(path).size(), 7u);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(FileIo, AMissingFileNamesThePath) {
  EXPECT_LT_ERROR(read_file("/nonexistent/file.bin"), ErrorKind::kIo, "/nonexistent/file.bin");
  EXPECT_LT_ERROR(map_file("/nonexistent/file.bin"), ErrorKind::kIo, "no such file");
  TempDir dir;
  EXPECT_LT_ERROR(read_file(dir.path().string()), ErrorKind::kIo, "directory");
  EXPECT_LT_ERROR(write_file_atomically(dir.file("no/such/dir/x"), "x"), ErrorKind::kIo,
                  "no/such/dir");
}

}  // namespace
}  // namespace lt
