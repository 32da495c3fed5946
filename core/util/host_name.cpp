#include "util/host_name.h"

#include <unistd.h>

namespace lt {

std::string current_host() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

}  // namespace lt
