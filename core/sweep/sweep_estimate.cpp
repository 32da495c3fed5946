#include "sweep/sweep_estimate.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "store/run_store.h"

namespace lt {
namespace {

// Pre-training images/s measured on the reference machines. CPU: 2 idle cores of this project's
// machine (README: `train --preset cpu`, 14,886 images at about 46 s an epoch with the monitor;
// supervised runs take one view and no predictor, about 2.5x faster). CUDA: one H100
// (docs/results: SimSiam ResNet-18 21,333, supervised about 38,000). The rest are scaled guesses.
struct Reference {
  const char* model;
  const char* method;  // "ssl": any two-view method
  double cpu_per_core;
  double cuda;
  bool cpu_measured, cuda_measured;  // false: scaled from the measured ones by the model's cost
};
constexpr Reference kReference[] = {
    {"resnet-small", "ssl", 170, 40000, true, false},
    {"resnet-small", "supervised", 430, 70000, true, false},
    {"resnet18", "ssl", 12, 21333, false, true},
    {"resnet18", "supervised", 30, 38000, false, true},
    {"resnet50", "ssl", 4, 7000, false, false},
    {"resnet50", "supervised", 10, 13000, false, false},
};

// Encoding for the monitor and the probes runs about this many times faster than a training
// step of a two-view method (forward only, one view, no augmentation).
constexpr double kEncodeSpeedup = 8;

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

std::string seconds_text(double s) {
  char text[64];
  std::snprintf(text, sizeof text, "%.0f", s);
  return text;
}

struct Rate {
  double train = 0;   // pre-training images/s
  double encode = 0;  // images/s through the frozen encoder
};

}  // namespace

std::string throughput_key(const std::string& model, const std::string& method,
                           const std::string& device, int64_t cores) {
  return model + "/" + method + "/" + (device == "cpu" ? "cpu:" + std::to_string(cores) : device);
}

SweepEstimate estimate_sweep(const SweepExpansion& x, const EstimateContext& ctx) {
  SweepEstimate e;
  const bool cuda = ctx.device != "cpu";
  const int64_t cores = std::max<int64_t>(1, ctx.cores);
  std::map<std::string, Rate> rates;
  const auto rate_for = [&](const std::string& model, const std::string& method) -> Rate {
    const std::string key = throughput_key(model, method, cuda ? "cuda" : "cpu", cores);
    if (const auto known = rates.find(key); known != rates.end()) return known->second;
    const std::string kind = method == "supervised" ? "supervised" : "ssl";
    double reference = 0, reference_ssl = 0;
    bool measured = false;
    for (const auto& r : kReference) {
      if (model != r.model) continue;
      const double v = cuda ? r.cuda : r.cpu_per_core * double(cores);
      if (kind == r.method) {
        reference = v;
        measured = cuda ? r.cuda_measured : r.cpu_measured;
      }
      if (std::string(r.method) == "ssl") reference_ssl = v;
    }
    Rate rate;
    if (const auto m = ctx.measured.find(key); m != ctx.measured.end() && m->second > 0) {
      rate.train = m->second;
      e.basis.push_back(key + ": " + seconds_text(m->second) +
                        " images/s, measured by this store's finished runs");
    } else {
      rate.train = reference > 0 ? reference : (cuda ? 20000 : 10.0 * double(cores));
      std::string where = "a guess (no figure for this model)";
      if (reference > 0 && !measured) {
        where = std::string("a guess, scaled from the measured small network") +
                (cuda ? " and ResNet-18 on one H100" : " on 2 cores");
      } else if (reference > 0 && cuda) {
        where = "measured on one H100";
      } else if (reference > 0) {
        where = "measured on 2 idle cores" +
                (cores == 2 ? std::string() : ", scaled to " + std::to_string(cores));
      }
      e.basis.push_back(key + ": " + seconds_text(rate.train) + " images/s, " + where);
    }
    const double ssl = reference_ssl > 0 ? reference_ssl : rate.train;
    rate.encode = kEncodeSpeedup * std::min(rate.train, ssl > 0 ? ssl : rate.train);
    rates[key] = rate;
    return rate;
  };

  std::map<std::string, int64_t> variant_images;
  for (const auto& v : x.variants) variant_images[v.id] = v.expected_images;
  const std::vector<int64_t> train_counts =
      x.runs.empty() ? std::vector<int64_t>{} : known_train_counts(x.runs[0].config.source);
  int64_t classes = train_counts.empty() ? 10 : int64_t(train_counts.size());
  int64_t source_train = 0;
  for (int64_t c : train_counts) source_train += c;
  if (source_train == 0) source_train = 50000;

  for (const auto& run : x.runs) {
    if (ctx.done.contains(run.key)) continue;
    const int64_t n = variant_images[run.variant];
    if (n <= 0) {
      ++e.runs_unknown_size;
      continue;
    }
    ++e.runs_counted;
    const RunConfig& c = run.config;
    const Rate rate = rate_for(c.encoder.arch, run.method);
    const int64_t steps_per_epoch = std::max<int64_t>(1, n / c.batch_size);
    const int64_t total_steps = c.iterations > 0 ? c.iterations : c.epochs * steps_per_epoch;
    const int64_t epochs = (total_steps + steps_per_epoch - 1) / steps_per_epoch;
    const int64_t images = total_steps * c.batch_size;
    e.images_seen += images;
    e.pretrain_seconds += double(images) / rate.train + 2;  // + loading the source
    if (c.knn_every > 0) {
      const int64_t monitored = epochs / c.knn_every + (epochs % c.knn_every ? 1 : 0);
      const double encoded = double(c.knn_bank_per_class * classes + c.knn_queries);
      e.monitor_seconds += double(monitored) * encoded / rate.encode;
    }
    for (const auto& probe : x.probes) {
      const bool id = probe.probe == "id";
      const double train = probe.train_per_class > 0 ? double(probe.train_per_class * classes)
                           : id                      ? double(source_train)
                                                     : 4000.0;
      const double test = probe.test_per_class > 0 ? double(probe.test_per_class * classes)
                          : id                     ? 10000.0
                                                   : 1000.0;
      const double optimise = double(probe.options.epochs) * train / (cuda ? 1e8 : 5e5);
      e.probe_seconds += (train + test) / rate.encode + optimise + 2;  // + loading the data
    }
  }
  const double total = e.pretrain_seconds + e.monitor_seconds + e.probe_seconds;
  // Runs at once share the device: on a CPU they split its cores, and on one GPU the measured sum
  // of four concurrent loops was below one alone for full-size runs. No speed-up is assumed.
  e.seconds = total;
  if (ctx.parallel > 1) {
    e.basis.push_back(std::to_string(ctx.parallel) +
                      " runs at once: assumed no faster in total (they share the device)");
  }
  return e;
}

std::map<std::string, double> measured_throughputs(RunStore& store) {
  std::map<std::string, std::vector<double>> samples;
  for (const StoredRun& run : store.list_runs()) {
    if (run.status != "finished" || run.model.empty() || run.method.empty()) continue;
    std::string device;
    int64_t threads = 0;
    if (run.device.rfind("cuda", 0) == 0) {
      device = "cuda";
    } else if (run.device.rfind("cpu (", 0) == 0) {
      device = "cpu";
      threads = std::atoll(run.device.c_str() + 5);
    } else {
      continue;
    }
    std::vector<double> rates;
    for (const StoredEpoch& epoch : store.epochs(run.id)) {
      if (epoch.images_per_s > 0) rates.push_back(epoch.images_per_s);
    }
    // One or two epochs are mostly warm-up: not a measurement.
    if (rates.size() < 3) continue;
    samples[throughput_key(run.model, run.method, device, threads)].push_back(median(rates));
  }
  std::map<std::string, double> out;
  for (auto& [key, values] : samples) out[key] = median(values);
  return out;
}

}  // namespace lt
