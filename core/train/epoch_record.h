// One finished epoch as a run records it: a line of metrics.jsonl, an entry of the CLI's --json
// history and of `runs show`. One struct and one JSON form, read and written here only.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lt {

struct EpochMetrics {
  int64_t epoch = 0;         // 1-based
  double loss = 0;           // mean training loss of the epoch
  double lr = 0;             // learning rate at the epoch's last step
  double images_per_s = 0;   // source images per second, augmentation included
  double knn_accuracy = -1;  // in [0, 1]; -1 when not measured this epoch
  double seconds = 0;
};

// {"epoch", "loss", "lr", "images_per_s", ["knn_accuracy"], "seconds"}; a NaN loss as null.
nlohmann::ordered_json epoch_to_json(const EpochMetrics& epoch);

// Throws nlohmann::json::exception for a record without epoch, loss, lr or images_per_s.
EpochMetrics epoch_from_json(const nlohmann::json& record);

// The epochs of a metrics.jsonl, 1, 2, ... in order, up to `last_epoch` (later lines were written
// after the last checkpoint), to the first damaged line (a line cut by a kill ends what can be
// trusted) or to the first gap. A missing file has none.
std::vector<EpochMetrics> read_epoch_records(const std::string& path,
                                             int64_t last_epoch = INT64_MAX);

}  // namespace lt
