#include "cli/train_commands.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "cli/terminal_progress.h"
#include "cli/train_launch.h"
#include "distributed/data_parallel.h"
#include "distributed/distributed_sampler.h"
#include "experiments/recorded_training.h"
#include "methods/method_list.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "train/encoder_export.h"
#include "train/imagenet_lt_preset.h"
#include "train/run_config.h"
#include "train/saved_run.h"
#include "train/step_bench.h"
#include "train/supervised_protocol.h"
#include "train/trainer.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/path_name.h"

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

struct TrainOptions {
  std::string config_file;
  std::string preset = "cpu";
  std::string resume;
  std::string out;  // "": runs/ beside the store
  std::string name;
  std::string store;
  bool json = false;
  bool print_config = false;
  // Flags that override the config (applied only when given).
  std::string source, variant, dist, method, model, device, precision, order, sam, sam_preset;
  std::string protocol;
  std::string temperature_schedule;
  double temperature = 0, temperature_min = 0, temperature_max = 0, temperature_period = 0;
  std::string rw_weights_from;
  double ratio = 0, sample = 0, lr = 0, rho = 0, rw_alpha = 0, rw_bandwidth = 0;
  int64_t rw_start = 0, rw_refresh = 0;
  int64_t epochs = 0, iterations = 0, batch = 0, knn_every = -1, threads = 0, projector_layers = 0;
  uint64_t seed = 0;
  bool twin = false;
  bool no_flip = false;
  DistributedFlags distributed;
};

std::string format_seconds(double s) {
  if (!std::isfinite(s) || s < 0) return "?";
  char buf[32];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.0fs", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%dm%02ds", int(s) / 60, int(s) % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%dh%02dm", int(s) / 3600, (int(s) % 3600) / 60);
  }
  return buf;
}

std::string default_run_name(const RunConfig& c) {
  char stamp[32];
  const auto t = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&t));
  std::ostringstream name;
  name << c.method.name << "-" << to_string(c.design.distribution) << "-r" << c.design.ratio
       << (c.twin ? "-twin" : "") << "-s" << c.seed << "-" << stamp;
  return name.str();
}

RunConfig build_config(const TrainOptions& o, CLI::App* cmd) {
  const auto given = [cmd](const char* flag) { return cmd->count(flag) > 0; };
  RunConfig c = preset_config(o.preset);
  if (!o.config_file.empty()) {
    const auto text = read_file(o.config_file);
    c = config_from_json(std::string(text.begin(), text.end()), o.config_file);
  } else if (o.preset == "paper-cifar" && !given("--source")) {
    // Its ResNet-18 and schedule are CIFAR-10's; the default source would silently change that.
    throw_setting("--preset paper-cifar trains on CIFAR-10: give --source cifar10:DIR");
  }
  if (o.config_file.empty() && o.preset == "imagenet-lt" && !given("--source")) {
    throw_setting(
        "--preset imagenet-lt draws its variant from ImageNet: give --source "
        "list:FILE@ROOT, folder:DIR or an imported cache (data import --resize 224)");
  }
  if (given("--source")) c.source = o.source;
  if (given("--variant")) c.variant = o.variant;
  if (given("--dist")) c.design.distribution = parse_distribution(o.dist);
  if (given("--ratio")) c.design.ratio = o.ratio;
  if (given("--sample")) c.design.sample = o.sample;
  if (given("--twin")) c.twin = o.twin;
  if (given("--method")) c.method.name = o.method;
  if (given("--model")) c.encoder.arch = o.model;
  if (given("--projector-layers")) c.method.projector_layers = o.projector_layers;
  if (given("--temperature")) c.method.temperature = o.temperature;
  if (given("--temperature-schedule")) c.method.temperature_schedule = o.temperature_schedule;
  if (given("--temperature-min")) c.method.temperature_min = o.temperature_min;
  if (given("--temperature-max")) c.method.temperature_max = o.temperature_max;
  if (given("--temperature-period")) c.method.temperature_period = o.temperature_period;
  if (given("--epochs")) c.epochs = o.epochs;
  if (given("--iterations")) c.iterations = o.iterations;
  if (given("--batch")) c.batch_size = o.batch;
  if (given("--lr")) c.lr = o.lr;
  if (given("--seed")) {
    c.seed = o.seed;
    c.design.seed = o.seed;
  }
  if (given("--device")) c.device = o.device;
  if (given("--precision")) c.precision = o.precision;
  if (given("--threads")) c.threads = o.threads;
  if (given("--knn-every")) c.knn_every = o.knn_every;
  if (given("--no-flip")) c.augment.flip = false;
  // A named preset sets the radius, alpha and ASAM's scaling; --sam chooses the mode, and --rho
  // ... given beside it adjust it.
  if (given("--sam-preset")) {
    const SamOptions preset = sam_preset(o.sam_preset);
    c.sam.rho = preset.rho;
    c.sam.alpha = preset.alpha;
    c.sam.adaptive = preset.adaptive;
  }
  if (given("--sam")) {
    c.sam.mode = o.sam;
    // Plain SAM only when asked for by name; asam is adaptive by definition.
    if (o.sam == "sam") c.sam.adaptive = false;
    if (o.sam == "asam") c.sam.adaptive = true;
  }
  if (given("--sam-preset") && c.sam.mode == "none") {
    throw_setting(
        "--sam-preset sets rho, alpha and ASAM's scaling only; choose the mode with "
        "--sam asam, --sam rwsam or --sam sam");
  }
  if (given("--rwsam-weights-from")) {
    // A run directory or weights file as given, else a run id in the store.
    std::string from = o.rw_weights_from;
    if (!std::filesystem::exists(from)) {
      try {
        from = resolve_run_dir(from, store_path(o.store));
      } catch (const Error& e) {
        throw_setting("--rwsam-weights-from: " + std::string(e.what()));
      }
    }
    c.sam.weights_from = std::filesystem::absolute(from).string();
  }
  if (given("--rho")) c.sam.rho = o.rho;
  if (given("--rwsam-alpha")) c.sam.alpha = o.rw_alpha;
  if (given("--rwsam-bandwidth")) c.sam.bandwidth = o.rw_bandwidth;
  if (given("--rwsam-start")) c.sam.start_epoch = o.rw_start;
  if (given("--rwsam-refresh")) c.sam.refresh_every = o.rw_refresh;
  // MoCo v2's lr follows the batch linearly, as the paper's code scales it.
  if (o.config_file.empty() && o.preset == "imagenet-lt" && given("--batch")) {
    c.lr = imagenet_lt_lr(c.batch_size);
  }
  // The protocol last: the standard one sets lr from the final batch; a given --lr still wins.
  c = given("--protocol") ? with_protocol(c, o.protocol) : resolve_protocol(c);
  if (given("--lr")) c.lr = o.lr;
  return c;
}

json result_json(const RunResult& r) {
  json history = json::array();
  for (const auto& m : r.history) history.push_back(epoch_to_json(m));
  json j;
  j["status"] = r.status;
  if (!r.message.empty()) j["message"] = r.message;
  j["device"] = r.device;
  j["epochs_planned"] = r.epochs_planned;
  j["epochs"] = history;
  j["run_id"] = r.run_id;
  j["run_dir"] = r.run_dir;
  j["epochs_done"] = r.epochs_done;
  j["final_loss"] = std::isfinite(r.final_loss) ? json(r.final_loss) : json(nullptr);
  j["world_size"] = r.world_size;
  return j;
}

void run_train(const TrainOptions& o, CLI::App* cmd) {
  if (!o.resume.empty() && !o.config_file.empty()) {
    throw_setting("--resume continues a run with its own config; drop --config");
  }
  if (o.print_config) {
    const RunConfig config = build_config(o, cmd);
    validate_config(config);  // what it prints is what a run would accept
    std::cout << config_to_json(config) << "\n";
    return;
  }
  const std::string store = store_path(o.store);
  // New runs are named once, here: the workers of a data-parallel run must all name the same.
  RunConfig config;
  std::string run_dir;
  if (o.resume.empty()) {
    config = build_config(o, cmd);
    validate_config(config);
    const std::string name = o.name.empty() ? default_run_name(config) : o.name;
    // The run's folder is --out/NAME and nowhere else: "../x" or "a/b" would leave --out.
    check_path_component(name, "--name");
    run_dir = (std::filesystem::path(output_folder(o.out, store, "")) / name).string();
  } else {
    run_dir = resolve_run_dir(o.resume, store);
  }
  if (o.distributed.nproc_per_node > 0) {
    // The launcher: what every worker would refuse is refused here, once.
    const int64_t world = launched_world_size(o.distributed);
    const int64_t batch =
        o.resume.empty() ? config.batch_size : read_saved_run(run_dir).config.batch_size;
    DistributedSampler(batch, batch, 0, world);  // refuses a batch that does not split
    check_method_runs_data_parallel(
        o.resume.empty() ? config.method.name : read_saved_run(run_dir).config.method.name, world);
    if (!o.resume.empty()) {
      check_resume_parallelism(run_dir, {world, o.distributed.sync_bn});
    } else if (o.distributed.node_rank == 0 &&
               std::filesystem::exists(std::filesystem::path(run_dir) / "run.json")) {
      throw_setting(run_dir + " holds a run already; resume it (--resume) or choose another " +
                    "--name");
    }
    launch_training_workers(o.distributed, o.resume.empty() && o.name.empty()
                                               ? std::filesystem::path(run_dir).filename().string()
                                               : "");
    return;
  }
  // Under a launcher (ours, torchrun, srun): this process's part of the run, on the device the
  // run's config names.
  const auto data_parallel = join_training_run(
      o.distributed, [&] { return o.resume.empty() ? config : read_saved_run(run_dir).config; });
  // Only rank 0 of a data-parallel run talks: progress, the summary, the store.
  const bool quiet = data_parallel && data_parallel->rank() != 0;
  const bool terminal = !o.json && !quiet && stderr_is_terminal();
  TerminalProgress bar(terminal);
  auto draw = bar.callback();
  const TrainCallback callback = [&](const TrainProgress& p) {
    if (quiet) return !interrupted();
    if (p.finished_epoch != nullptr && !o.json) {
      const EpochMetrics& m = *p.finished_epoch;
      std::string knn = m.knn_accuracy >= 0
                            ? " knn " + std::to_string(m.knn_accuracy * 100).substr(0, 5) + "%"
                            : "";
      std::fprintf(stderr, "%sepoch %lld/%lld  loss %.4f  lr %.4g%s  %.0f img/s  %.1f s\n",
                   terminal ? "\r\033[K" : "", static_cast<long long>(m.epoch),
                   static_cast<long long>(p.epochs), m.loss, m.lr, knn.c_str(), m.images_per_s,
                   m.seconds);
      return !interrupted();
    }
    std::ostringstream stage;
    stage.precision(4);
    stage << "epoch " << p.epoch << "/" << p.epochs << " loss " << p.loss << " "
          << int(p.images_per_s) << " img/s ETA " << format_seconds(p.eta_seconds) << " step";
    return draw(Progress{stage.str(), p.step, p.steps_per_epoch});
  };

  RunResult result;
  try {
    if (!o.resume.empty()) {
      result = resume_recorded(run_dir, cmd->count("--epochs") ? o.epochs : 0, store, callback,
                               data_parallel.get());
    } else {
      result = train_recorded(config, run_dir, store, callback, data_parallel.get());
    }
  } catch (const Error& e) {
    const std::string message = e.what();
    if (!quiet || message.rfind("rank ", 0) == 0) throw;
    throw Error(e.kind(), "rank " + std::to_string(data_parallel->rank()) + ": " + message);
  }
  if (quiet) {
    // Rank 0 says what happened and how to go on; the others stop with it.
    if (result.status == "cancelled" || result.status == "diverged")
      throw_data("rank " + std::to_string(data_parallel->rank()) + ": " + result.status +
                 " with rank 0");
    return;
  }
  if (o.json) {
    std::cout << result_json(result).dump() << "\n";
  } else {
    std::printf("%s %s: %lld/%lld epochs, final loss %.4f, on %s\n", result.run_id.c_str(),
                result.status.c_str(), static_cast<long long>(result.epochs_done),
                static_cast<long long>(result.epochs_planned), result.final_loss,
                result.device.c_str());
    std::printf("run directory: %s\n", result.run_dir.c_str());
  }
  if (!result.store_note.empty()) std::fprintf(stderr, "warning: %s\n", result.store_note.c_str());
  if (result.status == "cancelled") {
    throw_data("interrupted: " + result.message + "; continue with longtail train --resume " +
               result.run_dir);
  }
  if (result.status == "diverged") throw_data("diverged: " + result.message);
}

}  // namespace

void add_train_commands(CLI::App& app, std::function<void()>& action) {
  auto o = std::make_shared<TrainOptions>();
  CLI::App* train_cmd =
      app.add_subcommand("train", "pre-train an encoder on a long-tailed variant");
  train_cmd->add_option("--config", o->config_file, "a run config (JSON; see --print-config)");
  train_cmd
      ->add_option("--preset", o->preset,
                   "cpu, smoke, paper-cifar or imagenet-lt (MoCo v2, ResNet-50 at 224)")
      ->capture_default_str();
  train_cmd->add_option("--resume", o->resume, "continue this run (directory or store id)");
  add_store_option(train_cmd, o->store);
  train_cmd->add_option("--out", o->out,
                        "parent folder of run directories (default: runs/ beside the store)");
  train_cmd->add_option("--name", o->name, "the run directory's name (default: from the config)");
  train_cmd->add_option("--source", o->source, "the data source (see longtail data --help)");
  train_cmd->add_option("--variant", o->variant, "a saved variant (longtail data design --out)");
  train_cmd->add_option("--dist", o->dist, "exp, pareto, step or balanced");
  train_cmd->add_option("--ratio", o->ratio, "imbalance ratio r in (0, 1]");
  train_cmd->add_option("--sample", o->sample, "sampling ratio s in (0, 1]");
  train_cmd->add_flag("--twin", o->twin, "train on the balanced twin of the design");
  train_cmd->add_option("--method", o->method, method_names_text());
  train_cmd->add_option("--temperature", o->temperature,
                        "the contrastive temperature (simclr 0.5, moco 0.2, sdclr 0.5)");
  train_cmd->add_option("--temperature-schedule", o->temperature_schedule,
                        "constant, or cosine between --temperature-min and --temperature-max "
                        "(Kukleva et al. 2023; simclr, moco, sdclr)");
  train_cmd->add_option("--temperature-min", o->temperature_min, "cosine: tau_min (0.1)");
  train_cmd->add_option("--temperature-max", o->temperature_max, "cosine: tau_max (1.0)");
  train_cmd->add_option("--temperature-period", o->temperature_period,
                        "cosine: the period T in epochs (0: a fifth of the run)");
  train_cmd->add_option("--model", o->model, "resnet18, resnet50 or resnet-small");
  train_cmd->add_option("--projector-layers", o->projector_layers, "SimSiam projector depth");
  train_cmd->add_option("--epochs", o->epochs, "epochs (with --resume: extend the run to N)");
  train_cmd->add_option("--iterations", o->iterations, "total steps instead of epochs");
  train_cmd->add_option("--batch", o->batch, "batch size");
  train_cmd->add_option("--lr", o->lr, "base learning rate");
  train_cmd->add_option("--protocol", o->protocol,
                        "auto (the default: standard for supervised, ssl otherwise), standard "
                        "(He et al.: pad-4 crop, flip, lr 0.1 x batch/128) or ssl (SimSiam's "
                        "views and schedule, what supervised runs used before)");
  train_cmd->add_option("--seed", o->seed, "seeds the variant, the weights and the augmentation");
  add_device_option(train_cmd, o->device);
  add_precision_option(train_cmd, o->precision);
  add_threads_option(train_cmd, o->threads, "CPU threads (0: all cores)");
  train_cmd->add_option("--knn-every", o->knn_every, "epochs between kNN monitors (0: off)");
  train_cmd->add_option("--sam", o->sam, "none, sam (plain), asam or rwsam around the SGD step");
  train_cmd->add_option("--sam-preset", o->sam_preset,
                        "the paper's ASAM radii (with --sam): paper-cifar (rho 5, alpha 1.2), "
                        "official-asam (rho 0.5) or imagenet-lt (rho 2, alpha 0.5)");
  train_cmd->add_option("--rho", o->rho, "SAM's radius (SAM 0.05, ASAM 0.5)");
  train_cmd->add_option("--rwsam-alpha", o->rw_alpha, "rwSAM's KDE exponent (the paper: 1.2)");
  train_cmd->add_option("--rwsam-bandwidth", o->rw_bandwidth,
                        "rwSAM's KDE h (0: half the median distance between features)");
  train_cmd->add_option("--rwsam-weights-from", o->rw_weights_from,
                        "rwSAM's fixed weights: a finished plain run on the same variant (its "
                        "final features) or a file of longtail weights --out");
  train_cmd->add_option("--rwsam-start", o->rw_start,
                        "rwSAM, our in-run staging: plain epochs before the run computes its "
                        "own weights");
  train_cmd->add_option("--rwsam-refresh", o->rw_refresh, "rwSAM: epochs between new weights");
  train_cmd->add_flag("--no-flip", o->no_flip, "no horizontal flip (it would swap split images)");
  add_json_flag(train_cmd, o->json, "print one JSON summary on stdout");
  train_cmd->add_flag("--print-config", o->print_config, "print the resolved config and exit");
  add_distributed_options(train_cmd, o->distributed);
  train_cmd->callback(
      [&action, o, train_cmd] { action = [o, train_cmd] { run_train(*o, train_cmd); }; });

  auto b = std::make_shared<StepBenchOptions>();
  auto bench_json = std::make_shared<bool>(false);
  CLI::App* bench = app.add_subcommand("bench", "measure speed");
  bench->require_subcommand(1);
  CLI::App* step =
      bench->add_subcommand("step", "images/s of a full training step, augmentation included");
  step->add_option("--method", b->method)->capture_default_str();
  step->add_option("--model", b->model)->capture_default_str();
  step->add_option("--size", b->size, "image side")->capture_default_str();
  step->add_option("--channels", b->channels)->capture_default_str();
  step->add_option("--batch", b->batch)->capture_default_str();
  step->add_option("--steps", b->steps, "timed steps")->capture_default_str();
  step->add_option("--warmup", b->warmup, "untimed steps first")->capture_default_str();
  step->add_option("--projector-layers", b->projector_layers)->capture_default_str();
  add_device_option(step, b->device);
  add_precision_option(step, b->precision);
  add_threads_option(step, b->threads);
  step->add_flag("!--no-augment", b->augment, "views without augmentation (its cost)");
  step->add_flag("--cuda-graph", b->cuda_graph,
                 "CUDA: the whole step captured in one CUDA graph and replayed");
  add_json_flag(step, *bench_json);
  step->callback([&action, b, bench_json] {
    action = [b, bench_json] {
      const StepBenchResult r = bench_step(*b);
      if (*bench_json) {
        std::cout << json{{"images_per_s", r.images_per_s}, {"device", r.device}}.dump() << "\n";
      } else {
        std::printf("images_per_s=%.1f\n", r.images_per_s);
        std::fprintf(stderr, "on %s\n", r.device.c_str());
      }
    };
  });

  auto run_dir = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto export_store = std::make_shared<std::string>();
  CLI::App* export_cmd =
      app.add_subcommand("export-encoder", "write a run's encoder as a state dict for PyTorch");
  export_cmd->add_option("run", *run_dir, "the run (directory or store id)")->required();
  export_cmd->add_option("--out", *out, "the .pt file to write")->required();
  add_store_option(export_cmd, *export_store);
  export_cmd->callback([&action, run_dir, out, export_store] {
    action = [run_dir, out, export_store] {
      const std::string store = store_path(*export_store);
      const std::string dir = resolve_run_dir(*run_dir, store);
      const int64_t tensors = export_encoder(dir, *out);
      if (store_wanted(store)) {
        RunStore runs(store);
        runs.add_artifact(record_run_dir(runs, dir), "encoder",
                          std::filesystem::absolute(*out).string());
      }
      std::printf("wrote %s (%lld tensors)\n", out->c_str(), static_cast<long long>(tensors));
    };
  });
}

}  // namespace lt::cli
