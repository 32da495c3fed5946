#include "sweep/slurm_client.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sweep/slurm_script.h"
#include "util/error.h"
#include "util/shell_quote.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

struct Output {
  int status = -1;  // the exit status; 127: not found
  std::string out, err;
};

// Runs `words` (no shell features) and collects stdout and stderr.
Output run_program(const std::vector<std::string>& words) {
  std::string command;
  for (const auto& w : words) command += (command.empty() ? "" : " ") + shell_quote(w);
  const fs::path err_path =
      fs::temp_directory_path() / ("longtail-slurm-" + std::to_string(getpid()) + ".err");
  command += " 2>" + shell_quote(err_path.string()) + " </dev/null";
  Output o;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return o;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) o.out.append(buffer, n);
  const int raw = pclose(pipe);
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream err(err_path);
  std::stringstream text;
  text << err.rdbuf();
  o.err = text.str();
  std::error_code ec;
  fs::remove(err_path, ec);
  return o;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

std::vector<std::string> split(const std::string& line, char by) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, by)) out.push_back(field);
  return out;
}

}  // namespace

std::string slurm_state_word(const std::string& s) {
  if (s == "PENDING" || s == "REQUEUED" || s == "REQUEUE_HOLD" || s == "REQUEUE_FED" ||
      s == "PREEMPTED" || s == "RESV_DEL_HOLD" || s == "SPECIAL_EXIT") {
    return "pending";
  }
  if (s == "RUNNING" || s == "CONFIGURING" || s == "COMPLETING" || s == "SUSPENDED" ||
      s == "STAGE_OUT" || s == "SIGNALING" || s == "RESIZING" || s == "STOPPED") {
    return "running";
  }
  if (s == "COMPLETED") return "completed";
  if (s.rfind("CANCELLED", 0) == 0) return "cancelled";
  return "failed";  // FAILED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, BOOT_FAIL, DEADLINE, ...
}

std::string sbatch_submit(const std::string& script) {
  const Output o = run_program({"sbatch", "--parsable", script});
  if (o.status == 127) {
    throw_io(
        "sbatch is not on this machine's PATH; submit from a Slurm login node, or write the "
        "script only with --dry-run");
  }
  if (o.status != 0) {
    throw_io("sbatch refused " + script + ": " + trimmed(o.err.empty() ? o.out : o.err));
  }
  // --parsable: "JOBID" or "JOBID;CLUSTER".
  const std::string id = trimmed(o.out).substr(0, trimmed(o.out).find(';'));
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos) {
    throw_io("sbatch answered \"" + trimmed(o.out) + "\" instead of a job id for " + script);
  }
  return id;
}

std::map<std::string, SlurmTaskState> slurm_task_states(const std::vector<std::string>& job_ids,
                                                        std::string* error) {
  std::map<std::string, SlurmTaskState> states;
  if (job_ids.empty()) return states;
  // squeue knows jobs until MinJobAge after they end; -r shows every array task on its own line.
  // A cluster that does not answer (no slurm.conf: the clients look for one in DNS) must not
  // hang `sweep status`: a minute at most.
  const Output q = run_program({"timeout", "60", "squeue", "-h", "-r", "--states=all", "-j",
                                joined(job_ids), "-o", "%i|%T|%r"});
  if (q.status != 0 && error != nullptr) *error = "squeue: " + trimmed(q.err);
  if (q.status == 0) {
    for (const auto& line : split(q.out, '\n')) {
      const auto f = split(line, '|');
      if (f.size() < 3 || f[0].find('_') == std::string::npos) continue;
      states[f[0]] = {slurm_state_word(f[1]), f[1], f[2] == "None" ? "" : f[2]};
    }
  }
  // sacct, where accounting is configured, remembers what squeue has forgotten.
  const Output a = run_program({"timeout", "60", "sacct", "-n", "-P", "-X", "-j", joined(job_ids),
                                "-o", "JobID,State,ExitCode"});
  if (a.status == 0) {
    for (const auto& line : split(a.out, '\n')) {
      const auto f = split(line, '|');
      if (f.size() < 3 || f[0].find('_') == std::string::npos || states.contains(f[0])) continue;
      const std::string state = f[1].substr(0, f[1].find(' '));  // "CANCELLED by 0"
      states[f[0]] = {slurm_state_word(state), state, f[2] == "0:0" ? "" : "exit code " + f[2]};
    }
  }
  return states;
}

void slurm_cancel(const std::vector<std::string>& job_ids) {
  if (job_ids.empty()) return;
  std::vector<std::string> words = {"scancel"};
  words.insert(words.end(), job_ids.begin(), job_ids.end());
  const Output o = run_program(words);
  if (o.status == 127)
    throw_io("scancel is not on this machine's PATH; cancel from the login node");
  if (o.status != 0) throw_io("scancel " + joined(job_ids) + " failed: " + trimmed(o.err));
}

}  // namespace lt
