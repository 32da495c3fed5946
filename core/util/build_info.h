// What a run records about the program that made it, and what `longtail --version` prints.
#pragma once

#include <string>
#include <vector>

namespace lt {

std::string build_git_commit();  // the commit the build was configured from, or "unknown"
bool build_git_dirty();          // whether that tree had uncommitted changes at configure time
std::string libtorch_version();  // e.g. "2.11.0"
std::string longtail_version();  // the project's version, e.g. "0.1.0"
std::string compiler_version();  // e.g. "g++ 12.2.0"
// The CUDA runtime and cuDNN this LibTorch was built with, e.g. "13.0" and "9.19.0"; "none" for a
// CPU-only LibTorch.
std::string cuda_version();
std::string cudnn_version();

// Several lines: the version, commit, LibTorch, CUDA, cuDNN and compiler.
std::string build_versions_text();

// The command line of this process, as main() received it (recorded with each run).
void set_command_line(int argc, char** argv);
std::string command_line();
// The same, word by word (argv[0] first): what a launcher passes on to its workers.
std::vector<std::string> command_line_arguments();
// The command line a run records, when it is not this process's own: a data-parallel worker
// records its launcher's, which is what reproduces the run.
void set_recorded_command_line(const std::string& line);

}  // namespace lt
