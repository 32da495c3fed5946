// Pictures of Grad-CAM maps: a map laid over its image in OpenCV's JET colours (as
// pytorch-grad-cam's show_cam_on_image draws it), a contact sheet of such pairs (the paper's
// Figure 7: frequent rows and rare rows, SL and SSL side by side), and PNG files. Plain C++ on
// byte and float buffers, no LibTorch, so the GUI draws with the same code. The drawing needs
// OpenCV: in a build without it every function here but planar_to_rgb throws a kSetting error.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lt {

struct RgbImage {
  int64_t height = 0;
  int64_t width = 0;
  std::vector<uint8_t> pixels;  // height x width x 3, RGB interleaved (QImage::Format_RGB888)
};

// False in a build without OpenCV, where overlays cannot be drawn.
bool can_draw_overlays();

// A planar uint8 image (channels x height x width, the data sets' layout; 1 or 3 channels, grey
// repeated) as RGB.
RgbImage planar_to_rgb(const uint8_t* image, int64_t channels, int64_t height, int64_t width);

// show_cam_on_image(image / 255, map, use_rgb=True, COLORMAP_JET, image_weight): the map
// (height x width floats in [0, 1]) coloured with JET, blended as
// image_weight * image + (1 - image_weight) * heatmap, then scaled so the brightest value is 255.
RgbImage cam_overlay(const uint8_t* image, int64_t channels, int64_t height, int64_t width,
                     const float* map, double image_weight = 0.5);

struct ContactSheetRow {
  std::string label;            // written left of the row, e.g. "frequent" (empty: none)
  std::vector<RgbImage> cells;  // left to right, e.g. image | overlay pairs
};

// The rows on a white sheet, every cell enlarged `scale` times (nearest neighbour, so pixels stay
// visible), with `column_titles` above the columns (e.g. image, SL, image, SSL).
RgbImage contact_sheet(const std::vector<ContactSheetRow>& rows,
                       const std::vector<std::string>& column_titles = {}, int64_t scale = 1);

// Writes `image` as a PNG, atomically (a temporary file renamed over `path`).
void write_png(const std::string& path, const RgbImage& image);

}  // namespace lt
