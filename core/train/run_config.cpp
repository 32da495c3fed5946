#include "train/run_config.h"

#include <nlohmann/json.hpp>

#include "data/design_json.h"
#include "methods/method.h"
#include "train/imagenet_lt_preset.h"
#include "train/sam.h"
#include "util/error.h"

namespace lt {
namespace {

using json = nlohmann::ordered_json;

// Every field of a RunConfig and its JSON key, listed once: writing, reading and the check for
// unknown keys all walk this list, so a new field cannot be written but forgotten when read.
// `visit(key, field)` sees each field; `visit.group(key, f)` a nested object whose fields f visits.
template <typename Config, typename Visitor>
void visit_fields(Config& c, Visitor& visit) {
  visit("source", c.source);
  visit("variant", c.variant);
  visit("twin", c.twin);
  visit("monitor_source", c.monitor_source);
  visit("model", c.encoder.arch);
  visit("cifar_stem", c.encoder.cifar_stem);
  visit("in_channels", c.encoder.in_channels);
  visit("method", c.method.name);
  visit("projector_dim", c.method.projector_dim);
  visit("predictor_dim", c.method.predictor_dim);
  visit("projector_layers", c.method.projector_layers);
  visit("temperature", c.method.temperature);
  visit("moco_momentum", c.method.moco_momentum);
  visit("moco_queue", c.method.moco_queue);
  visit.group("temperature_schedule", [&] {
    visit("kind", c.method.temperature_schedule);
    visit("min", c.method.temperature_min);
    visit("max", c.method.temperature_max);
    visit("period_epochs", c.method.temperature_period);
  });
  visit("byol_momentum", c.method.byol_momentum);
  visit("sdclr_prune", c.method.sdclr_prune);
  visit("bcl_beta", c.method.bcl_beta);
  visit("bcl_ops", c.method.bcl_ops);
  visit("epochs", c.epochs);
  visit("iterations", c.iterations);
  visit("batch_size", c.batch_size);
  visit("lr", c.lr);
  visit("momentum", c.momentum);
  visit("weight_decay", c.weight_decay);
  visit("warmup_epochs", c.warmup_epochs);
  visit.group("sam", [&] {
    visit("mode", c.sam.mode);
    visit("rho", c.sam.rho);
    visit("adaptive", c.sam.adaptive);
    visit("alpha", c.sam.alpha);
    visit("bandwidth", c.sam.bandwidth);
    visit("weights_from", c.sam.weights_from);
    visit("start_epoch", c.sam.start_epoch);
    visit("refresh_every", c.sam.refresh_every);
  });
  visit.group("augment", [&] {
    visit("protocol", c.augment.protocol);
    visit("crop", c.augment.crop);
    visit("crop_scale_min", c.augment.crop_scale_min);
    visit("crop_scale_max", c.augment.crop_scale_max);
    visit("flip", c.augment.flip);
    visit("jitter_probability", c.augment.jitter_probability);
    visit("brightness", c.augment.brightness);
    visit("contrast", c.augment.contrast);
    visit("saturation", c.augment.saturation);
    visit("hue", c.augment.hue);
    visit("grayscale_probability", c.augment.grayscale_probability);
    visit("blur_probability", c.augment.blur_probability);
    visit("mean", c.augment.mean);
    visit("std", c.augment.std);
  });
  visit("knn_every", c.knn_every);
  visit("knn_k", c.knn_k);
  visit("knn_temperature", c.knn_temperature);
  visit("knn_bank_per_class", c.knn_bank_per_class);
  visit("knn_queries", c.knn_queries);
  visit("seed", c.seed);
  visit("device", c.device);
  visit("precision", c.precision);
  visit("threads", c.threads);
  visit("checkpoint_every", c.checkpoint_every);
}

// Writes each field into a JSON object (groups as nested objects).
struct JsonWriter {
  json* out;
  template <typename T>
  void operator()(const char* key, const T& value) {
    (*out)[key] = value;
  }
  template <typename F>
  void group(const char* key, F&& fields) {
    json* outer = out;
    json inner = json::object();
    out = &inner;
    fields();
    out = outer;
    (*out)[key] = std::move(inner);
  }
};

// Reads each field that the JSON gives; missing ones keep their defaults.
struct JsonReader {
  const nlohmann::json* in;
  template <typename T>
  void operator()(const char* key, T& value) {
    if (in && in->contains(key)) value = in->at(key).template get<T>();
  }
  template <typename F>
  void group(const char* key, F&& fields) {
    const nlohmann::json* outer = in;
    in = in && in->contains(key) ? &in->at(key) : nullptr;
    if (in) fields();
    in = outer;
  }
};

json to_json(const RunConfig& c) {
  json j;
  JsonWriter writer{&j};
  visit_fields(c, writer);
  // The design is a nested object of its own schema (data/design_json.h), merged key by key.
  json ordered;
  for (auto& [key, value] : j.items()) {
    ordered[key] = value;
    if (key == "variant") ordered["design"] = design_to_json(c.design);
  }
  return ordered;
}

// A typo in a config file must not be silently ignored.
void check_known_fields(const nlohmann::json& given, const json& known, const std::string& where,
                        const std::string& origin) {
  for (auto it = given.begin(); it != given.end(); ++it) {
    if (!known.contains(it.key())) {
      throw_setting(origin + ": unknown field \"" + where + it.key() + "\"; see " +
                    "'longtail train --print-config' for every field");
    }
    if (it.value().is_object() && known[it.key()].is_object() && it.key() != "design") {
      check_known_fields(it.value(), known[it.key()], where + it.key() + ".", origin);
    }
  }
}

}  // namespace

std::string config_to_json(const RunConfig& config) {
  return to_json(config).dump(2);
}

RunConfig config_from_json(const std::string& text, const std::string& origin) {
  RunConfig c;
  try {
    const auto j = nlohmann::json::parse(text);
    if (!j.is_object()) throw_setting(origin + ": a run config is a JSON object");
    check_known_fields(j, to_json(c), "", origin);
    if (j.contains("design")) {
      // Missing design fields keep their defaults.
      json design = design_to_json(c.design);
      for (auto& [key, value] : j.at("design").items()) {
        if (!design.contains(key)) throw_setting(origin + ": unknown field \"design." + key + "\"");
        design[key] = value;
      }
      c.design = design_from_json(nlohmann::json::parse(design.dump()));
    }
    // Configs written before the protocols existed trained every method on SimSiam's views.
    if (j.contains("augment")) c.augment.protocol = "ssl";
    JsonReader reader{&j};
    visit_fields(c, reader);
  } catch (const nlohmann::json::exception& e) {
    throw_setting(origin + ": not a valid run config (" + e.what() + ")");
  }
  return c;
}

void validate_config(const RunConfig& c) {
  const auto positive = [](bool ok, const std::string& field, const std::string& hint) {
    if (!ok) throw_setting("config field " + field + " " + hint);
  };
  make_method(c.method, EncoderOptions{c.encoder.arch, c.encoder.cifar_stem, 3});
  positive(c.lr > 0, "lr", "must be positive (the paper uses 0.05)");
  positive(c.batch_size >= 2, "batch_size", "must be at least 2 (BatchNorm needs two images)");
  positive(c.epochs >= 1 || c.iterations >= 1, "epochs", "must be at least 1");
  positive(c.iterations >= 0, "iterations", "must be 0 (use epochs) or positive");
  positive(c.momentum >= 0 && c.momentum < 1, "momentum", "must be in [0, 1)");
  positive(c.weight_decay >= 0, "weight_decay", "must not be negative");
  positive(c.warmup_epochs >= 0, "warmup_epochs", "must not be negative");
  positive(c.knn_every >= 0, "knn_every", "must be 0 (off) or positive");
  positive(c.knn_k >= 1, "knn_k", "must be at least 1");
  positive(c.knn_temperature > 0, "knn_temperature", "must be positive");
  positive(c.knn_bank_per_class >= 1, "knn_bank_per_class", "must be at least 1");
  positive(c.knn_queries >= 1, "knn_queries", "must be at least 1");
  positive(c.checkpoint_every >= 1, "checkpoint_every", "must be at least 1");
  positive(c.threads >= 0, "threads", "must be 0 (all cores) or positive");
  validate_sam(c.sam);
  validate_design_settings(c.design);
  const std::string& protocol = c.augment.protocol;
  if (protocol != "auto" && protocol != "ssl" && protocol != "standard") {
    throw_setting("config field augment.protocol \"" + protocol +
                  "\" is unknown; use auto, standard (He et al.'s supervised protocol) or ssl");
  }
}

RunConfig preset_config(const std::string& name) {
  RunConfig c;
  if (name == "cpu") return c;  // the defaults: small network, 10 epochs, batch 256
  if (name == "smoke") {
    c.epochs = 2;
    c.batch_size = 64;
    c.design.sample = 0.05;
    c.knn_bank_per_class = 50;
    c.knn_queries = 200;
    c.knn_k = 20;
    return c;
  }
  if (name == "paper-cifar") {
    c.encoder.arch = "resnet18";
    c.method.name = "simsiam";
    c.epochs = 800;
    c.batch_size = 512;
    c.lr = 0.05;
    c.knn_every = 5;
    return c;
  }
  if (name == "imagenet-lt") return imagenet_lt_preset();
  throw_setting("--preset \"" + name + "\" is unknown; use cpu, smoke, paper-cifar or imagenet-lt");
}

}  // namespace lt
