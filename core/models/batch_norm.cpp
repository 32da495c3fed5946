#include "models/batch_norm.h"

#include <torch/torch.h>

#include <vector>

namespace lt {
namespace {

// Training-mode BatchNorm over the global batch. Each rank holds an equal share (the sampler
// makes it so), so the global count is the local one times the world size. The mean, then the
// squared deviations from it, are summed across the ranks (two passes, as torch's own kernels,
// for their precision); both sums are differentiable, so the backward pass sums the ranks'
// gradients of the statistics as PyTorch's SyncBatchNorm does. Computed in fp32 (autocast's bf16
// activations included) and returned in the input's type.
template <typename Impl>
torch::Tensor synchronized_forward(Impl& bn, const torch::Tensor& input,
                                   const std::shared_ptr<Collectives>& collectives) {
  const int64_t channels = input.size(1);
  std::vector<int64_t> dims{0};
  for (int64_t d = 2; d < input.dim(); ++d) dims.push_back(d);
  std::vector<int64_t> shape(input.dim(), 1);
  shape[1] = channels;
  const auto x = input.to(torch::kFloat);
  const double count = double(x.numel() / channels) * double(collectives->world_size());
  const auto mean = differentiable_sum(x.sum(dims), collectives) / count;
  const auto centered = x - mean.view(shape);
  const auto var = differentiable_sum(centered.square().sum(dims), collectives) / count;
  auto y = centered * torch::rsqrt(var + bn.options.eps()).view(shape);
  if (bn.options.affine()) y = y * bn.weight.view(shape) + bn.bias.view(shape);
  if (bn.options.track_running_stats()) {
    torch::NoGradGuard no_grad;
    bn.num_batches_tracked += 1;
    const double factor = bn.options.momentum().has_value()
                              ? *bn.options.momentum()
                              : 1.0 / bn.num_batches_tracked.template item<double>();
    bn.running_mean.mul_(1 - factor).add_(mean.detach(), factor);
    // The running variance is the unbiased one, as torch's.
    bn.running_var.mul_(1 - factor).add_(var.detach() * (count / std::max(count - 1, 1.0)), factor);
  }
  return y.to(input.scalar_type());
}

}  // namespace

torch::Tensor SyncBatchNorm1dImpl::forward(const torch::Tensor& input) {
  if (!collectives_ || !is_training()) return torch::nn::BatchNorm1dImpl::forward(input);
  _check_input_dim(input);
  return synchronized_forward(*this, input, collectives_);
}

torch::Tensor SyncBatchNorm2dImpl::forward(const torch::Tensor& input) {
  if (!collectives_ || !is_training()) return torch::nn::BatchNorm2dImpl::forward(input);
  _check_input_dim(input);
  return synchronized_forward(*this, input, collectives_);
}

int64_t synchronize_batch_norm(torch::nn::Module& module,
                               const std::shared_ptr<Collectives>& collectives) {
  int64_t found = 0;
  for (const auto& m : module.modules(/*include_self=*/true)) {
    if (auto* bn1 = m->as<SyncBatchNorm1dImpl>()) {
      bn1->synchronize(collectives);
      ++found;
    } else if (auto* bn2 = m->as<SyncBatchNorm2dImpl>()) {
      bn2->synchronize(collectives);
      ++found;
    }
  }
  return found;
}

}  // namespace lt
