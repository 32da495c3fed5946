#include "methods/method.h"

#include <torch/torch.h>

#include "methods/moco.h"
#include "methods/simclr.h"
#include "methods/simsiam.h"
#include "methods/supervised.h"
#include "util/error.h"

namespace lt {

MethodImpl::MethodImpl(const EncoderOptions& encoder_options) {
  encoder_ = register_module("encoder", make_encoder(encoder_options));
}

Method make_method(const MethodOptions& options, const EncoderOptions& encoder_options) {
  if (options.projector_layers < 1 || options.projector_layers > 4) {
    throw_setting("projector_layers must be 1 to 4 (2 for CIFAR, 3 for ImageNet)");
  }
  if (options.temperature < 0) throw_setting("temperature must be positive");
  if (options.name == "simsiam") return std::make_shared<SimSiamImpl>(options, encoder_options);
  if (options.name == "simclr") return std::make_shared<SimClrImpl>(options, encoder_options);
  if (options.name == "moco") {
    if (options.moco_queue < 1) throw_setting("moco_queue must be at least 1");
    if (!(options.moco_momentum >= 0 && options.moco_momentum < 1)) {
      throw_setting("moco_momentum must be in [0, 1)");
    }
    return std::make_shared<MocoImpl>(options, encoder_options);
  }
  if (options.name == "supervised") {
    if (options.num_classes < 2) throw_setting("supervised pre-training needs 2 classes or more");
    return std::make_shared<SupervisedImpl>(options, encoder_options);
  }
  throw_setting("--method \"" + options.name +
                "\" is unknown; use simsiam, simclr, moco or supervised");
}

}  // namespace lt
