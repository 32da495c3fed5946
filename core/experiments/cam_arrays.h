// The arrays behind a Grad-CAM inspection, written as NumPy files so that an independent
// implementation (tests/python/check_gradcam.py, or the user's own) can start from exactly what
// LongTail Lab computed: maps.npy, input.npy (normalised), labels.npy, targets.npy (embedding
// targets only) and the encoder's weights.pt.
#pragma once

#include <string>
#include <vector>

#include <torch/types.h>

namespace lt {

class CamModel;
struct CamResult;

// The file names write_cam_arrays writes (to clear a folder of a previous inspection's files).
const std::vector<std::string>& cam_array_files();

// Writes the arrays of `result` for `images` (uint8, as the data set holds them) and `labels`
// into `folder` (which exists), each atomically.
void write_cam_arrays(const std::string& folder, const CamModel& model, const CamResult& result,
                      const torch::Tensor& images, const torch::Tensor& labels);

}  // namespace lt
