#include "methods/method.h"

#include <torch/torch.h>

#include "methods/bcl.h"
#include "methods/byol.h"
#include "methods/method_list.h"
#include "methods/moco.h"
#include "methods/sdclr.h"
#include "methods/simclr.h"
#include "methods/simsiam.h"
#include "methods/supervised.h"
#include "methods/temperature_schedule.h"
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
  validate_temperature_schedule(options);
  if (const MethodInfo* info = find_method(options.name);
      info != nullptr && !info->temperature && options.temperature_schedule != "constant") {
    throw_setting("--method " + options.name + " has no contrastive temperature to schedule; " +
                  "--temperature-schedule is for simclr, moco and sdclr");
  }
  if (options.name == "simsiam") return std::make_shared<SimSiamImpl>(options, encoder_options);
  if (options.name == "simclr") return std::make_shared<SimClrImpl>(options, encoder_options);
  if (options.name == "moco") {
    if (options.moco_queue < 1) throw_setting("moco_queue must be at least 1");
    if (!(options.moco_momentum >= 0 && options.moco_momentum < 1)) {
      throw_setting("moco_momentum must be in [0, 1)");
    }
    return std::make_shared<MocoImpl>(options, encoder_options);
  }
  if (options.name == "byol") {
    if (!(options.byol_momentum >= 0 && options.byol_momentum < 1)) {
      throw_setting("byol_momentum must be in [0, 1) (the paper: 0.996; 0.99 for CIFAR)");
    }
    return std::make_shared<ByolImpl>(options, encoder_options);
  }
  if (options.name == "sdclr") {
    if (!(options.sdclr_prune >= 0 && options.sdclr_prune < 1)) {
      throw_setting("sdclr_prune must be in [0, 1) (the authors' CIFAR setting: 0.9)");
    }
    return std::make_shared<SdclrImpl>(options, encoder_options);
  }
  if (options.name == "bcl") {
    if (!(options.bcl_beta >= 0 && options.bcl_beta < 1)) {
      throw_setting("bcl_beta must be in [0, 1) (the authors': 0.97)");
    }
    if (options.bcl_ops < 0 || options.bcl_ops > 9) {
      throw_setting("bcl_ops must be 0 to 9 (the authors' rand_k: 1)");
    }
    return std::make_shared<BclImpl>(options, encoder_options);
  }
  if (options.name == "supervised") {
    if (options.num_classes < 2) throw_setting("supervised pre-training needs 2 classes or more");
    return std::make_shared<SupervisedImpl>(options, encoder_options);
  }
  throw_setting("--method \"" + options.name + "\" is unknown; use " + method_names_text());
}

}  // namespace lt
