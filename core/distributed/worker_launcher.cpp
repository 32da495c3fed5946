#include "distributed/worker_launcher.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include "util/error.h"

extern char** environ;

namespace lt {
namespace {

volatile sig_atomic_t g_signal = 0;

extern "C" void remember_signal(int signal) {
  g_signal = signal;
}

// Handlers without SA_RESTART: a signal interrupts waitpid, and the loop forwards it.
class ForwardedSignals {
 public:
  ForwardedSignals() {
    g_signal = 0;
    struct sigaction action {};
    action.sa_handler = remember_signal;
    sigemptyset(&action.sa_mask);
    for (int s : kSignals) sigaction(s, &action, &previous_[s]);
  }
  ~ForwardedSignals() {
    for (int s : kSignals) sigaction(s, &previous_[s], nullptr);
  }
  static int take() {
    const int s = g_signal;
    g_signal = 0;
    return s;
  }

 private:
  static constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
  std::map<int, struct sigaction> previous_;
};

std::string describe(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int s = WTERMSIG(status);
    return "was killed by signal " + std::to_string(s) + " (" + strsignal(s) + ")";
  }
  return "stopped";
}

bool failed(int status) {
  return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

// How much an ending says about why the run failed (lower says more): killed by a signal (the
// cause), then an error of its own (status 2: a setting), then the rest (status 1, which the
// workers that lost a peer also end with), then success.
int telling(int status) {
  if (WIFSIGNALED(status)) return 0;
  if (!failed(status)) return 3;
  return WEXITSTATUS(status) == 1 ? 2 : 1;
}

struct Ended {
  int64_t rank;
  pid_t pid;
  int status;
};

std::vector<std::string> worker_environment(const LaunchPlan& plan, int64_t local_rank) {
  const int64_t world = plan.nproc_per_node * plan.nnodes;
  const std::map<std::string, std::string> set = {
      {"RANK", std::to_string(plan.node_rank * plan.nproc_per_node + local_rank)},
      {"WORLD_SIZE", std::to_string(world)},
      {"LOCAL_RANK", std::to_string(local_rank)},
      {"LOCAL_WORLD_SIZE", std::to_string(plan.nproc_per_node)},
      {"GROUP_RANK", std::to_string(plan.node_rank)},
      {"MASTER_ADDR", plan.master_addr},
      {"MASTER_PORT", std::to_string(plan.master_port)},
  };
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (set.count(entry.substr(0, entry.find('='))) == 0) env.push_back(entry);
  }
  for (const auto& [name, value] : set) env.push_back(name + "=" + value);
  return env;
}

pid_t start_worker(const LaunchPlan& plan, int64_t local_rank) {
  // Everything exec needs is made before fork: the child only calls async-signal-safe functions.
  std::vector<std::string> args{plan.program};
  args.insert(args.end(), plan.arguments.begin(), plan.arguments.end());
  const std::vector<std::string> env = worker_environment(plan, local_rank);
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const pid_t launcher = getpid();
  const pid_t pid = fork();
  if (pid < 0)
    throw_io(std::string("cannot start a worker: fork failed (") + strerror(errno) + ")");
  if (pid == 0) {
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != launcher) _exit(127);  // the launcher died before prctl
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execve(plan.program.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

LaunchOutcome launch_workers(const LaunchPlan& plan,
                             const std::function<void(int64_t, pid_t)>& on_started) {
  if (plan.nproc_per_node < 1 || plan.nnodes < 1 || plan.node_rank < 0 ||
      plan.node_rank >= plan.nnodes) {
    throw_setting("--nproc-per-node and --nnodes must be at least 1, and --node-rank in [0, " +
                  std::to_string(plan.nnodes) + ")");
  }
  if (plan.master_port < 1 || plan.master_port > 65535) {
    throw_setting("--master-port " + std::to_string(plan.master_port) + " is not a TCP port");
  }
  ForwardedSignals signals;
  std::map<pid_t, int64_t> running;  // pid -> local rank
  LaunchOutcome outcome;
  const auto rank_of = [&](int64_t local) { return plan.node_rank * plan.nproc_per_node + local; };
  const auto signal_all = [&](int s) {
    for (const auto& [pid, local] : running) kill(pid, s);
  };
  for (int64_t local = 0; local < plan.nproc_per_node; ++local) {
    pid_t pid = -1;
    try {
      pid = start_worker(plan, local);
    } catch (...) {
      signal_all(SIGKILL);
      for (const auto& [p, l] : running) waitpid(p, nullptr, 0);
      throw;
    }
    running[pid] = local;
    if (on_started) on_started(rank_of(local), pid);
  }

  using Clock = std::chrono::steady_clock;
  std::optional<Clock::time_point> kill_at;  // set once a worker failed
  while (!running.empty()) {
    if (const int s = ForwardedSignals::take(); s != 0) {
      outcome.interrupted = true;
      signal_all(s);
    }
    int status = 0;
    const bool grace_running = kill_at.has_value();
    const pid_t pid = waitpid(-1, &status, grace_running ? WNOHANG : 0);
    if (pid < 0) {
      if (errno == EINTR) continue;  // a signal to forward
      if (errno == ECHILD) break;
      throw_io(std::string("waiting for the workers failed (") + strerror(errno) + ")");
    }
    if (pid == 0) {  // survivors of a failure, still in their grace period
      if (Clock::now() >= *kill_at) signal_all(SIGKILL);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    std::vector<Ended> ended{{rank_of(it->second), pid, status}};
    running.erase(it);
    if (!failed(status) || outcome.failed_rank >= 0) continue;
    // The first failure seen. Workers that lost it as a peer fail an instant later, and may be
    // reaped first: of those already gone, the one that says most is reported.
    for (pid_t other; (other = waitpid(-1, &status, WNOHANG)) > 0;) {
      if (const auto o = running.find(other); o != running.end()) {
        ended.push_back({rank_of(o->second), other, status});
        running.erase(o);
      }
    }
    const Ended& cause = *std::min_element(ended.begin(), ended.end(), [](auto& a, auto& b) {
      return telling(a.status) < telling(b.status);
    });
    outcome.failed_rank = cause.rank;
    outcome.exit_status = WIFEXITED(cause.status) ? WEXITSTATUS(cause.status) : 1;
    outcome.message = "worker rank " + std::to_string(cause.rank) + " (pid " +
                      std::to_string(cause.pid) + ") " + describe(cause.status);
    // After an interrupt the others are stopping already (a second signal would kill them in
    // the middle of their last checkpoint); otherwise they are stopped.
    if (!outcome.interrupted && !running.empty()) {
      outcome.message += "; stopped the other " + std::to_string(running.size()) + " of " +
                         std::to_string(plan.nproc_per_node) + " workers";
      signal_all(SIGTERM);
      kill_at = Clock::now() + plan.grace;
    }
  }
  return outcome;
}

int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw_io(std::string("cannot open a socket (") + strerror(errno) + ")");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  close(fd);
  if (!ok) throw_io(std::string("cannot find a free port on loopback (") + strerror(errno) + ")");
  return ntohs(address.sin_port);
}

std::string current_executable() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw_io("cannot find this program's executable (/proc/self/exe: " + ec.message() + ")");
  return path.string();
}

}  // namespace lt
