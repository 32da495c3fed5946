// Numbers and lists as the sweep commands print them (JSON null for what is not finite, %g, four
// decimals, a duration in s, min or h, a set in braces).
#pragma once

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

namespace lt::cli::sweep_text {

using json = nlohmann::ordered_json;

inline json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

inline std::string g(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

inline std::string fixed4(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", v);
  return text;
}

inline std::string duration(double seconds) {
  char text[64];
  if (seconds < 90) {
    std::snprintf(text, sizeof text, "%.0f s", seconds);
  } else if (seconds < 3 * 3600) {
    std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
  } else {
    std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
  }
  return text;
}

template <typename T>
std::string list_text(const std::vector<T>& values) {
  std::string out;
  for (const auto& v : values) {
    if constexpr (std::is_floating_point_v<T>) {
      out += (out.empty() ? "" : ", ") + g(v);
    } else if constexpr (std::is_arithmetic_v<T>) {
      out += (out.empty() ? "" : ", ") + std::to_string(v);
    } else {
      out += (out.empty() ? "" : ", ") + std::string(v);
    }
  }
  return "{" + out + "}";
}

}  // namespace lt::cli::sweep_text
