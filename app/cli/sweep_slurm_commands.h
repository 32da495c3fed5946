// `longtail sweep submit|exec|collect`: a sweep as a Slurm job array (core/sweep/slurm_sweep.h),
// and the pieces `sweep status|report|cancel` use for sweeps submitted to Slurm.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "sweep/sweep_status.h"

namespace lt::cli {

void add_sweep_slurm_commands(CLI::App* sweep, std::function<void()>& action);

// The id of the sweep named by --sweep (an id, a prefix, a sweep's folder, or "" for the latest)
// after bringing home what Slurm finished, when it was submitted there. Status and report call it
// first.
std::string collect_if_in_slurm(const std::string& store, const std::string& sweep);

// Each run of `status` (status_json's object) gets its Slurm job, task, state and reason; a
// submitted run's `state` becomes its Slurm state (pending, running, completed, failed,
// cancelled), its queue's state staying in `queue_state`. Adds "slurm_jobs". No-op for a sweep
// never submitted.
void add_slurm_states(nlohmann::ordered_json& status, const std::string& store);

// The text status's view of the same: a submitted run's state is its Slurm state, its note the
// task and Slurm's reason.
void apply_slurm_states(SweepStatus& status, const std::string& store);

// One line per Slurm job of the sweep, for the text status ("" when never submitted).
std::string slurm_status_text(const std::string& store, const std::string& sweep_id);

}  // namespace lt::cli
