#include "runtime/collectives.h"

#include <torch/torch.h>

namespace lt {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// The autograd context keeps IValues; the collectives ride in one as a capsule, which also keeps
// them alive until the backward pass has run.
struct CollectivesHolder : torch::CustomClassHolder {
  explicit CollectivesHolder(std::shared_ptr<Collectives> c) : collectives(std::move(c)) {}
  std::shared_ptr<Collectives> collectives;
};

void keep(AutogradContext* ctx, const std::shared_ptr<Collectives>& collectives) {
  ctx->saved_data["collectives"] =
      c10::IValue::make_capsule(c10::make_intrusive<CollectivesHolder>(collectives));
}

Collectives& kept(AutogradContext* ctx) {
  return *c10::static_intrusive_pointer_cast<CollectivesHolder>(
              ctx->saved_data["collectives"].toCapsule())
              ->collectives;
}

struct SumFunction : torch::autograd::Function<SumFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& values,
                               const std::shared_ptr<Collectives>& collectives) {
    keep(ctx, collectives);
    auto total = values.detach().clone().contiguous();
    collectives->sum(total);
    return total;
  }
  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    auto grad = grads[0].contiguous().clone();
    kept(ctx).sum(grad);
    return {grad, torch::Tensor()};
  }
};

struct GatherFunction : torch::autograd::Function<GatherFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& values,
                               const std::shared_ptr<Collectives>& collectives) {
    keep(ctx, collectives);
    ctx->saved_data["rows"] = values.size(0);
    return collectives->gather(values.detach().contiguous());
  }
  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    Collectives& collectives = kept(ctx);
    const int64_t rows = ctx->saved_data["rows"].toInt();
    auto grad = grads[0].contiguous().clone();
    collectives.sum(grad);
    return {grad.slice(0, collectives.rank() * rows, (collectives.rank() + 1) * rows),
            torch::Tensor()};
  }
};

}  // namespace

torch::Tensor differentiable_sum(const torch::Tensor& values,
                                 const std::shared_ptr<Collectives>& collectives) {
  return SumFunction::apply(values, collectives);
}

torch::Tensor differentiable_gather(const torch::Tensor& values,
                                    const std::shared_ptr<Collectives>& collectives) {
  return GatherFunction::apply(values, collectives);
}

}  // namespace lt
