#include "distributed/slurm_nodelist.h"

#include <cstdio>
#include <memory>

#include "util/error.h"
#include "util/shell_quote.h"

namespace lt {
namespace {

// The first name of the list: up to the first comma outside brackets.
std::string first_item(const std::string& list) {
  int depth = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] == '[') ++depth;
    if (list[i] == ']') --depth;
    if (list[i] == ',' && depth == 0) return list.substr(0, i);
  }
  return list;
}

std::string from_scontrol(const std::string& nodelist) {
  const std::string command = "scontrol show hostnames " + shell_quote(nodelist) + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return "";
  char line[512];
  if (std::fgets(line, sizeof line, pipe.get()) == nullptr) return "";
  std::string host = line;
  while (!host.empty() && (host.back() == '\n' || host.back() == '\r')) host.pop_back();
  return host;
}

}  // namespace

std::string first_slurm_host(const std::string& nodelist) {
  const std::string item = first_item(nodelist);
  const auto open = item.find('[');
  std::string host;
  if (open == std::string::npos) {
    host = item;
  } else {
    const auto close = item.find(']', open);
    if (close != std::string::npos && item.find('[', close) == std::string::npos) {
      // prefix[range,...]suffix: the first range's first number, as written.
      const std::string ranges = item.substr(open + 1, close - open - 1);
      const std::string first = ranges.substr(0, ranges.find_first_of(",-"));
      if (!first.empty() && first.find_first_not_of("0123456789") == std::string::npos) {
        host = item.substr(0, open) + first + item.substr(close + 1);
      }
    }
    if (host.empty()) host = from_scontrol(nodelist);
  }
  if (host.empty()) {
    throw_setting("SLURM_JOB_NODELIST \"" + nodelist + "\" names no host that longtail or " +
                  "scontrol could read; set MASTER_ADDR to rank 0's host");
  }
  return host;
}

}  // namespace lt
