// DesignSpec as JSON, shared by saved variants and run configs.
#pragma once

#include <nlohmann/json.hpp>

#include "data/longtail_design.h"

namespace lt {

nlohmann::ordered_json design_to_json(const DesignSpec& design);
// Throws nlohmann::json::exception on a missing field or a wrong type.
DesignSpec design_from_json(const nlohmann::json& json);

}  // namespace lt
