// A run's tags and note: the user's words for what a run is for ("baseline", "for the paper"),
// so it can be found again. They live in the run folder (labels.json, which travels with a
// copied folder and is read back by `runs add`) and in the store (for filtering); the folder is
// written first, as everywhere, and the store follows it.
#pragma once

#include <string>
#include <vector>

namespace lt {

class RunStore;
struct StoredRun;

struct RunLabels {
  std::vector<std::string> tags;  // sorted, each once
  std::string note;
};

// Throws a kSetting error for an empty tag, or one with white space, a comma or a control
// character (tags are typed on command lines and shown comma-separated).
void check_tag(const std::string& tag);

// labels.json of `run_dir`; empty labels when the folder has none. A damaged file is a kFormat
// error naming it.
RunLabels read_run_labels(const std::string& run_dir);
bool has_run_labels(const std::string& run_dir);

// Writes labels.json atomically, then the store's copy.
void save_run_labels(RunStore& store, const StoredRun& run, RunLabels labels);

// The tags of `labels` with `add` added and `remove` removed, sorted and each once.
std::vector<std::string> edit_tags(const std::vector<std::string>& tags,
                                   const std::vector<std::string>& add,
                                   const std::vector<std::string>& remove);

}  // namespace lt
