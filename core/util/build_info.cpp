#include "util/build_info.h"

#include <torch/version.h>

namespace lt {

std::string build_git_commit() {
#ifdef LONGTAIL_GIT_COMMIT
  return LONGTAIL_GIT_COMMIT;
#else
  return "unknown";
#endif
}

std::string libtorch_version() {
  return TORCH_VERSION;
}

}  // namespace lt
