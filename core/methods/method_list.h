// Every pre-training method LongTail Lab knows, in one list: the CLI's help and checks, the GUI's
// choices, the comparison's labels and sweep presets read it, so a new method is one line here
// (and one in make_method's factory). Plain data, no LibTorch header: widgets include it.
#pragma once

#include <string>
#include <vector>

namespace lt {

struct MethodInfo {
  std::string name;   // as configs and --method spell it, e.g. "simclr"
  std::string label;  // as people read it, e.g. "SimCLR"
  bool self_supervised = true;
  bool temperature = false;  // has a contrastive temperature (and so a temperature schedule)
  std::string summary;       // one line: what it is, who made it
};

// In the order the GUI offers them: the paper's SimSiam first, supervised last.
const std::vector<MethodInfo>& known_methods();

// nullptr for an unknown name.
const MethodInfo* find_method(const std::string& name);

// "simsiam, simclr, ... or supervised": for help texts and error messages.
std::string method_names_text();

}  // namespace lt
