#include "store/default_folders.h"

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace lt {

std::string data_home() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return (fs::path(xdg) / "longtail").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (fs::path(home) / ".local" / "share" / "longtail").string();
  return "longtail";
}

std::string store_folder(const std::string& store_path) {
  if (store_path.empty() || store_path == "none") return data_home();
  const fs::path parent = fs::absolute(fs::path(store_path)).parent_path();
  return parent.string();
}

std::string default_runs_folder(const std::string& store_path, const std::string& kind) {
  const fs::path runs = fs::path(store_folder(store_path)) / "runs";
  return (kind.empty() ? runs : runs / kind).string();
}

std::string default_sweeps_folder(const std::string& store_path) {
  return (fs::path(store_folder(store_path)) / "sweeps").string();
}

}  // namespace lt
