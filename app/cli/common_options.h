// Options that many commands share (--json, --device, --precision, --threads), declared once so
// that they are spelt, explained and checked the same in every command.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace lt::cli {

// --json: the command prints one JSON document on stdout and nothing else there.
CLI::Option* add_json_flag(CLI::App* cmd, bool& json,
                           const std::string& what = "print one JSON object on stdout");

// --device: auto (CUDA when there is one), cpu, cuda or cuda:N.
CLI::Option* add_device_option(CLI::App* cmd, std::string& device);

// --precision: auto (bf16 where the device computes it fast), fp32 or bf16.
CLI::Option* add_precision_option(CLI::App* cmd, std::string& precision);

// --threads: torch's CPU threads; 0 takes every core. Negative values are refused.
template <typename Int>
CLI::Option* add_threads_option(CLI::App* cmd, Int& threads,
                                const std::string& what = "torch CPU threads (0: all cores)") {
  return cmd->add_option("--threads", threads, what)
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
}

}  // namespace lt::cli
