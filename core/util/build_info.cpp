#include "util/build_info.h"

#include <ATen/Context.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/version.h>

#include "util/shell_quote.h"

namespace lt {
namespace {

std::string& saved_command_line() {
  static std::string line;
  return line;
}

// CUDA's and cuDNN's numbers as their headers encode them (major * 1000 + minor * 10 for the
// runtime, major * 10000 + minor * 100 + patch for cuDNN 9).
std::string cuda_number(long v) {
  return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10);
}

std::string cudnn_number(long v) {
  return std::to_string(v / 10000) + "." + std::to_string((v % 10000) / 100) + "." +
         std::to_string(v % 100);
}

}  // namespace

std::string build_git_commit() {
#ifdef LONGTAIL_GIT_COMMIT
  return LONGTAIL_GIT_COMMIT;
#else
  return "unknown";
#endif
}

bool build_git_dirty() {
#ifdef LONGTAIL_GIT_DIRTY
  return LONGTAIL_GIT_DIRTY;
#else
  return false;
#endif
}

std::string libtorch_version() {
  return TORCH_VERSION;
}

std::string longtail_version() {
#ifdef LONGTAIL_PROJECT_VERSION
  return LONGTAIL_PROJECT_VERSION;
#else
  return "unknown";
#endif
}

std::string compiler_version() {
#if defined(__clang__)
  return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
  return std::string("g++ ") + __VERSION__;
#else
  return "unknown";
#endif
}

// Asked of LibTorch's CUDA hooks, which exist only where libtorch_cuda is loaded; they need no
// GPU, only the library.
std::string cuda_version() {
  try {
    if (!at::detail::getCUDAHooks().hasCUDART()) return "none";
    return cuda_number(at::detail::getCUDAHooks().versionCUDART());
  } catch (const std::exception&) {
    return "none";
  }
}

std::string cudnn_version() {
  try {
    if (!at::detail::getCUDAHooks().hasCuDNN()) return "none";
    return cudnn_number(at::detail::getCUDAHooks().versionCuDNN());
  } catch (const std::exception&) {
    return "none";
  }
}

std::string build_versions_text() {
  return "longtail " + longtail_version() + "\n" + "commit " + build_git_commit() +
         (build_git_dirty() ? " (with uncommitted changes)" : "") + "\n" + "LibTorch " +
         libtorch_version() + ", CUDA " + cuda_version() + ", cuDNN " + cudnn_version() + "\n" +
         "compiler " + compiler_version();
}

namespace {
std::vector<std::string>& saved_arguments() {
  static std::vector<std::string> arguments;
  return arguments;
}
}  // namespace

void set_command_line(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) line += (i == 0 ? "" : " ") + shell_quote(argv[i]);
  saved_command_line() = line;
  saved_arguments().assign(argv, argv + argc);
}

std::vector<std::string> command_line_arguments() {
  return saved_arguments();
}

void set_recorded_command_line(const std::string& line) {
  saved_command_line() = line;
}

std::string command_line() {
  return saved_command_line();
}

}  // namespace lt
