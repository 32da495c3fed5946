#include "util/shell_quote.h"

namespace lt {
namespace {

bool is_safe_in_a_shell_word(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '_':
    case '.':
    case '/':
    case '=':
    case ':':
    case '@':
    case '%':
    case '+':
    case ',':
    case '-':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string shell_quote(const std::string& word) {
  bool safe = !word.empty();
  for (char c : word) safe = safe && is_safe_in_a_shell_word(c);
  // A leading '-' or '=' is still one word; callers that pass words after a command put "--"
  // themselves where the command would read them as options.
  if (safe) return word;
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  quoted += '\'';
  return quoted;
}

std::string shell_join(const std::vector<std::string>& words) {
  std::string line;
  for (const auto& word : words) {
    if (!line.empty()) line += ' ';
    line += shell_quote(word);
  }
  return line;
}

}  // namespace lt
