// Running the longtail CLI from a test as a script would: its exit status, stdout and stderr.
// LONGTAIL_CLI (the binary's path) is defined by CMake for the test executables that use it.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.h"

namespace lt::test {

struct CliResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// `prefix` (e.g. "timeout 20 ") goes before the binary; `args` go through the shell.
inline CliResult run_cli_prefixed(const std::string& prefix, const std::string& args) {
  TempDir dir;
  const std::string command = prefix + std::string(LONGTAIL_CLI) + " " + args + " >" +
                              dir.file("out") + " 2>" + dir.file("err") + " </dev/null";
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(dir.file("out")), slurp(dir.file("err"))};
}

// `args` goes through the shell; stdin is empty.
inline CliResult run_cli(const std::string& args) {
  return run_cli_prefixed("", args);
}

// run_cli under `timeout SECONDS`: a command that hangs ends with status 124.
inline CliResult run_cli_within(int seconds, const std::string& args) {
  return run_cli_prefixed("timeout " + std::to_string(seconds) + " ", args);
}

}  // namespace lt::test
