// The one exception type of LongTail Lab. Every message says what went wrong, where (the file or
// the setting), and what to do; the CLI prints it as one line and the GUI shows it in a dialog.
#pragma once

#include <stdexcept>
#include <string>

namespace lt {

enum class ErrorKind {
  kSetting,  // a parameter or option is nonsensical: a usage error (CLI exit 2)
  kIo,       // a file cannot be opened, read or written (CLI exit 1)
  kFormat,   // a file's content is not what its format promises (CLI exit 1)
  kData,     // the data cannot serve the request, e.g. more images asked than exist (exit 1)
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

[[noreturn]] inline void throw_setting(const std::string& message) {
  throw Error(ErrorKind::kSetting, message);
}
[[noreturn]] inline void throw_io(const std::string& message) {
  throw Error(ErrorKind::kIo, message);
}
[[noreturn]] inline void throw_format(const std::string& message) {
  throw Error(ErrorKind::kFormat, message);
}
[[noreturn]] inline void throw_data(const std::string& message) {
  throw Error(ErrorKind::kData, message);
}

}  // namespace lt
