// A write that failed for want of space: a full disk or quota, or a file-size limit (EFBIG).
// It is an kIo lt::Error (CLI exit 1) whose message names the folder and the space needed;
// its own type lets a sweep stop as a whole and put the run back in its queue instead of
// failing it, since every later run would meet the same disk.
#pragma once

#include <string>

#include "util/error.h"

namespace lt {

class NoSpaceError : public Error {
 public:
  explicit NoSpaceError(const std::string& message) : Error(ErrorKind::kIo, message) {}
};

}  // namespace lt
