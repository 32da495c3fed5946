// The run config of the training tests: about 500 Fashion-MNIST images and the small network on
// one thread (CTest runs two tests at once on two cores), about a second an epoch here.
#pragma once

#include <string>

#include "train/run_config.h"

namespace lt::test {

inline RunConfig tiny_run(const std::string& method, const std::string& device = "cpu",
                          const std::string& precision = "fp32") {
  RunConfig c;
  c.method.name = method;
  c.design.distribution = Distribution::kExponential;
  c.design.ratio = 0.1;
  c.design.sample = 0.02;
  c.batch_size = 32;
  c.threads = 1;
  c.epochs = 3;
  c.lr = 0.05;
  c.knn_every = 0;
  c.device = device;
  c.precision = precision;
  c.seed = 3;
  // A queue no longer than a batch holds only real keys: no random start to unlearn.
  c.method.moco_queue = 32;
  return c;
}

}  // namespace lt::test
