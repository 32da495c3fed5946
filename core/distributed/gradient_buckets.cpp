#include "distributed/gradient_buckets.h"

#include <torch/torch.h>

#include <stdexcept>

namespace lt {

GradientBuckets::GradientBuckets(std::vector<torch::Tensor> parameters,
                                 std::shared_ptr<Collectives> collectives, bool overlap,
                                 int64_t bucket_bytes)
    : parameters_(std::move(parameters)), collectives_(std::move(collectives)), overlap_(overlap) {
  bucket_of_.assign(parameters_.size(), 0);
  slot_of_.assign(parameters_.size(), 0);
  arrived_.assign(parameters_.size(), false);
  int64_t bytes = 0, elements = 0;
  for (size_t k = parameters_.size(); k-- > 0;) {
    const auto& p = parameters_[k];
    if (!p.defined() || !p.requires_grad()) continue;
    const int64_t cap = buckets_.size() <= 1 ? kFirstBucketBytes : bucket_bytes;
    const bool fits = !buckets_.empty() && bytes + int64_t(p.nbytes()) <= cap &&
                      buckets_.back().flat.scalar_type() == p.scalar_type() &&
                      buckets_.back().flat.device() == p.device();
    if (!fits) {
      if (!buckets_.empty()) buckets_.back().flat = buckets_.back().flat.new_zeros({elements});
      buckets_.push_back(Bucket{});
      buckets_.back().flat = torch::empty({0}, p.options().requires_grad(false));
      bytes = elements = 0;
    }
    Bucket& b = buckets_.back();
    bucket_of_[k] = buckets_.size() - 1;
    slot_of_[k] = b.members.size();
    b.members.push_back(k);
    b.offsets.push_back(elements);
    elements += p.numel();
    bytes += int64_t(p.nbytes());
  }
  if (!buckets_.empty()) buckets_.back().flat = buckets_.back().flat.new_zeros({elements});
  reset_round();
  if (overlap_) {
    for (const auto& b : buckets_) {
      for (size_t k : b.members) {
        hooks_.push_back(parameters_[k].register_hook([this, k](torch::Tensor grad) {
          std::lock_guard<std::mutex> lock(mutex_);
          take(k, grad);
          start_ready_buckets();
        }));
      }
    }
  }
}

GradientBuckets::~GradientBuckets() {
  size_t h = 0;
  for (const auto& b : buckets_) {
    for (size_t k : b.members) {
      if (h < hooks_.size()) parameters_[k].remove_hook(hooks_[h++]);
    }
  }
}

void GradientBuckets::reset_round() {
  for (auto& b : buckets_) {
    b.missing = int64_t(b.members.size());
    b.wait = nullptr;
  }
  arrived_.assign(parameters_.size(), false);
  next_to_start_ = 0;
}

void GradientBuckets::take(size_t k, const torch::Tensor& grad) {
  if (arrived_[k]) {
    throw std::logic_error("GradientBuckets: a second gradient before finish()");
  }
  Bucket& b = buckets_[bucket_of_[k]];
  const int64_t offset = b.offsets[slot_of_[k]];
  const auto& p = parameters_[k];
  auto slot = b.flat.slice(0, offset, offset + p.numel());
  if (grad.defined()) {
    slot.copy_(grad.reshape({-1}));
  } else {
    slot.zero_();
  }
  arrived_[k] = true;
  --b.missing;
}

void GradientBuckets::start_ready_buckets() {
  while (next_to_start_ < buckets_.size() && buckets_[next_to_start_].missing == 0) {
    Bucket& b = buckets_[next_to_start_++];
    b.wait = collectives_->start_sum(b.flat);
  }
}

void GradientBuckets::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  // What no hook brought (no overlap, or a parameter this backward pass did not reach): its
  // gradient now, zeros where there is none, so that every rank sums the same buckets.
  std::vector<bool> had_gradient(parameters_.size(), false);
  for (auto& b : buckets_) {
    for (size_t k : b.members) {
      had_gradient[k] = arrived_[k] || parameters_[k].grad().defined();
      if (!arrived_[k]) take(k, parameters_[k].grad());
    }
  }
  start_ready_buckets();
  const double world = double(collectives_->world_size());
  for (auto& b : buckets_) {
    b.wait();
    b.flat.div_(world);
    for (size_t slot = 0; slot < b.members.size(); ++slot) {
      const size_t k = b.members[slot];
      if (!had_gradient[k]) continue;  // unused here (and, the graph being the same, everywhere)
      auto& p = parameters_[k];
      const auto mean =
          b.flat.slice(0, b.offsets[slot], b.offsets[slot] + p.numel()).view(p.sizes());
      if (p.grad().defined()) {
        p.mutable_grad().copy_(mean);
      } else {
        p.mutable_grad() = mean.clone();
      }
    }
  }
  reset_round();
}

}  // namespace lt
