#include "sweep/sweep_plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "methods/method_list.h"
#include "util/error.h"
#include "util/hash.h"

namespace lt {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kFormat = "longtail-sweep-plan";

// Fields of a run config that the plan sets itself (or that belong to the executor): a plan's
// "pretrain" object may not hold them, so that no value has two places.
const std::vector<std::string> kPlanOwned = {"source", "variant", "design", "twin",   "method",
                                             "seed",   "model",   "device", "threads"};

std::string number_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

json pretrain_to_json(const RunConfig& c) {
  json j = json::parse(config_to_json(c));
  for (const auto& key : kPlanOwned) j.erase(key);
  return j;
}

json probe_to_json(const SweepPlan& p) {
  const ProbeOptions& o = p.probe;
  return json{{"preset", p.probe_preset_name},
              {"epochs", o.epochs},
              {"batch_size", o.batch_size},
              {"lr", o.lr},
              {"momentum", o.momentum},
              {"weight_decay", o.weight_decay},
              {"milestones", o.milestones},
              {"standardize", o.standardize},
              {"train_per_class", p.probe_train_per_class},
              {"test_per_class", p.probe_test_per_class},
              {"seeds", p.probe_seeds}};
}

json to_json(const SweepPlan& p) {
  json j;
  j["format"] = kFormat;
  j["name"] = p.name;
  j["source"] = p.source;
  j["split"] = p.split;
  j["distribution"] = to_string(p.distribution);
  j["ratios"] = p.ratios;
  j["samples"] = p.samples;
  j["frequent"] = p.frequent;
  j["pareto_shape"] = p.pareto_shape;
  j["max_per_class"] = p.max_per_class;
  j["variant_seed"] = p.variant_seed;
  j["methods"] = p.methods;
  j["seeds"] = p.seeds;
  j["model"] = p.pretrain.encoder.arch;
  json pretrain{{"preset", p.pretrain_preset_name}};
  pretrain.update(pretrain_to_json(p.pretrain));
  j["pretrain"] = pretrain;
  j["probe"] = probe_to_json(p);
  j["ood_target"] = p.ood_target;
  return j;
}

template <typename T>
void read(const nlohmann::json& j, const char* key, T& field) {
  if (j.contains(key)) field = j.at(key).get<T>();
}

void check_keys(const nlohmann::json& j, const std::set<std::string>& known,
                const std::string& where, const std::string& origin) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!known.contains(it.key())) {
      throw_setting(origin + ": unknown field \"" + where + it.key() +
                    "\" of a sweep plan; see 'longtail sweep run --preset fmnist-quick "
                    "--print-plan' for every field");
    }
  }
}

RunConfig pretrain_from_json(const nlohmann::json& given, std::string& preset,
                             const std::string& origin) {
  if (!given.is_object()) throw_setting(origin + ": \"pretrain\" must be a JSON object");
  preset = given.value("preset", std::string("cpu"));
  // The preset first, then the plan's fields over it (nested objects field by field).
  nlohmann::json merged = nlohmann::json::parse(config_to_json(preset_config(preset)));
  nlohmann::json patch = given;
  patch.erase("preset");
  for (const auto& key : kPlanOwned) {
    if (patch.contains(key)) {
      throw_setting(origin + ": \"pretrain." + key + "\" is set by the plan itself" +
                    (key == "device" || key == "threads"
                         ? std::string("; give it to the runner (longtail sweep run --") + key + ")"
                         : std::string("; use the plan's top-level fields (source, ratios, "
                                       "samples, methods, seeds, model)")));
    }
  }
  merged.merge_patch(patch);
  return config_from_json(merged.dump(), origin + " (pretrain)");
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

void check_plan(const SweepPlan& p) {
  const auto fail = [](const std::string& field, const std::string& why) {
    throw_setting("sweep plan field " + field + " " + why);
  };
  if (!valid_name(p.name)) {
    fail("name", "\"" + p.name + "\" must be 1 to 64 letters, digits, '.', '_' or '-'");
  }
  if (p.source.empty()) fail("source", "is empty; name a data source, e.g. fashion-mnist");
  if (p.split != "train") {
    fail("split", "\"" + p.split +
                      "\" is not supported: runs pre-train on the train split (the test split "
                      "is the probes'); use \"train\"");
  }
  if (p.distribution != Distribution::kExponential && p.distribution != Distribution::kStep &&
      p.distribution != Distribution::kPareto) {
    fail("distribution", "must be exp, step or pareto (the balanced twins come with every r)");
  }
  const auto distinct = [&](const auto& values, const std::string& field) {
    std::set<std::decay_t<decltype(values[0])>> seen(values.begin(), values.end());
    if (seen.size() != values.size()) fail(field, "lists a value twice");
    if (values.empty()) fail(field, "is empty; list at least one");
  };
  distinct(p.ratios, "ratios");
  for (double r : p.ratios) {
    if (!(r > 0 && r < 1)) fail("ratios", "holds " + number_text(r) + ", outside (0, 1)");
  }
  distinct(p.samples, "samples");
  for (double s : p.samples) {
    if (!(s > 0 && s <= 1)) fail("samples", "holds " + number_text(s) + ", outside (0, 1]");
  }
  distinct(p.methods, "methods");
  // A method names the runs' folders (and, on a cluster, words of their job scripts).
  for (const auto& method : p.methods) {
    if (!valid_name(method)) {
      fail("methods",
           "holds \"" + method + "\"; a method is 1 to 64 letters, digits, '.', '_' or '-'");
    }
  }
  distinct(p.seeds, "seeds");
  for (int64_t s : p.seeds) {
    if (s < 0) fail("seeds", "holds " + std::to_string(s) + "; seeds are 0 or more");
  }
  distinct(p.probe_seeds, "probe.seeds");
  if (p.probe_train_per_class < 0 || p.probe_test_per_class < 0) {
    fail("probe.train_per_class", "and probe.test_per_class must be 0 (all) or positive");
  }
  if (p.probe.epochs < 1 || p.probe.batch_size < 1 || !(p.probe.lr > 0)) {
    fail("probe", "needs epochs and batch_size of at least 1 and a positive lr");
  }
  DesignSpec design;
  design.distribution = p.distribution;
  design.pareto_shape = p.pareto_shape;
  design.max_per_class = p.max_per_class;
  validate_design_settings(design);
}

std::string hash_of(const SweepPlan& p) {
  json j = to_json(p);
  // Labels that change no run.
  j["pretrain"].erase("preset");
  j["probe"].erase("preset");
  ContentHash h;
  h.add(j.dump());
  return h.hex().substr(0, 8);
}

}  // namespace

std::string plan_to_json(const SweepPlan& plan) {
  return to_json(plan).dump(2);
}

SweepPlan plan_from_json(const std::string& text, const std::string& origin) {
  SweepPlan p;
  try {
    const auto j = nlohmann::json::parse(text);
    if (!j.is_object()) throw_setting(origin + ": a sweep plan is a JSON object");
    check_keys(j,
               {"format", "name", "source", "split", "distribution", "ratios", "samples",
                "frequent", "pareto_shape", "max_per_class", "variant_seed", "methods", "seeds",
                "model", "pretrain", "probe", "ood_target"},
               "", origin);
    if (j.contains("format") && j.at("format") != kFormat) {
      throw_setting(origin + ": \"format\" is " + j.at("format").dump() + ", not \"" + kFormat +
                    "\"; is this a sweep plan?");
    }
    read(j, "name", p.name);
    read(j, "source", p.source);
    read(j, "split", p.split);
    if (j.contains("distribution")) {
      p.distribution = parse_distribution(j.at("distribution").get<std::string>());
    }
    read(j, "ratios", p.ratios);
    read(j, "samples", p.samples);
    read(j, "frequent", p.frequent);
    read(j, "pareto_shape", p.pareto_shape);
    read(j, "max_per_class", p.max_per_class);
    read(j, "variant_seed", p.variant_seed);
    read(j, "methods", p.methods);
    read(j, "seeds", p.seeds);
    p.pretrain = pretrain_from_json(j.value("pretrain", nlohmann::json::object()),
                                    p.pretrain_preset_name, origin);
    read(j, "model", p.pretrain.encoder.arch);
    if (j.contains("probe")) {
      const auto& probe = j.at("probe");
      if (!probe.is_object()) throw_setting(origin + ": \"probe\" must be a JSON object");
      check_keys(probe,
                 {"preset", "epochs", "batch_size", "lr", "momentum", "weight_decay", "milestones",
                  "standardize", "train_per_class", "test_per_class", "seeds"},
                 "probe.", origin);
      p.probe_preset_name = probe.value("preset", std::string("paper"));
      p.probe = probe_preset(p.probe_preset_name);
      read(probe, "epochs", p.probe.epochs);
      read(probe, "batch_size", p.probe.batch_size);
      read(probe, "lr", p.probe.lr);
      read(probe, "momentum", p.probe.momentum);
      read(probe, "weight_decay", p.probe.weight_decay);
      read(probe, "milestones", p.probe.milestones);
      read(probe, "standardize", p.probe.standardize);
      read(probe, "train_per_class", p.probe_train_per_class);
      read(probe, "test_per_class", p.probe_test_per_class);
      read(probe, "seeds", p.probe_seeds);
    }
    read(j, "ood_target", p.ood_target);
  } catch (const nlohmann::json::exception& e) {
    throw_setting(origin + ": not a valid sweep plan (" + e.what() + ")");
  }
  check_plan(p);
  return p;
}

SweepPlan load_plan(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw_io("cannot read the sweep plan " + path +
             "; check the path, or start from one: longtail sweep run --preset fmnist-quick "
             "--print-plan > plan.json");
  }
  std::stringstream text;
  text << in.rdbuf();
  return plan_from_json(text.str(), path);
}

std::vector<std::string> plan_preset_names() {
  return {"paper-cifar10", "fmnist-quick", "methods-fmnist"};
}

SweepPlan preset_plan(const std::string& name) {
  SweepPlan p;
  p.name = name;
  if (name == "paper-cifar10") {
    // The paper's Figure 1 grid on CIFAR-10-LT (Section 3.1): r in {0.1, 0.01}, each downsampled
    // by {1, 0.75, 0.5, 0.25, 0.125} and paired with its balanced twin; ResNet-18 SimSiam with
    // the paper's schedule, the paper's probe, 3 probe seeds on one pre-training.
    p.source = "cifar10:build/data/cifar10";
    p.ratios = {0.1, 0.01};
    p.samples = {1.0, 0.75, 0.5, 0.25, 0.125};
    p.pretrain_preset_name = "paper-cifar";
    p.pretrain = preset_config("paper-cifar");
    p.probe_preset_name = "paper";
    p.probe = probe_preset("paper");
    return p;
  }
  if (name == "fmnist-quick") {
    // Two r and two sizes of Fashion-MNIST-LT on the small network: 8 variants, 16 runs, 6
    // probes each; about half an hour on 2 idle cores (see the dry run's estimate).
    p.ratios = {0.1, 0.01};
    p.samples = {0.25, 0.125};
    p.pretrain_preset_name = "cpu";
    p.pretrain = preset_config("cpu");
    p.pretrain.epochs = 8;
    p.pretrain.batch_size =
        128;                   // the smallest variant (1,860 images) still gets 14 steps an epoch
    p.pretrain.knn_every = 2;  // the provisional gaps while a pair trains
    p.pretrain.knn_bank_per_class = 200;
    p.pretrain.knn_queries = 1000;
    p.probe_preset_name = "paper";
    p.probe = probe_preset("paper");
    p.probe_train_per_class = 500;  // 5,000 balanced probe images; scored on the whole test split
    return p;
  }
  if (name == "methods-fmnist") {
    // Every method of core's list on one cell of fmnist-quick (r = 0.01, s = 0.125, with its
    // balanced twin) and 3 pre-training seeds: which method loses least to imbalance here.
    // 42 runs of the smallest fmnist-quick variant, about an hour on 2 idle cores.
    SweepPlan quick = preset_plan("fmnist-quick");
    quick.name = name;
    quick.ratios = {0.01};
    quick.samples = {0.125};
    quick.methods.clear();
    for (const MethodInfo& m : known_methods()) quick.methods.push_back(m.name);
    quick.seeds = {0, 1, 2};
    return quick;
  }
  throw_setting("--preset \"" + name +
                "\" is unknown; use paper-cifar10, fmnist-quick or methods-fmnist");
}

std::vector<int64_t> known_train_counts(const std::string& source) {
  const auto starts = [&](const char* prefix) { return source.rfind(prefix, 0) == 0; };
  if (source == "fashion-mnist" || starts("fashion-mnist:")) return std::vector<int64_t>(10, 6000);
  if (starts("mnist:")) return {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
  if (starts("cifar10:")) return std::vector<int64_t>(10, 5000);
  if (starts("stl10:")) return std::vector<int64_t>(10, 500);
  return {};
}

SweepExpansion expand(const SweepPlan& plan) {
  check_plan(plan);
  SweepExpansion out;
  out.sweep_id = plan.name + "-" + hash_of(plan);

  const std::vector<int64_t> available = known_train_counts(plan.source);
  const auto expected_images = [&](const DesignSpec& d) -> int64_t {
    if (available.empty()) return 0;
    const int64_t smallest = *std::min_element(available.begin(), available.end());
    const auto counts = counts_by_rank(d, int64_t(available.size()),
                                       d.max_per_class > 0 ? d.max_per_class : smallest);
    int64_t total = 0;
    for (int64_t c : counts) total += c;
    return total;
  };

  const std::string dist = to_string(plan.distribution);
  std::set<std::string> validated;
  for (double r : plan.ratios) {
    for (double s : plan.samples) {
      DesignSpec d;
      d.distribution = plan.distribution;
      d.ratio = r;
      d.sample = s;
      d.frequent = plan.frequent;
      d.pareto_shape = plan.pareto_shape;
      d.max_per_class = plan.max_per_class;
      d.seed = plan.variant_seed;
      const std::string base = dist + "-r" + number_text(r) + "-s" + number_text(s);
      SweepVariantSpec imbalanced{base + "-imb", d, false, "", r, s, expected_images(d)};
      // The twin holds the same n spread evenly (build_balanced_twin), and keeps the design
      // it was derived from, so the comparison pairs it with its variant.
      SweepVariantSpec twin{
          base + "-bal", d, true, imbalanced.id, r, s, imbalanced.expected_images};
      out.variants.push_back(imbalanced);
      out.variants.push_back(twin);
      for (int64_t seed : plan.seeds) {
        for (const auto& method : plan.methods) {
          for (const SweepVariantSpec* v :
               {&out.variants[out.variants.size() - 2], &out.variants[out.variants.size() - 1]}) {
            SweepRunSpec run;
            run.key = method + "-" + v->id + "-seed" + std::to_string(seed);
            run.variant = v->id;
            run.method = method;
            run.seed = seed;
            run.balanced = v->balanced_twin;
            run.ratio = r;
            run.sample = s;
            RunConfig c = plan.pretrain;
            c.source = plan.source;
            c.design = d;
            c.twin = false;  // the variant file is the twin already
            c.method.name = method;
            c.seed = uint64_t(seed);
            c.device = "auto";
            c.threads = 0;
            // Building a method to check it costs a network's initialisation: once per method.
            if (validated.insert(method).second) validate_config(c);
            run.config = c;
            out.runs.push_back(std::move(run));
          }
        }
      }
    }
  }

  out.ood_target = plan.ood_target;
  if (plan.ood_target == "none") {
    out.ood_target.clear();
    out.ood_note = "no OOD probe: the plan's ood_target is \"none\"";
  } else if (plan.ood_target.empty()) {
    out.ood_target = default_ood_target(plan.source);
    if (out.ood_target.empty()) {
      out.ood_note = "no OOD probe: " + plan.source +
                     " has no default target; set the plan's ood_target (for CIFAR-10: "
                     "stl10:DIR)";
    }
  }
  for (const std::string probe : {"id", "ood"}) {
    if (probe == "ood" && out.ood_target.empty()) continue;
    for (uint64_t seed : plan.probe_seeds) {
      EvalRequest r;
      r.probe = probe;
      r.target = probe == "ood" ? out.ood_target : "";
      r.options = plan.probe;
      r.options.seed = seed;
      r.train_per_class = plan.probe_train_per_class;
      r.test_per_class = plan.probe_test_per_class;
      out.probes.push_back(r);
    }
  }
  return out;
}

}  // namespace lt
