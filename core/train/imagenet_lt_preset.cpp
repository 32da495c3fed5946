#include "train/imagenet_lt_preset.h"

namespace lt {

double imagenet_lt_lr(int64_t batch_size) {
  return 0.015 * double(batch_size) / 128.0;
}

RunConfig imagenet_lt_preset() {
  RunConfig c;
  c.source = "";  // the user's ImageNet: list:FILE@ROOT, folder:DIR or an imported cache
  c.encoder.arch = "resnet50";
  c.encoder.cifar_stem = false;
  c.method.name = "moco";
  c.method.projector_dim = 128;
  c.method.moco_queue = 65536;
  c.method.moco_momentum = 0.999;
  c.method.temperature = 0.2;
  c.epochs = 300;
  c.batch_size = 256;
  c.lr = imagenet_lt_lr(c.batch_size);
  c.momentum = 0.9;
  c.weight_decay = 1e-4;
  c.design.distribution = Distribution::kPareto;
  c.design.pareto_shape = 6;
  c.design.max_per_class = 1280;
  c.design.ratio = 5.0 / 1280.0;
  // MoCo v2's augmentation: crop 0.2-1, jitter (0.4, 0.4, 0.4, 0.1) at 0.8, grey 0.2, blur at
  // 0.5, flip; ImageNet's statistics.
  c.augment.protocol = "ssl";
  c.augment.crop_scale_min = 0.2;
  c.augment.blur_probability = 0.5;
  c.augment.mean = {0.485, 0.456, 0.406};
  c.augment.std = {0.229, 0.224, 0.225};
  c.knn_every = 0;
  return c;
}

}  // namespace lt
