#include "cli/terminal_progress.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace lt::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int signal) {
  if (g_interrupted.exchange(true)) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
}

}  // namespace

void install_interrupt_handler() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

bool interrupted() {
  return g_interrupted.load();
}

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

bool progress_lines_requested() {
  const char* mode = std::getenv("LONGTAIL_PROGRESS");
  return mode != nullptr && std::string(mode) == "lines";
}

TerminalProgress::TerminalProgress(bool enabled)
    : enabled_(enabled || progress_lines_requested()), lines_(progress_lines_requested()) {}

TerminalProgress::~TerminalProgress() {
  if (drawn_ && !lines_) std::fputs("\n", stderr);
}

ProgressFn TerminalProgress::callback() {
  return [this](const Progress& p) {
    if (enabled_) draw(p);
    return !interrupted();
  };
}

void TerminalProgress::draw(const Progress& p) {
  const auto now = std::chrono::steady_clock::now();
  const bool last = p.total > 0 && p.done >= p.total;
  if (!last && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  if (lines_) {
    // One whole line per report, so a wrapper reading a pipe sees each one as it happens.
    std::fprintf(stderr, "progress %s %lld/%lld\n", p.stage.c_str(), static_cast<long long>(p.done),
                 static_cast<long long>(p.total));
    std::fflush(stderr);
    return;
  }
  constexpr int kWidth = 30;
  const double share = p.total > 0 ? double(p.done) / double(p.total) : 0.0;
  const int filled = int(share * kWidth);
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r[%s] %3d%% %s %lld/%lld   ", bar.c_str(), int(share * 100),
               p.stage.c_str(), static_cast<long long>(p.done), static_cast<long long>(p.total));
  std::fflush(stderr);
}

}  // namespace lt::cli
