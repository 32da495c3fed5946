// Names given by people (run names, plan names, methods of a plan) that become one folder or
// file name: checked before they touch the file system, so that "../x" or "a/b" never writes
// outside the folder it was meant for.
#pragma once

#include <string>

namespace lt {

// Whether `name` is one safe path component: 1 to 255 bytes, not "." or "..", no '/', no
// backslash, no control character (newline, NUL, ...).
bool is_safe_path_component(const std::string& name);

// Throws a kSetting error naming `what` (e.g. "--name") when `name` is not a safe component.
void check_path_component(const std::string& name, const std::string& what);

}  // namespace lt
