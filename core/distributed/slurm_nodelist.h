// Slurm's compressed host lists (SLURM_JOB_NODELIST): "gpu07", "gpu[07-10]", "gpu[3,5-7],cpu1",
// "a1,b2". The first host is where rank 0 (and its store) runs under srun.
#pragma once

#include <string>

namespace lt {

// The first host of `nodelist`, by our own parse of the forms above (zero padding kept:
// "gpu[07-10]" gives "gpu07"); for anything else (several bracket groups in one name) it asks
// `scontrol show hostnames`. Throws a kSetting lt::Error when neither gives a host.
std::string first_slurm_host(const std::string& nodelist);

}  // namespace lt
