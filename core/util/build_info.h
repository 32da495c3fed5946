// What a run records about the program that made it.
#pragma once

#include <string>

namespace lt {

std::string build_git_commit();  // the commit the build was configured from, or "unknown"
std::string libtorch_version();  // e.g. "2.11.0"

}  // namespace lt
