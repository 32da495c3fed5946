#include "cli/common_options.h"

namespace lt::cli {

CLI::Option* add_json_flag(CLI::App* cmd, bool& json, const std::string& what) {
  return cmd->add_flag("--json", json, what);
}

CLI::Option* add_device_option(CLI::App* cmd, std::string& device) {
  return cmd->add_option("--device", device, "auto, cpu, cuda or cuda:N")->capture_default_str();
}

CLI::Option* add_precision_option(CLI::App* cmd, std::string& precision) {
  return cmd->add_option("--precision", precision, "auto, fp32 or bf16")->capture_default_str();
}

}  // namespace lt::cli
