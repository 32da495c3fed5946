#include "theory/theory_preset.h"

#include "util/error.h"

namespace lt {

void apply_theory_preset(const std::string& name, TheoryOptions& o) {
  ToyModelOptions& toy = o.toy;
  toy.n1.reset();
  toy.n2.reset();
  toy.tau.reset();
  toy.rho.reset();
  if (name == "trends") {
    const ToyModelOptions defaults;
    toy.n_exponent = defaults.n_exponent;
    toy.n3 = defaults.n3;
    toy.n3_exponent.reset();
    toy.tau_exponent = defaults.tau_exponent;
    toy.rho_exponent = defaults.rho_exponent;
    o.m = TheoryOptions{}.m;
    return;
  }
  if (name == "theorem") {
    toy.n_exponent = 1.0;
    toy.n3_exponent = 0.2;
    toy.tau_exponent = 0.2;
    toy.rho_exponent = -0.2;
    o.m = 3;
    return;
  }
  throw_setting("--preset \"" + name +
                "\" is unknown; use trends (the defaults) or theorem (Theorem 3.1's regime)");
}

}  // namespace lt
