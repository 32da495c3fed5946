// The record of rwSAM's weights (eval/kde_options.h) as JSON: in a run's rwsam-weights.json,
// in the file of `longtail weights --out`, and read back from that file.
#pragma once

#include <nlohmann/json.hpp>

#include "eval/kde_options.h"

namespace lt {

nlohmann::ordered_json kde_record_to_json(const KdeRecord& record);
// Missing fields keep their defaults (files written before the record had them).
KdeRecord kde_record_from_json(const nlohmann::json& j);

}  // namespace lt
