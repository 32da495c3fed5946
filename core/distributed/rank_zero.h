// What one process of a data-parallel run does for all of them: rank 0 alone writes the run's
// files, and builds what every rank then reads, while the others wait. Plain C++ over an opaque
// DataParallel (null: a one-process run, which does everything itself), so that executors
// without LibTorch's headers (a sweep's queued run) can say it.
#pragma once

#include <functional>
#include <string>

namespace lt {

class DataParallel;

// Whether this process writes the run's folder, its results and the store: a one-process run and
// rank 0 of a data-parallel one.
bool writes_run_files(const DataParallel* data_parallel);

// `work` done by rank 0 alone while the other ranks wait for it; afterwards every rank knows
// whether it worked: rank 0 rethrows its own error, the others throw a kData lt::Error saying that
// rank 0 failed at `what`. A one-process run just does `work`.
void rank_zero_first(DataParallel* data_parallel, const std::function<void()>& work,
                     const std::string& what);

// The largest of every rank's `value` (each rank's own value for a one-process run): how the
// ranks agree on a choice each of them made alone, e.g. from a file they all read.
int64_t agreed_max(DataParallel* data_parallel, int64_t value);

}  // namespace lt
