// Named settings of the toy model. "trends" (the defaults): n1 = n2 = ceil(d^(2/3)), n3 = 2,
// tau = 1, rho = d^(-1/3), m = 2, which shows the trends at small d. "theorem": Theorem 3.1's
// own regime, tau = d^(1/5), rho = d^(-1/5) (Appendix E: E[M] then holds d^(2/5) on e2),
// n1 = n2 = d, n3 = floor(d^(1/5)), m = 3; the supervised solver takes n <= 5,000, so d <= 2,048.
#pragma once

#include <cstdint>
#include <string>

#include "theory/theory_features.h"

namespace lt {

// The largest d the "theorem" preset's counts (2d + floor(d^(1/5))) let the SL solver take.
constexpr int64_t kTheoremPresetMaxD = 2048;

// Sets the counts, tau, rho and m of `options` (d, seeds and the probe stay); throws a kSetting
// lt::Error naming the presets for an unknown name.
void apply_theory_preset(const std::string& name, TheoryOptions& options);

}  // namespace lt
