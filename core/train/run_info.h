// run.json as experiments made of several runs (quick, table1) read it back: what they report
// from it comes from the file or the error says why, never a silent 0.
#pragma once

#include <cstdint>
#include <string>

namespace lt {

// The number of training images of the run in `run_dir` (run.json's total_images). Throws kIo
// when run.json is missing, kFormat naming the file when it is damaged or lacks the field.
int64_t run_total_images(const std::string& run_dir);

}  // namespace lt
