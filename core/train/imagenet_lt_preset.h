// The paper's second data set, ImageNet-LT, as its code pre-trains on it: MoCo v2 on a ResNet-50
// with the ImageNet stem (7x7 stride 2 and max-pool) at 224 px, dim 128, a queue of 65,536 keys,
// key momentum 0.999, temperature 0.2, SGD lr 0.015 per 128 images of batch (0.03 at the
// preset's 256), weight decay 1e-4, 300 epochs, and MoCo v2's views with ImageNet's mean and std.
//
// The variant is the ImageNet-LT shape drawn by the designer: Pareto with alpha 6 from 1,280
// images down to 5 per class (r = 5/1280), so that its balanced twin of the same n comes from the
// same source. The source is the user's: the full ImageNet train set as a list file or folder
// (list:FILE@ROOT, folder:DIR), best imported once at 224 px (longtail data import --resize 224).
// The kNN monitor is off: it needs a labelled test split, which a list file names separately
// (set monitor_source and knn_every to use one).
#pragma once

#include "train/run_config.h"

namespace lt {

RunConfig imagenet_lt_preset();

// MoCo v2's lr for a batch: 0.015 x batch / 128, the paper's code's linear scaling.
double imagenet_lt_lr(int64_t batch_size);

}  // namespace lt
