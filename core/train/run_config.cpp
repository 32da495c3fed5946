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

json augment_to_json(const AugmentConfig& a) {
  return json{{"protocol", a.protocol},
              {"crop", a.crop},
              {"crop_scale_min", a.crop_scale_min},
              {"crop_scale_max", a.crop_scale_max},
              {"flip", a.flip},
              {"jitter_probability", a.jitter_probability},
              {"brightness", a.brightness},
              {"contrast", a.contrast},
              {"saturation", a.saturation},
              {"hue", a.hue},
              {"grayscale_probability", a.grayscale_probability},
              {"blur_probability", a.blur_probability},
              {"mean", a.mean},
              {"std", a.std}};
}

json to_json(const RunConfig& c) {
  json j;
  j["source"] = c.source;
  j["variant"] = c.variant;
  j["design"] = design_to_json(c.design);
  j["twin"] = c.twin;
  j["monitor_source"] = c.monitor_source;
  j["model"] = c.encoder.arch;
  j["cifar_stem"] = c.encoder.cifar_stem;
  j["in_channels"] = c.encoder.in_channels;
  j["method"] = c.method.name;
  j["projector_dim"] = c.method.projector_dim;
  j["predictor_dim"] = c.method.predictor_dim;
  j["projector_layers"] = c.method.projector_layers;
  j["temperature"] = c.method.temperature;
  j["moco_momentum"] = c.method.moco_momentum;
  j["moco_queue"] = c.method.moco_queue;
  j["temperature_schedule"] = json{{"kind", c.method.temperature_schedule},
                                   {"min", c.method.temperature_min},
                                   {"max", c.method.temperature_max},
                                   {"period_epochs", c.method.temperature_period}};
  j["byol_momentum"] = c.method.byol_momentum;
  j["sdclr_prune"] = c.method.sdclr_prune;
  j["bcl_beta"] = c.method.bcl_beta;
  j["bcl_ops"] = c.method.bcl_ops;
  j["epochs"] = c.epochs;
  j["iterations"] = c.iterations;
  j["batch_size"] = c.batch_size;
  j["lr"] = c.lr;
  j["momentum"] = c.momentum;
  j["weight_decay"] = c.weight_decay;
  j["warmup_epochs"] = c.warmup_epochs;
  j["sam"] = json{{"mode", c.sam.mode},
                  {"rho", c.sam.rho},
                  {"adaptive", c.sam.adaptive},
                  {"alpha", c.sam.alpha},
                  {"bandwidth", c.sam.bandwidth},
                  {"weights_from", c.sam.weights_from},
                  {"start_epoch", c.sam.start_epoch},
                  {"refresh_every", c.sam.refresh_every}};
  j["augment"] = augment_to_json(c.augment);
  j["knn_every"] = c.knn_every;
  j["knn_k"] = c.knn_k;
  j["knn_temperature"] = c.knn_temperature;
  j["knn_bank_per_class"] = c.knn_bank_per_class;
  j["knn_queries"] = c.knn_queries;
  j["seed"] = c.seed;
  j["device"] = c.device;
  j["precision"] = c.precision;
  j["threads"] = c.threads;
  j["checkpoint_every"] = c.checkpoint_every;
  return j;
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

template <typename T>
void read(const nlohmann::json& j, const char* key, T& field) {
  if (j.contains(key)) field = j.at(key).get<T>();
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
    read(j, "source", c.source);
    read(j, "variant", c.variant);
    if (j.contains("design")) {
      // Missing design fields keep their defaults.
      json design = design_to_json(c.design);
      for (auto& [key, value] : j.at("design").items()) {
        if (!design.contains(key)) throw_setting(origin + ": unknown field \"design." + key + "\"");
        design[key] = value;
      }
      c.design = design_from_json(nlohmann::json::parse(design.dump()));
    }
    read(j, "twin", c.twin);
    read(j, "monitor_source", c.monitor_source);
    read(j, "model", c.encoder.arch);
    read(j, "cifar_stem", c.encoder.cifar_stem);
    read(j, "in_channels", c.encoder.in_channels);
    read(j, "method", c.method.name);
    read(j, "projector_dim", c.method.projector_dim);
    read(j, "predictor_dim", c.method.predictor_dim);
    read(j, "projector_layers", c.method.projector_layers);
    read(j, "temperature", c.method.temperature);
    read(j, "moco_momentum", c.method.moco_momentum);
    read(j, "moco_queue", c.method.moco_queue);
    if (j.contains("temperature_schedule")) {
      const auto& t = j.at("temperature_schedule");
      read(t, "kind", c.method.temperature_schedule);
      read(t, "min", c.method.temperature_min);
      read(t, "max", c.method.temperature_max);
      read(t, "period_epochs", c.method.temperature_period);
    }
    read(j, "byol_momentum", c.method.byol_momentum);
    read(j, "sdclr_prune", c.method.sdclr_prune);
    read(j, "bcl_beta", c.method.bcl_beta);
    read(j, "bcl_ops", c.method.bcl_ops);
    read(j, "epochs", c.epochs);
    read(j, "iterations", c.iterations);
    read(j, "batch_size", c.batch_size);
    read(j, "lr", c.lr);
    read(j, "momentum", c.momentum);
    read(j, "weight_decay", c.weight_decay);
    read(j, "warmup_epochs", c.warmup_epochs);
    if (j.contains("sam")) {
      const auto& m = j.at("sam");
      read(m, "mode", c.sam.mode);
      read(m, "rho", c.sam.rho);
      read(m, "adaptive", c.sam.adaptive);
      read(m, "alpha", c.sam.alpha);
      read(m, "bandwidth", c.sam.bandwidth);
      read(m, "weights_from", c.sam.weights_from);
      read(m, "start_epoch", c.sam.start_epoch);
      read(m, "refresh_every", c.sam.refresh_every);
    }
    if (j.contains("augment")) {
      const auto& a = j.at("augment");
      // Configs written before the protocols existed trained every method on SimSiam's views.
      c.augment.protocol = "ssl";
      read(a, "protocol", c.augment.protocol);
      read(a, "crop", c.augment.crop);
      read(a, "crop_scale_min", c.augment.crop_scale_min);
      read(a, "crop_scale_max", c.augment.crop_scale_max);
      read(a, "flip", c.augment.flip);
      read(a, "jitter_probability", c.augment.jitter_probability);
      read(a, "brightness", c.augment.brightness);
      read(a, "contrast", c.augment.contrast);
      read(a, "saturation", c.augment.saturation);
      read(a, "hue", c.augment.hue);
      read(a, "grayscale_probability", c.augment.grayscale_probability);
      read(a, "blur_probability", c.augment.blur_probability);
      read(a, "mean", c.augment.mean);
      read(a, "std", c.augment.std);
    }
    read(j, "knn_every", c.knn_every);
    read(j, "knn_k", c.knn_k);
    read(j, "knn_temperature", c.knn_temperature);
    read(j, "knn_bank_per_class", c.knn_bank_per_class);
    read(j, "knn_queries", c.knn_queries);
    read(j, "seed", c.seed);
    read(j, "device", c.device);
    read(j, "precision", c.precision);
    read(j, "threads", c.threads);
    read(j, "checkpoint_every", c.checkpoint_every);
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
