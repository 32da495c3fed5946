// This machine's host name, as runs, sweep claims and provenance record it (a run of another
// host is never called interrupted: its process cannot be looked up from here).
#pragma once

#include <string>

namespace lt {

std::string current_host();

}  // namespace lt
