#include "data/opencv_digits.h"

#include <cstring>
#include <filesystem>

#include "util/error.h"

#ifdef LONGTAIL_HAVE_OPENCV
#include <opencv2/imgcodecs.hpp>
#endif

namespace lt {
namespace {
constexpr int kCell = 20;
constexpr int kAcross = 100;
constexpr int kRowsPerDigit = 5;
constexpr int kTrainPerDigit = 400;
constexpr int kPerDigit = 500;
}  // namespace

Dataset load_opencv_digits(const std::string& path, const std::string& split) {
  if (!std::filesystem::exists(path)) {
    throw_io("cannot find " + path + "; run 'apt-get install opencv-doc' or name the file as " +
             "digits:FILE");
  }
#ifdef LONGTAIL_HAVE_OPENCV
  const cv::Mat sheet = cv::imread(path, cv::IMREAD_GRAYSCALE);
  if (sheet.empty()) throw_format("cannot decode " + path + ": not a readable PNG");
  if (sheet.cols != kCell * kAcross || sheet.rows != kCell * kRowsPerDigit * 10) {
    throw_format(path + " is " + std::to_string(sheet.cols) + "x" + std::to_string(sheet.rows) +
                 ", OpenCV's digits.png is 2000x1000; is this the right file?");
  }
  const int first = split == "train" ? 0 : kTrainPerDigit;
  const int last = split == "train" ? kTrainPerDigit : kPerDigit;
  Dataset d;
  d.origin = "digits:" + path + " " + split;
  d.shape = {1, kCell, kCell};
  for (int digit = 0; digit < 10; ++digit) d.class_names.push_back(std::to_string(digit));
  std::vector<uint8_t> pixels;
  pixels.reserve(size_t(10) * (last - first) * kCell * kCell);
  for (int digit = 0; digit < 10; ++digit) {
    for (int k = first; k < last; ++k) {
      const int row = digit * kRowsPerDigit + k / kAcross;
      const int col = k % kAcross;
      for (int y = 0; y < kCell; ++y) {
        const uint8_t* src = sheet.ptr<uint8_t>(row * kCell + y) + col * kCell;
        pixels.insert(pixels.end(), src, src + kCell);
      }
      d.labels.push_back(digit);
    }
  }
  d.pixels = PixelBuffer::own(std::move(pixels));
  validate(d);
  return d;
#else
  (void)split;
  throw_setting("cannot read " + path + ": this build has no OpenCV (LONGTAIL_OPENCV=OFF); " +
                "rebuild with -DLONGTAIL_OPENCV=ON");
#endif
}

}  // namespace lt
