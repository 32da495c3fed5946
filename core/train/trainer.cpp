#include "train/trainer.h"

#include <sys/stat.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/augment.h"
#include "data/balanced_indices.h"
#include "data/dataset_tensors.h"
#include "data/source.h"
#include "data/variant.h"
#include "distributed/data_parallel.h"
#include "distributed/distributed_sampler.h"
#include "eval/kde_record_json.h"
#include "eval/kde_weights.h"
#include "eval/knn_monitor.h"
#include "runtime/device.h"
#include "runtime/run_generator.h"
#include "train/checkpoint.h"
#include "train/lr_schedule.h"
#include "train/rwsam_weights_source.h"
#include "train/sam.h"
#include "train/saved_run.h"
#include "train/supervised_protocol.h"
#include "util/build_info.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/hash.h"
#include "util/host_name.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr int64_t kLogEverySteps = 10;

struct Session {
  RunConfig config;
  DeviceChoice device;
  Variant variant;
  DatasetTensors data;
  int64_t num_classes = 0;
  Method method;
  std::unique_ptr<torch::optim::SGD> optimizer;
  at::Generator generator;
  std::unique_ptr<Augmenter> augment;     // SSL views (and the normaliser)
  std::unique_ptr<Augmenter> augment_sl;  // supervised: the protocol's single view
  std::unique_ptr<KnnMonitor> monitor;
  int64_t steps_per_epoch = 0;
  int64_t total_steps = 0;
  int64_t epochs_planned = 0;
  int64_t warmup_steps = 0;
  torch::Tensor rw_weights;  // rwSAM: one KDE weight per training image, on the device
  // Data-parallel runs: this process's part (null: one process). Only a writing process (rank
  // 0, or the only one) touches the run directory.
  DataParallel* dp = nullptr;
  bool writes = true;
  std::unique_ptr<DistributedSampler> sampler;  // this rank's share of each global batch
  std::vector<std::string> fingerprints;        // every rank's parameters at the last checkpoint
};

// rwSAM's weights: at the start of stage 2 from `sam.weights_from` where given (a finished
// plain run or a weights file: the paper's workflow), else (and at each refresh) from the
// encoder's current features of every training image. They travel in the checkpoint (a resume
// uses the ones its checkpoint was taken with); rwsam-weights.pt in the run directory is a copy
// of the latest for people and scripts, written atomically with its record.
void compute_rw_weights(Session& s, const std::string& run_dir, int64_t epoch) {
  const SamOptions& sam = s.config.sam;
  KdeOptions kde;
  kde.alpha = sam.alpha;
  kde.bandwidth = sam.bandwidth;
  kde.seed = s.config.seed;
  KdeRecord record;
  json from;
  if (!sam.weights_from.empty() && (epoch == sam.start_epoch + 1 || !s.rw_weights.defined())) {
    const RwsamWeights loaded =
        load_rwsam_weights(sam.weights_from, kde, s.variant.hash, s.data.images.size(0),
                           s.config.device, s.config.threads);
    s.rw_weights = torch::tensor(loaded.weights, torch::kDouble).to(torch::kFloat);
    record = loaded.record;
    from = loaded.from;
  } else {
    const auto features = encode(s.method->encoder(), s.data.images, *s.augment, s.device.bf16,
                                 /*l2_normalize=*/true);
    const KdeWeights weights = kde_weights(features, kde);
    s.rw_weights = weights.weights.to(torch::kFloat);
    const auto labels = s.data.labels.cpu().to(torch::kLong).contiguous();
    record = kde_record(weights, kde.alpha,
                        std::vector<int64_t>(labels.data_ptr<int64_t>(),
                                             labels.data_ptr<int64_t>() + labels.numel()),
                        s.num_classes);
    from = "this run's encoder after epoch " + std::to_string(epoch - 1);
  }
  s.rw_weights = s.rw_weights.to(s.device.device);
  if (!s.writes) return;
  std::ostringstream bytes;
  torch::save(s.rw_weights.cpu(), bytes);
  write_file_atomically((fs::path(run_dir) / "rwsam-weights.pt").string(), bytes.str());
  json info = kde_record_to_json(record);
  info["from"] = from;
  info["epoch"] = epoch;
  write_file_atomically((fs::path(run_dir) / "rwsam-weights.json").string(), info.dump(2) + "\n");
}

bool rw_weights_due(const SamOptions& sam, int64_t epoch) {
  if (sam.mode != "rwsam" || epoch <= sam.start_epoch) return false;
  const int64_t into_stage2 = epoch - 1 - sam.start_epoch;
  return into_stage2 == 0 || (sam.refresh_every > 0 && into_stage2 % sam.refresh_every == 0);
}

std::string format_lr(double lr) {
  std::ostringstream out;
  out << lr;
  return out.str();
}

std::string now_iso() {
  const auto t = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&t, &utc);  // std::gmtime's buffer is shared by every thread (K sweep workers)
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

// A file's modification time as an ISO timestamp (UTC); now when it cannot be read.
std::string file_time_iso(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return now_iso();
  std::tm utc{};
  gmtime_r(&st.st_mtime, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

// Every finished epoch up to `last_epoch`; later lines (written after the checkpoint) go.
std::vector<EpochMetrics> read_metrics(const std::string& path, int64_t last_epoch) {
  return read_epoch_records(path, last_epoch);
}

void write_metrics(const std::string& path, const std::vector<EpochMetrics>& history) {
  std::string text;
  for (const auto& m : history) text += epoch_to_json(m).dump() + "\n";
  write_file_atomically(path, text);
}

Session prepare(const RunConfig& config, const Variant* saved_variant, DataParallel* dp) {
  validate_config(config);
  set_torch_threads(int(dp ? dp->threads_for(config.threads) : config.threads));
  Session s;
  s.config = config;
  s.dp = dp;
  s.writes = dp == nullptr || dp->writes_run_files();
  if (dp != nullptr) check_method_runs_data_parallel(config.method.name, dp->world_size());
  s.device =
      choose_device(dp ? DataParallel::device_for(config.device, dp->local_rank()) : config.device,
                    config.precision);

  const Dataset source = load_source({config.source, "train", true, {}});
  if (saved_variant != nullptr) {
    s.variant = *saved_variant;
  } else if (!config.variant.empty()) {
    s.variant = load_variant(config.variant);
  } else {
    s.variant = build_variant(source, config.source, "train", config.design);
  }
  if (config.twin && !s.variant.balanced_twin) s.variant = build_balanced_twin(source, s.variant);
  const Dataset data = materialize(source, s.variant);
  s.num_classes = data.num_classes();
  const int64_t n = data.size();
  if (config.batch_size > n) {
    throw_setting("config field batch_size " + std::to_string(config.batch_size) +
                  " is larger than the variant (" + std::to_string(n) + " images); lower it");
  }
  s.data = to_tensors(data, s.device.device);

  MethodOptions method = config.method;
  method.num_classes = s.num_classes;
  method.examples = n;
  EncoderOptions encoder = config.encoder;
  encoder.in_channels = data.shape.channels;
  {
    // The run's own generators (runtime/run_generator.h): nothing here draws from LibTorch's
    // global one, so another run of this process, or code seeding that, cannot change this run.
    at::Generator init = init_generator(config.seed);
    s.method = make_method(method, encoder, init);
  }
  s.method->to(s.device.device);
  adopt_memory_format(*s.method, s.device);
  s.optimizer = std::make_unique<torch::optim::SGD>(s.method->trainable_parameters(),
                                                    torch::optim::SGDOptions(config.lr)
                                                        .momentum(config.momentum)
                                                        .weight_decay(config.weight_decay));
  s.generator = run_generator(config.seed);
  s.augment = std::make_unique<Augmenter>(config.augment, data.shape.channels);
  s.augment_sl = std::make_unique<Augmenter>(supervised_view(config.augment), data.shape.channels);

  s.sampler = std::make_unique<DistributedSampler>(n, config.batch_size, dp ? dp->rank() : 0,
                                                   dp ? dp->world_size() : 1);
  s.steps_per_epoch = s.sampler->steps_per_epoch();  // the last partial batch is dropped
  s.total_steps = config.iterations > 0 ? config.iterations : config.epochs * s.steps_per_epoch;
  s.epochs_planned = (s.total_steps + s.steps_per_epoch - 1) / s.steps_per_epoch;
  s.warmup_steps = config.warmup_epochs * s.steps_per_epoch;

  if (config.knn_every > 0 && s.writes) {  // the monitor is rank 0's
    const std::string monitor_spec =
        config.monitor_source.empty() ? config.source : config.monitor_source;
    const Dataset bank_source = load_source({monitor_spec, "train", true, {}});
    const Dataset query_source = load_source({monitor_spec, "test", true, {}});
    const Dataset bank =
        subset(bank_source, balanced_indices(bank_source.labels, bank_source.num_classes(),
                                             config.knn_bank_per_class, config.seed));
    const int64_t per_class =
        std::max<int64_t>(1, config.knn_queries / std::max<int64_t>(1, query_source.num_classes()));
    const Dataset queries =
        subset(query_source, balanced_indices(query_source.labels, query_source.num_classes(),
                                              per_class, config.seed + 1));
    s.monitor = std::make_unique<KnnMonitor>(
        bank, queries, KnnOptions{config.knn_k, config.knn_temperature}, s.device.device);
  }
  return s;
}

// What reproduces the run: how it was started, from which build, on what. The config itself is
// config.json beside it; its hash is here so that a figure can name it.
json provenance(const Session& s) {
  ContentHash config_hash;
  config_hash.add(config_to_json(s.config));
  return json{{"command_line", command_line()},
              {"longtail", longtail_version()},
              {"git_commit", build_git_commit()},
              {"git_dirty", build_git_dirty()},
              {"libtorch", libtorch_version()},
              {"cuda", cuda_version()},
              {"cudnn", cudnn_version()},
              {"compiler", compiler_version()},
              {"device", s.device.description},
              {"host", current_host()},
              {"precision", s.device.bf16 ? "bf16" : "fp32"},
              {"seed", s.config.seed},
              {"design_seed", s.config.design.seed},
              {"variant_hash", s.variant.hash},
              {"config_hash", config_hash.hex()}};
}

// How a data-parallel run was split, and the fingerprints of every rank's parameters at the last
// checkpoint (equal: the replicas were bitwise equal).
json distributed_info(const Session& s) {
  return json{{"world_size", s.dp->world_size()},
              {"backend", s.dp->collectives().backend()},
              {"sync_batch_norm", s.dp->options().sync_batch_norm},
              {"gradient_overlap", s.dp->options().overlap},
              {"batch_per_process", s.sampler->share_size()},
              {"parameter_fingerprints", s.fingerprints}};
}

json run_info(const Session& s, const std::string& run_dir, const std::string& status,
              int64_t epochs_done) {
  const ImbalanceSummary summary = s.variant.summary();
  return json{{"run_id", fs::path(run_dir).filename().string()},
              {"status", status},
              {"method", s.config.method.name},
              {"model", s.config.encoder.arch},
              {"source", s.config.source},
              {"variant_hash", s.variant.hash},
              {"balanced_twin", s.variant.balanced_twin},
              {"total_images", summary.total},
              {"ratio_achieved", summary.ratio_achieved},
              {"counts", s.variant.counts},
              {"seed", s.config.seed},
              {"device", s.device.description},
              {"libtorch", libtorch_version()},
              {"git_commit", build_git_commit()},
              {"epochs_planned", s.epochs_planned},
              {"epochs_done", epochs_done},
              {"provenance", provenance(s)},
              {"updated", now_iso()}};
}

void write_run_info(const Session& s, const std::string& run_dir, const std::string& status,
                    int64_t epochs_done, json extra = json::object()) {
  if (!s.writes) return;
  json info = run_info(s, run_dir, status, epochs_done);
  if (s.dp) info["distributed"] = distributed_info(s);
  const std::string path = (fs::path(run_dir) / "run.json").string();
  // Keep what earlier sessions of the run recorded (creation time, re-plans).
  if (fs::exists(path)) {
    try {
      const auto old = nlohmann::json::parse(std::ifstream(path));
      if (old.contains("created")) info["created"] = old["created"];
      if (old.contains("replanned")) info["replanned"] = old["replanned"];
      // The session that started the run reproduces it; a resume's is kept beside it.
      if (old.contains("resumed_by")) info["resumed_by"] = old["resumed_by"];
      if (old.contains("provenance")) {
        if (old["provenance"].value("command_line", "") != command_line())
          info["resumed_by"] = command_line();
        info["provenance"] = old["provenance"];
      }
      if (old.contains("repaired")) info["repaired"] = old["repaired"];
    } catch (const nlohmann::json::exception& e) {
      // Not silently: the run says what was lost, and takes its creation time from the file
      // written when it started.
      info["created"] = file_time_iso((fs::path(run_dir) / "config.json").string());
      info["repaired"] = "run.json was unreadable (" + std::string(e.what()) +
                         ") and was written again; created is config.json's time, earlier "
                         "re-plans are not known";
    }
  }
  if (!info.contains("created")) info["created"] = now_iso();
  for (auto& [k, v] : extra.items()) info[k] = v;
  write_file_atomically(path, info.dump(2) + "\n");
}

// Data-parallel replicas must stay bitwise equal (same start, same averaged gradients, same
// steps): checked at each checkpoint by a fingerprint of every rank's parameters, recorded in
// run.json. Replicas that differ would make rank 0's checkpoint one of several models: stop.
void check_replicas(Session& s, const std::vector<torch::Tensor>& parameters) {
  s.fingerprints = s.dp->parameter_fingerprints(parameters);
  for (const auto& f : s.fingerprints) {
    if (f != s.fingerprints.front()) {
      throw_data("the " + std::to_string(s.fingerprints.size()) + " processes' models are no " +
                 "longer identical (parameter fingerprints " + json(s.fingerprints).dump() +
                 "); this is a bug of the data-parallel training: please report it");
    }
  }
}

RunResult run_loop(Session& s, const std::string& run_dir, CheckpointState state,
                   std::vector<EpochMetrics> history, const TrainCallback& callback) {
  const std::string checkpoint_path = (fs::path(run_dir) / "checkpoint.pt").string();
  const std::string metrics_path = (fs::path(run_dir) / "metrics.jsonl").string();
  RunResult result;
  result.run_dir = run_dir;
  result.run_id = fs::path(run_dir).filename().string();
  result.device = s.device.description;
  result.epochs_planned = s.epochs_planned;
  result.world_size = s.dp ? s.dp->world_size() : 1;
  const auto parameters = s.method->trainable_parameters();
  if (s.dp) {
    s.dp->prepare(*s.method, parameters);
    if (s.writes) result.device += ", " + s.dp->description();
  }
  write_run_info(s, run_dir, "running", state.epoch);

  const auto& cfg = s.config;
  const auto device = s.device.device;
  const bool two_views = s.method->two_views();
  const Augmenter& augment = two_views ? *s.augment : *s.augment_sl;
  const auto memory_format = activation_format(s.device);
  const auto run_start = Clock::now();
  int64_t steps_this_session = 0;
  int64_t last_checkpoint = state.epoch;
  s.method->train();

  auto finish = [&](const std::string& status, const std::string& message) {
    result.status = status;
    result.message = message;
    result.epochs_done = state.epoch;
    result.history = history;
    result.final_loss = history.empty() ? NAN : history.back().loss;
    json extra = json::object();
    if (!message.empty()) extra["message"] = message;
    write_run_info(s, run_dir, status, state.epoch, extra);
    return result;
  };

  const SamOptions& sam = cfg.sam;
  // Data-parallel: gradients become the mean over the ranks after each backward pass, and the
  // few numbers read from the device are agreed on by every rank.
  const auto sync_gradients = [&] {
    if (s.dp) s.dp->average_gradients();
  };
  const auto agreed_mean = [&](const torch::Tensor& t) { return s.dp ? s.dp->mean(t) : t; };
  const auto agreed_max = [&](const torch::Tensor& t) { return s.dp ? s.dp->max(t) : t; };
  const auto any_rank = [&](bool mine) {
    if (!s.dp) return mine;
    return s.dp->max(torch::full({}, mine ? 1 : 0, torch::TensorOptions().device(device)))
               .item<int64_t>() > 0;
  };
  while (state.epoch < s.epochs_planned && state.step < s.total_steps) {
    const int64_t epoch = state.epoch + 1;
    const auto epoch_start = Clock::now();
    // Per-process BatchNorm lets the ranks' running statistics drift within an epoch: each
    // starts from rank 0's (what is saved, monitored and used for rwSAM's weights).
    if (s.dp && !s.dp->options().sync_batch_norm) s.dp->broadcast_buffers(*s.method);
    if (rw_weights_due(sam, epoch)) {
      compute_rw_weights(s, run_dir, epoch);
      s.method->train();
    } else if (sam.mode == "rwsam" && epoch > sam.start_epoch && !s.rw_weights.defined()) {
      // A checkpoint of an older version holds no weights: the ones of its own model (or of
      // the run or file they were taken from).
      compute_rw_weights(s, run_dir, epoch);
      s.method->train();
    }
    const bool sharpness_aware =
        sam.mode == "sam" || sam.mode == "asam" || (sam.mode == "rwsam" && epoch > sam.start_epoch);
    const auto order = s.sampler->epoch_order(s.generator).to(device);
    const BatchShare share = s.sampler->share();
    const int64_t steps = std::min(s.steps_per_epoch, s.total_steps - state.step);
    auto loss_sum = torch::zeros({}, torch::TensorOptions().device(device));
    auto first_bad = torch::full({}, -1, torch::TensorOptions().device(device).dtype(torch::kLong));
    double lr = cfg.lr;
    bool stop = false;
    for (int64_t b = 0; b < steps; ++b) {
      const auto idx = s.sampler->indices(order, b);
      const auto images = s.data.images.index_select(0, idx);
      const auto labels = s.data.labels.index_select(0, idx);
      // The method's schedule first: at an epoch's start BCL folds the last epoch into the
      // strengths this batch's views then use.
      s.method->before_step(TrainingClock{state.step, s.total_steps, s.steps_per_epoch});
      const auto strength = s.method->begin_batch(idx);
      const auto make_view = [&] {
        const auto view = strength.defined()
                              ? augment.boosted(images, strength, cfg.method.bcl_ops, s.generator)
                              : augment(images, s.generator, share);
        return view.contiguous(memory_format);
      };
      const auto view1 = make_view();
      const auto view2 = two_views ? make_view() : torch::Tensor();
      lr = cosine_lr(cfg.lr, state.step, s.total_steps, s.warmup_steps);
      for (auto& group : s.optimizer->param_groups()) group.options().set_lr(lr);
      StepOutput out;
      {
        AutocastGuard autocast(s.device);
        out = s.method->forward(view1, view2, labels);
      }
      s.optimizer->zero_grad();
      if (!sharpness_aware) {
        out.loss.backward();
        sync_gradients();
      } else {
        // The ascent: rwSAM's comes from the per-example loss weighted by the KDE weights.
        const auto ascent =
            sam.mode == "rwsam"
                ? (out.per_example.to(torch::kFloat) * s.rw_weights.index_select(0, idx)).mean()
                : out.loss;
        ascent.backward();
        sync_gradients();
        const auto e = sam_perturb(parameters, sam.rho, sam_is_adaptive(sam));
        StepOutput at_e;
        {
          FrozenBatchNormStats frozen(*s.method);
          AutocastGuard autocast(s.device);
          at_e = s.method->forward(view1, view2, labels);
        }
        s.optimizer->zero_grad();
        at_e.loss.backward();  // the update's gradient: the plain loss at w + e
        sync_gradients();
        sam_restore(parameters, e);
      }
      s.optimizer->step();
      s.method->after_optimizer_step();
      const auto loss = out.loss.detach().to(torch::kFloat);
      loss_sum += loss;
      first_bad = torch::where((first_bad < 0) & loss.isfinite().logical_not(),
                               torch::full_like(first_bad, state.step), first_bad);
      ++state.step;
      ++steps_this_session;
      // Reading device values synchronises: only every few steps and at the epoch's end.
      if ((b + 1) % kLogEverySteps == 0 || b + 1 == steps) {
        const int64_t bad = agreed_max(first_bad).item<int64_t>();
        if (bad >= 0) {
          return finish("diverged",
                        "the loss became NaN or infinite at step " + std::to_string(bad + 1) +
                            " (epoch " + std::to_string(epoch) + "); the checkpoint of epoch " +
                            std::to_string(last_checkpoint) + " is kept. Lower lr (now " +
                            format_lr(cfg.lr) + ") or add warmup_epochs, then start again");
        }
        const double elapsed = std::chrono::duration<double>(Clock::now() - epoch_start).count();
        TrainProgress p;
        p.epoch = epoch;
        p.epochs = s.epochs_planned;
        p.step = b + 1;
        p.steps_per_epoch = steps;
        p.loss = agreed_mean(loss_sum).item<double>() / double(b + 1);
        p.images_per_s = double((b + 1) * cfg.batch_size) / std::max(elapsed, 1e-9);
        const double per_step = std::chrono::duration<double>(Clock::now() - run_start).count() /
                                double(steps_this_session);
        p.eta_seconds = per_step * double(s.total_steps - state.step);
        if (callback && !callback(p)) stop = true;
        stop = any_rank(stop);  // every rank stops at the same step, or none does
      }
      if (stop) break;
    }
    if (stop) {
      return finish("cancelled", "stopped during epoch " + std::to_string(epoch) +
                                     "; resume continues from the checkpoint of epoch " +
                                     std::to_string(last_checkpoint));
    }

    EpochMetrics m;
    m.epoch = epoch;
    m.loss = agreed_mean(loss_sum).item<double>() / double(steps);
    m.lr = lr;
    const double train_seconds = std::chrono::duration<double>(Clock::now() - epoch_start).count();
    m.images_per_s = double(steps * cfg.batch_size) / std::max(train_seconds, 1e-9);
    if (s.monitor && (epoch % cfg.knn_every == 0 || epoch == s.epochs_planned)) {
      m.knn_accuracy = s.monitor->accuracy(s.method->encoder(), *s.augment, s.device.bf16);
      s.method->train();
    }
    m.seconds = std::chrono::duration<double>(Clock::now() - epoch_start).count();
    state.epoch = epoch;
    history.push_back(m);
    // The whole file again, atomically: an append torn by a full disk would hide later epochs.
    if (s.writes) write_metrics(metrics_path, history);
    // The callback hears of the epoch before its checkpoint is written, so whatever it records
    // (the run store) always holds every checkpointed epoch, even after a kill -9 in between.
    bool keep_going = true;
    if (callback) {
      TrainProgress p;
      p.epoch = epoch;
      p.epochs = s.epochs_planned;
      p.step = steps;
      p.steps_per_epoch = steps;
      p.loss = m.loss;
      p.images_per_s = m.images_per_s;
      p.finished_epoch = &history.back();
      keep_going = callback(p);
    }
    keep_going = !any_rank(!keep_going);
    if (epoch % cfg.checkpoint_every == 0 || epoch == s.epochs_planned || !keep_going) {
      state.rw_weights = s.rw_weights;
      if (s.dp) check_replicas(s, parameters);
      if (s.writes) save_checkpoint(checkpoint_path, *s.method, *s.optimizer, s.generator, state);
      last_checkpoint = state.epoch;
      write_run_info(s, run_dir, "running", state.epoch);
    }
    if (!keep_going) {
      return finish("cancelled", "stopped after epoch " + std::to_string(epoch) +
                                     "; resume continues from there");
    }
  }
  return finish("finished", "");
}

}  // namespace

RunResult train(const RunConfig& config, const std::string& run_dir, const TrainCallback& callback,
                DataParallel* data_parallel) {
  const bool writes = data_parallel == nullptr || data_parallel->writes_run_files();
  if (writes && fs::exists(fs::path(run_dir) / "run.json")) {
    throw_setting(run_dir + " holds a run already; resume it (--resume) or choose another --out");
  }
  // The protocol is decided here, where every run starts, and recorded in its config.
  RunConfig resolved = resolve_protocol(config);
  Session s = prepare(resolved, nullptr, data_parallel);
  if (!writes) return run_loop(s, run_dir, CheckpointState{}, {}, callback);
  std::error_code ec;
  fs::create_directories(run_dir, ec);
  if (ec) throw_io("cannot create run directory " + run_dir + ": " + ec.message());
  resolved.epochs = s.epochs_planned;
  resolved.encoder.in_channels = s.data.images.size(1);
  write_file_atomically((fs::path(run_dir) / "config.json").string(),
                        config_to_json(resolved) + "\n");
  save_variant(s.variant, (fs::path(run_dir) / "variant.json").string());
  write_metrics((fs::path(run_dir) / "metrics.jsonl").string(), {});
  return run_loop(s, run_dir, CheckpointState{}, {}, callback);
}

RunParallelism recorded_parallelism(const std::string& run_dir) {
  RunParallelism recorded;
  try {
    const auto info = nlohmann::json::parse(std::ifstream(fs::path(run_dir) / "run.json"));
    if (info.contains("distributed") && info["distributed"].is_object()) {
      recorded.world_size = info["distributed"].value("world_size", int64_t(1));
      recorded.sync_batch_norm = info["distributed"].value("sync_batch_norm", false);
    }
  } catch (const nlohmann::json::exception&) {
    // No run.json, or a torn one: the run has not recorded a data-parallel start.
  }
  return recorded;
}

void check_resume_parallelism(const std::string& run_dir, const RunParallelism& wanted) {
  const RunParallelism recorded = recorded_parallelism(run_dir);
  const auto processes = [](int64_t n) {
    return n == 1 ? std::string("one process") : std::to_string(n) + " processes";
  };
  if (recorded.world_size != wanted.world_size) {
    throw_setting(
        run_dir + " was trained by " + processes(recorded.world_size) + "; resume it with " +
        (recorded.world_size == 1
             ? std::string("one process (no --nproc-per-node)")
             : "--nproc-per-node (or a launcher) giving " + processes(recorded.world_size)) +
        ", not " + processes(wanted.world_size) +
        ": a different split of each batch would change BatchNorm's statistics mid-run");
  }
  if (recorded.world_size > 1 && recorded.sync_batch_norm != wanted.sync_batch_norm) {
    throw_setting(run_dir + (recorded.sync_batch_norm ? " was trained with --sync-bn; resume it "
                                                        "with --sync-bn"
                                                      : " was trained without --sync-bn; resume "
                                                        "it without"));
  }
}

RunResult resume(const std::string& run_dir, int64_t epochs, const TrainCallback& callback,
                 DataParallel* data_parallel) {
  check_resume_parallelism(run_dir, data_parallel
                                        ? RunParallelism{data_parallel->world_size(),
                                                         data_parallel->options().sync_batch_norm}
                                        : RunParallelism{});
  const std::string config_path = (fs::path(run_dir) / "config.json").string();
  SavedRun saved = read_saved_run(run_dir);
  RunConfig& config = saved.config;
  const Variant& variant = saved.variant;
  const int64_t planned = config.epochs;
  const bool replan = epochs > planned;
  if (replan) {
    config.epochs = epochs;
    config.iterations = 0;
  }
  Session s = prepare(config, &variant, data_parallel);
  // A run killed before its first checkpoint starts again from the beginning: prepare() made the
  // same initial weights and generator state that train() would.
  const std::string checkpoint_path = (fs::path(run_dir) / "checkpoint.pt").string();
  const CheckpointState state =
      fs::exists(checkpoint_path)
          ? load_checkpoint(checkpoint_path, *s.method, *s.optimizer, s.generator)
          : CheckpointState{};
  if (state.rw_weights.defined()) s.rw_weights = state.rw_weights.to(s.device.device);
  const std::string metrics_path = (fs::path(run_dir) / "metrics.jsonl").string();
  auto history = read_metrics(metrics_path, state.epoch);
  if (s.writes) write_metrics(metrics_path, history);
  if (replan && s.writes) {
    write_file_atomically(config_path, config_to_json(config) + "\n");
    json replanned = json::array();
    const std::string info_path = (fs::path(run_dir) / "run.json").string();
    try {
      const auto old = nlohmann::json::parse(std::ifstream(info_path));
      if (old.contains("replanned")) replanned = old["replanned"];
    } catch (const nlohmann::json::exception&) {
    }
    replanned.push_back(json{{"at_epoch", state.epoch},
                             {"from_epochs", planned},
                             {"to_epochs", epochs},
                             {"when", now_iso()}});
    write_run_info(s, run_dir, "running", state.epoch, json{{"replanned", replanned}});
  }
  return run_loop(s, run_dir, state, history, callback);
}

}  // namespace lt
