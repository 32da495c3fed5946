#include "cli/theory_commands.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "cli/common_options.h"
#include "cli/terminal_progress.h"
#include "theory/theory_preset.h"
#include "theory/theory_sweep.h"
#include "util/error.h"

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

// The flags both commands share. Counts, tau and rho given as numbers win over their exponents;
// CLI11 refuses a number and its exponent together.
struct ModelFlags {
  int64_t d = 256, n1 = 0, n2 = 0, n3 = 2, m = 2;
  double tau = 0, rho = 0;
  double n_exponent = 2.0 / 3, tau_exponent = 0, rho_exponent = -1.0 / 3;
  uint64_t seed = 0;
  int64_t seeds = 1;
  int64_t probe_examples = 5, probe_test = 500;
  int64_t threads = 1;
  bool json = false;
  std::string preset = "trends";
};

void add_model_flags(CLI::App* cmd, ModelFlags& f) {
  cmd->add_option("--preset", f.preset,
                  "trends (n = d^(2/3), tau = 1, rho = d^(-1/3), n3 = 2, m = 2) or theorem "
                  "(Theorem 3.1: n = d, tau = d^(1/5), rho = d^(-1/5), n3 = floor(d^(1/5)), "
                  "m = 3); flags given beside it adjust it")
      ->capture_default_str();
  cmd->add_option("--n1", f.n1, "examples of frequent class 1 (default: ceil(d^n-exponent))");
  cmd->add_option("--n2", f.n2, "examples of frequent class 2 (default: ceil(d^n-exponent))");
  cmd->add_option("--n3", f.n3, "examples of the rare class")->capture_default_str();
  auto* tau = cmd->add_option("--tau", f.tau, "strength of e2 in the frequent classes");
  auto* rho = cmd->add_option("--rho", f.rho, "noise level");
  cmd->add_option("--n-exponent", f.n_exponent, "frequent counts ceil(d^a) unless --n1/--n2")
      ->capture_default_str();
  cmd->add_option("--tau-exponent", f.tau_exponent, "tau = d^b unless --tau")
      ->capture_default_str()
      ->excludes(tau);
  cmd->add_option("--rho-exponent", f.rho_exponent, "rho = d^c unless --rho")
      ->capture_default_str()
      ->excludes(rho);
  cmd->add_option("--m", f.m, "rank of the SSL feature")->capture_default_str();
  cmd->add_option("--seed", f.seed, "the first seed")->capture_default_str();
  cmd->add_option("--seeds", f.seeds, "seeds per configuration (seed, seed+1, ...)")
      ->capture_default_str();
  cmd->add_option("--probe-examples", f.probe_examples,
                  "labelled examples per class for the rare-class probe")
      ->capture_default_str();
  cmd->add_option("--probe-test", f.probe_test, "test examples per class for the probe")
      ->capture_default_str();
  // Many small operations: one thread is as fast on an idle machine and far faster on a busy
  // one, where OpenMP's barriers wait for descheduled threads.
  add_threads_option(cmd, f.threads, "torch CPU threads (0: all cores)");
}

TheoryOptions theory_options(const ModelFlags& f, CLI::App* cmd) {
  TheoryOptions o;
  // The preset first, then the flags given beside it.
  apply_theory_preset(f.preset, o);
  const auto given = [cmd](const char* flag) { return cmd->count(flag) > 0; };
  o.toy.d = f.d;
  if (given("--n1")) o.toy.n1 = f.n1;
  if (given("--n2")) o.toy.n2 = f.n2;
  if (given("--n3")) {
    o.toy.n3 = f.n3;
    o.toy.n3_exponent.reset();
  }
  if (given("--tau")) o.toy.tau = f.tau;
  if (given("--rho")) o.toy.rho = f.rho;
  if (given("--n-exponent")) o.toy.n_exponent = f.n_exponent;
  if (given("--tau-exponent")) o.toy.tau_exponent = f.tau_exponent;
  if (given("--rho-exponent")) o.toy.rho_exponent = f.rho_exponent;
  if (given("--m")) o.m = f.m;
  o.seed = f.seed;
  o.probe_per_class = f.probe_examples;
  o.probe_test_per_class = f.probe_test;
  o.threads = f.threads;
  if (f.seeds < 1 || f.seeds > 1000) throw_setting("--seeds must be between 1 and 1000");
  return o;
}

void put_stat(json& j, const char* key, const SeedStat& s) {
  j[key] = number(s.mean);
  j[std::string(key) + "_sd"] = number(s.sd);
}

json row_json(const TheorySweepRow& r) {
  const ToyModelParameters& p = r.parameters;
  json j{{"d", p.d},     {"n1", p.n1},   {"n2", p.n2},      {"n3", p.n3},
         {"tau", p.tau}, {"rho", p.rho}, {"seeds", r.seeds}};
  put_stat(j, "ssl_e2", r.ssl_e2);
  put_stat(j, "sl_e2", r.sl_e2);
  put_stat(j, "ssl_e2_weighted", r.ssl_e2_weighted);
  put_stat(j, "sl_e2_projection", r.sl_e2_projection);
  put_stat(j, "ssl_probe", r.ssl_probe);
  put_stat(j, "sl_probe", r.sl_probe);
  put_stat(j, "sl_norm", r.sl_norm);
  j["seconds"] = r.seconds;
  return j;
}

json seed_json(const TheoryResult& r) {
  return json{{"seed", r.seed},
              {"ssl_e2", r.ssl_e2},
              {"sl_e2", r.sl_e2},
              {"ssl_e2_weighted", r.ssl_e2_weighted},
              {"sl_e2_projection", r.sl_e2_projection},
              {"ssl_probe", r.ssl_probe},
              {"sl_probe", r.sl_probe},
              {"ssl_eigenvalues", r.ssl_eigenvalues},
              {"sl_singular_values", r.sl_singular_values},
              {"sl_norm", r.sl_norm},
              {"sl_min_margin", r.sl_min_margin},
              {"sl_support_vectors", r.sl_support_vectors},
              {"sl_iterations", r.sl_iterations},
              {"seconds", r.seconds}};
}

json settings_json(const TheoryOptions& o) {
  return json{{"m", o.m},
              {"n3_exponent", o.toy.n3_exponent ? json(*o.toy.n3_exponent) : json(nullptr)},
              {"n_exponent", o.toy.n_exponent},
              {"tau_exponent", o.toy.tau_exponent},
              {"rho_exponent", o.toy.rho_exponent},
              {"probe_examples", o.probe_per_class},
              {"probe_test", o.probe_test_per_class},
              {"seed", o.seed}};
}

const char* kColumns = "%6s %5s %5s %4s %7s %7s %14s %14s %9s %9s %7s\n";
const char* kRow =
    "%6lld %5lld %5lld %4lld %7.4g %7.4g %7.4f +-%.3f %7.4f +-%.3f %8.1f%% %8.1f%% %6.1fs\n";

void print_header() {
  std::printf(kColumns, "d", "n1", "n2", "n3", "tau", "rho", "ssl_e2", "sl_e2", "ssl_probe",
              "sl_probe", "time");
}

void print_row(const TheorySweepRow& r) {
  const ToyModelParameters& p = r.parameters;
  std::printf(kRow, static_cast<long long>(p.d), static_cast<long long>(p.n1),
              static_cast<long long>(p.n2), static_cast<long long>(p.n3), p.tau, p.rho,
              r.ssl_e2.mean, r.ssl_e2.sd, r.sl_e2.mean, r.sl_e2.sd, 100 * r.ssl_probe.mean,
              100 * r.sl_probe.mean, r.seconds);
  std::fflush(stdout);
}

void run_one(const ModelFlags& f, CLI::App* cmd) {
  const TheoryOptions base = theory_options(f, cmd);
  TerminalProgress bar(!f.json && stderr_is_terminal());
  const ProgressFn draw = bar.callback();
  std::vector<TheoryResult> results;
  for (int64_t s = 0; s < f.seeds; ++s) {
    TheoryOptions o = base;
    o.seed = base.seed + uint64_t(s);
    results.push_back(solve_theory(o, [&](const Progress& p) {
      return draw(Progress{"theory: seed " + std::to_string(o.seed) + ": " + p.stage, s, f.seeds});
    }));
  }
  const TheorySweepRow row = summarise_seeds(results);
  if (f.json) {
    json j = row_json(row);
    j["settings"] = settings_json(base);
    j["settings"]["preset"] = f.preset;
    json seeds = json::array();
    for (const auto& r : results) seeds.push_back(seed_json(r));
    j["per_seed"] = seeds;
    std::cout << j.dump() << "\n";
    return;
  }
  const ToyModelParameters& p = row.parameters;
  std::printf(
      "toy model of Theorem 3.1: d = %lld, n = %lld + %lld + %lld (rare), tau = %.4g, "
      "rho = %.4g, m = %lld, %lld seed%s\n",
      static_cast<long long>(p.d), static_cast<long long>(p.n1), static_cast<long long>(p.n2),
      static_cast<long long>(p.n3), p.tau, p.rho, static_cast<long long>(base.m),
      static_cast<long long>(row.seeds), row.seeds == 1 ? "" : "s");
  std::printf("  %-52s %.4f +- %.4f\n", "SSL  ||Pi e2||^2 (theorem: -> 1)", row.ssl_e2.mean,
              row.ssl_e2.sd);
  std::printf("  %-52s %.4f +- %.4f\n", "SL   sum_i <e2, w_i>^2 / ||W_SL||_op^2 (theorem: -> 0)",
              row.sl_e2.mean, row.sl_e2.sd);
  std::printf("  %-52s %.4f\n", "SSL  weighted e2 energy", row.ssl_e2_weighted.mean);
  std::printf("  %-52s %.4f\n", "SL   ||Pi e2||^2, unweighted", row.sl_e2_projection.mean);
  std::printf(
      "  rare-class probe (%lld labelled per class), balanced accuracy: SSL %.1f%%, "
      "SL %.1f%%\n",
      static_cast<long long>(base.probe_per_class), 100 * row.ssl_probe.mean,
      100 * row.sl_probe.mean);
  const TheoryResult& first = results.front();
  std::printf(
      "  SL: ||W||_F = %.4f, min margin %.6f, %lld support vectors, %lld interior-point "
      "steps; %.2f s\n",
      first.sl_norm, first.sl_min_margin, static_cast<long long>(first.sl_support_vectors),
      static_cast<long long>(first.sl_iterations), row.seconds);
}

struct SweepFlags {
  ModelFlags model;
  int64_t d_from = 32, d_to = 4096, points = 0;
  bool csv = false;
};

void run_sweep(const SweepFlags& f, CLI::App* cmd) {
  TheorySweepOptions o;
  o.base = theory_options(f.model, cmd);
  o.d_from = f.d_from;
  // The theorem's counts (n = 2d + a few) outgrow the solver past d = 2,048.
  o.d_to = !cmd->count("--d-to") && f.model.preset == "theorem" ? kTheoremPresetMaxD : f.d_to;
  o.points = f.points;
  o.seeds = f.model.seeds;
  const bool table = !f.model.json && !f.csv;
  TerminalProgress bar(table && stderr_is_terminal());
  // The header waits for the first row, so that a refused setting leaves stdout empty.
  bool header = false;
  const TheorySweep sweep = run_theory_sweep(o, bar.callback(), [&](const TheorySweepRow& r) {
    if (!table) return;
    if (!header) print_header();
    header = true;
    print_row(r);
  });
  if (f.model.json) {
    json rows = json::array();
    for (const auto& r : sweep.rows) rows.push_back(row_json(r));
    json settings = settings_json(o.base);
    settings["preset"] = f.model.preset;
    std::cout << json{{"rows", rows}, {"settings", settings}, {"seconds", sweep.seconds}}.dump()
              << "\n";
  } else if (f.csv) {
    std::printf(
        "d,n1,n2,n3,tau,rho,seeds,ssl_e2,ssl_e2_sd,sl_e2,sl_e2_sd,ssl_e2_weighted,"
        "sl_e2_projection,ssl_probe,sl_probe,sl_norm,seconds\n");
    for (const auto& r : sweep.rows) {
      const ToyModelParameters& p = r.parameters;
      std::printf(
          "%lld,%lld,%lld,%lld,%.10g,%.10g,%lld,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,"
          "%.10g,%.10g,%.10g,%.4g\n",
          static_cast<long long>(p.d), static_cast<long long>(p.n1), static_cast<long long>(p.n2),
          static_cast<long long>(p.n3), p.tau, p.rho, static_cast<long long>(r.seeds),
          r.ssl_e2.mean, r.ssl_e2.sd, r.sl_e2.mean, r.sl_e2.sd, r.ssl_e2_weighted.mean,
          r.sl_e2_projection.mean, r.ssl_probe.mean, r.sl_probe.mean, r.sl_norm.mean, r.seconds);
    }
  } else {
    std::printf("%zu dimensions x %lld seeds in %.1f s\n", sweep.rows.size(),
                static_cast<long long>(o.seeds), sweep.seconds);
  }
}

}  // namespace

void add_theory_commands(CLI::App& app, std::function<void()>& action) {
  auto one = std::make_shared<ModelFlags>();
  CLI::App* theory = app.add_subcommand(
      "theory", "the toy model of Theorem 3.1: does SSL keep the rare class's direction e2?");
  theory->require_subcommand(0, 1);
  theory->add_option("--d", one->d, "dimension")->capture_default_str();
  add_model_flags(theory, *one);
  add_json_flag(theory, one->json);

  auto sw = std::make_shared<SweepFlags>();
  sw->model.seeds = 3;
  CLI::App* sweep = theory->add_subcommand("sweep", "the toy model over a range of dimensions d");
  sweep->add_option("--d-from", sw->d_from, "smallest d")->capture_default_str();
  sweep->add_option("--d-to", sw->d_to, "largest d")->capture_default_str();
  sweep->add_option("--points", sw->points, "d values, log-spaced (0: powers of two)")
      ->capture_default_str();
  add_model_flags(sweep, sw->model);
  auto* json_flag = add_json_flag(sweep, sw->model.json);
  sweep->add_flag("--csv", sw->csv, "print CSV")->excludes(json_flag);

  sweep->callback([&action, sw, sweep] { action = [sw, sweep] { run_sweep(*sw, sweep); }; });
  // CLI11 runs the parent's callback after its subcommand's: leave the sweep's action alone.
  theory->callback([&action, one, theory, sweep] {
    if (theory->got_subcommand(sweep)) return;
    action = [one, theory] { run_one(*one, theory); };
  });
}

}  // namespace lt::cli
