#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

#include <csignal>
#include <filesystem>

#include "test_support.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lt {
namespace {

using test::TempDir;

std::vector<std::string> files_in(const TempDir& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

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
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"out.txt"});
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
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"big.bin"});
  // The line names the folder and the space the file needed.
  EXPECT_NE(message.find("the folder " + dir.path().string() + " needs at least 1.0 MB"),
            std::string::npos)
      << message;
}

TEST(AtomicFileWriter, TwoWritersOfOneFileAtOnceEachWriteAWholeCopy) {
  // Two runners of one plan write plan.json at the same moment: neither may fail or tear it.
  TempDir dir;
  const std::string path = dir.file("plan.json");
  AtomicFileWriter first(path);
  AtomicFileWriter second(path);
  first.write("first", 5);
  second.write("second", 6);
  first.commit();
  EXPECT_EQ(test::read_bytes(path), (std::vector<uint8_t>{'f', 'i', 'r', 's', 't'}));
  second.commit();
  EXPECT_EQ(test::read_bytes(path), (std::vector<uint8_t>{'s', 'e', 'c', 'o', 'n', 'd'}));
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"plan.json"});
}

TEST(AtomicFileWriter, TemporaryNamesCarryThePidAndARandomPart) {
  const std::string a = unique_temporary_name("/x/plan.json");
  const std::string b = unique_temporary_name("/x/plan.json");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind("/x/plan.json." + std::to_string(getpid()) + ".", 0), 0u) << a;
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
