// How long a sweep will take, before it starts and without reading its data: images x epochs over
// a pre-training throughput, plus the kNN monitor and the probes. Throughputs come from finished
// runs of the same model, method and device in the run store where it has some, else from
// figures measured on the reference machines (2 idle CPU cores; one H100). A guide for planning.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sweep/sweep_plan.h"

namespace lt {

class RunStore;

struct SweepEstimate {
  double seconds = 0;           // wall time of the runs still to do
  double pretrain_seconds = 0;  // their pre-training, one after another, monitor excluded
  double monitor_seconds = 0;   // kNN monitor epochs
  double probe_seconds = 0;     // every probe of every run
  int64_t images_seen = 0;      // pre-training images x epochs, summed over the runs
  int64_t runs_counted = 0;
  int64_t runs_unknown_size = 0;   // n unknown without reading the source: left out
  std::vector<std::string> basis;  // one line per throughput used, and where it came from
};

struct EstimateContext {
  std::string device = "cpu";  // what the runs will use: cpu or cuda
  int64_t cores = 2;           // CPU cores, shared by all workers
  int64_t parallel = 1;        // runs at once (assumed no faster in total: they share the device)
  std::map<std::string, double> measured;  // images/s by throughput_key(), e.g. from the store
  std::set<std::string> done;              // run keys already finished: not counted
};

SweepEstimate estimate_sweep(const SweepExpansion& expansion, const EstimateContext& context);

// "model/method/device", e.g. "resnet-small/simsiam/cpu:2" (CPU keys carry the thread count).
std::string throughput_key(const std::string& model, const std::string& method,
                           const std::string& device, int64_t cores);

// The median pre-training images/s of the store's finished runs (their median epoch), by
// throughput_key().
std::map<std::string, double> measured_throughputs(RunStore& store);

}  // namespace lt
