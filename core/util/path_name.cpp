#include "util/path_name.h"

#include "util/error.h"

namespace lt {

bool is_safe_path_component(const std::string& name) {
  if (name.empty() || name.size() > 255 || name == "." || name == "..") return false;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || byte < 0x20 || byte == 0x7f) return false;
  }
  return true;
}

void check_path_component(const std::string& name, const std::string& what) {
  if (is_safe_path_component(name)) return;
  std::string shown;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    shown += byte < 0x20 || byte == 0x7f ? '?' : c;
  }
  throw_setting(what + " \"" + shown +
                "\" cannot name a folder: it must be one name, without '/', '\\', control "
                "characters, and not \".\" or \"..\"; choose another");
}

}  // namespace lt
