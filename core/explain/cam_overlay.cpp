#include "explain/cam_overlay.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"
#include "util/file_io.h"

#ifdef LONGTAIL_HAVE_OPENCV
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace lt {
namespace {

[[maybe_unused]] [[noreturn]] void no_opencv() {
  throw_setting(
      "Grad-CAM overlays and contact sheets need the OpenCV build (LONGTAIL_OPENCV=ON); the maps "
      "themselves need no OpenCV");
}

[[maybe_unused]] void check_image(const RgbImage& image) {
  if (image.height < 1 || image.width < 1 ||
      image.pixels.size() != size_t(image.height * image.width * 3)) {
    throw_setting("an RGB image needs height x width x 3 bytes");
  }
}

}  // namespace

RgbImage planar_to_rgb(const uint8_t* image, int64_t channels, int64_t height, int64_t width) {
  if (channels != 1 && channels != 3) {
    throw_setting("an image to draw needs 1 or 3 channels, not " + std::to_string(channels));
  }
  RgbImage rgb{height, width, std::vector<uint8_t>(size_t(height * width * 3))};
  const int64_t plane = height * width;
  for (int64_t i = 0; i < plane; ++i) {
    for (int64_t c = 0; c < 3; ++c) {
      rgb.pixels[size_t(3 * i + c)] = image[(channels == 3 ? c * plane : 0) + i];
    }
  }
  return rgb;
}

#ifdef LONGTAIL_HAVE_OPENCV

bool can_draw_overlays() {
  return true;
}

RgbImage cam_overlay(const uint8_t* image, int64_t channels, int64_t height, int64_t width,
                     const float* map, double image_weight) {
  if (!(image_weight >= 0 && image_weight <= 1)) {
    throw_setting("the overlay's image weight must be in [0, 1]");
  }
  const RgbImage base = planar_to_rgb(image, channels, height, width);
  cv::Mat mask(int(height), int(width), CV_8UC1);
  for (int64_t i = 0; i < height * width; ++i) {
    // np.uint8(255 * mask): a float32 product, truncated.
    const float v = 255.0f * map[i];
    mask.data[i] = std::isfinite(v) ? uint8_t(std::clamp(v, 0.0f, 255.0f)) : 0;
  }
  cv::Mat heatmap;  // BGR
  cv::applyColorMap(mask, heatmap, cv::COLORMAP_JET);
  const auto w = float(image_weight);
  std::vector<float> blend(base.pixels.size());
  float brightest = 0;
  for (int64_t i = 0; i < height * width; ++i) {
    const uint8_t* bgr = heatmap.ptr<uint8_t>() + 3 * i;
    for (int c = 0; c < 3; ++c) {
      const float heat = float(bgr[2 - c]) / 255.0f;
      const float pixel = float(base.pixels[size_t(3 * i + c)]) / 255.0f;
      const float v = (1.0f - w) * heat + w * pixel;
      blend[size_t(3 * i + c)] = v;
      brightest = std::max(brightest, v);
    }
  }
  RgbImage out{height, width, std::vector<uint8_t>(blend.size())};
  for (size_t k = 0; k < blend.size(); ++k) {
    out.pixels[k] = brightest > 0 ? uint8_t(255.0f * (blend[k] / brightest)) : 0;
  }
  return out;
}

RgbImage contact_sheet(const std::vector<ContactSheetRow>& rows,
                       const std::vector<std::string>& column_titles, int64_t scale) {
  if (scale < 1) throw_setting("a contact sheet's scale must be at least 1");
  constexpr int kGap = 2, kMargin = 6;
  constexpr double kFontScale = 0.4;
  const int font = cv::FONT_HERSHEY_SIMPLEX;
  const auto text_size = [&](const std::string& text) {
    int baseline = 0;
    return cv::getTextSize(text, font, kFontScale, 1, &baseline);
  };

  // Every column as wide as its widest cell, every row as tall as its tallest.
  size_t columns = column_titles.size();
  for (const auto& row : rows) columns = std::max(columns, row.cells.size());
  std::vector<int> column_width(columns, 0), row_height(rows.size(), 0);
  int label_width = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!rows[r].label.empty()) label_width = std::max(label_width, text_size(rows[r].label).width);
    for (size_t c = 0; c < rows[r].cells.size(); ++c) {
      check_image(rows[r].cells[c]);
      column_width[c] = std::max(column_width[c], int(rows[r].cells[c].width * scale));
      row_height[r] = std::max(row_height[r], int(rows[r].cells[c].height * scale));
    }
  }
  int title_height = 0;
  for (size_t c = 0; c < column_titles.size(); ++c) {
    const cv::Size size = text_size(column_titles[c]);
    title_height = std::max(title_height, size.height + kMargin);
    column_width[c] = std::max(column_width[c], size.width);
  }
  const int left = kMargin + (label_width > 0 ? label_width + kMargin : 0);
  int sheet_width = left + kMargin, sheet_height = kMargin + title_height + kMargin;
  for (const int w : column_width) sheet_width += w + kGap;
  for (const int h : row_height) sheet_height += h + kGap;

  cv::Mat sheet(sheet_height, sheet_width, CV_8UC3, cv::Scalar(255, 255, 255));  // RGB
  const cv::Scalar ink(0, 0, 0);
  int x = left;
  for (size_t c = 0; c < columns; ++c) {
    if (c < column_titles.size()) {
      cv::putText(sheet, column_titles[c], {x, kMargin + title_height - kMargin / 2}, font,
                  kFontScale, ink, 1, cv::LINE_AA);
    }
    x += column_width[c] + kGap;
  }
  int y = kMargin + title_height + (title_height > 0 ? kMargin : 0);
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!rows[r].label.empty()) {
      const cv::Size size = text_size(rows[r].label);
      cv::putText(sheet, rows[r].label, {kMargin, y + (row_height[r] + size.height) / 2}, font,
                  kFontScale, ink, 1, cv::LINE_AA);
    }
    x = left;
    for (size_t c = 0; c < rows[r].cells.size(); ++c) {
      const RgbImage& cell = rows[r].cells[c];
      const cv::Mat source(int(cell.height), int(cell.width), CV_8UC3,
                           const_cast<uint8_t*>(cell.pixels.data()));
      cv::Mat enlarged;
      cv::resize(source, enlarged, {}, double(scale), double(scale), cv::INTER_NEAREST);
      enlarged.copyTo(sheet(cv::Rect(x, y, enlarged.cols, enlarged.rows)));
      x += column_width[c] + kGap;
    }
    y += row_height[r] + kGap;
  }
  RgbImage out{sheet.rows, sheet.cols, {}};
  out.pixels.assign(sheet.data, sheet.data + sheet.total() * 3);
  return out;
}

void write_png(const std::string& path, const RgbImage& image) {
  check_image(image);
  const cv::Mat rgb(int(image.height), int(image.width), CV_8UC3,
                    const_cast<uint8_t*>(image.pixels.data()));
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);  // OpenCV's files are written from BGR
  std::vector<uint8_t> png;
  if (!cv::imencode(".png", bgr, png)) throw_io("cannot encode " + path + " as PNG");
  AtomicFileWriter out(path);
  out.write(png.data(), png.size());
  out.commit();
}

#else

bool can_draw_overlays() {
  return false;
}

RgbImage cam_overlay(const uint8_t*, int64_t, int64_t, int64_t, const float*, double) {
  no_opencv();
}

RgbImage contact_sheet(const std::vector<ContactSheetRow>&, const std::vector<std::string>&,
                       int64_t) {
  no_opencv();
}

void write_png(const std::string&, const RgbImage&) {
  no_opencv();
}

#endif

}  // namespace lt
