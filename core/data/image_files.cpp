#include "data/image_files.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

#include "util/error.h"

#ifdef LONGTAIL_HAVE_OPENCV
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace fs = std::filesystem;

namespace lt {
namespace {

bool is_image_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".ppm" ||
         ext == ".pgm";
}

}  // namespace

std::vector<ImageFile> list_class_folders(const std::string& root,
                                          std::vector<std::string>& class_names) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    throw_io("cannot read image folder " + root + ": not a directory; check the path");
  }
  std::vector<fs::path> class_dirs;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.is_directory()) class_dirs.push_back(entry.path());
  }
  if (ec) throw_io("cannot list " + root + ": " + ec.message());
  if (class_dirs.empty()) {
    throw_data(root + " holds no class folders; lay the images out as " + root +
               "/<class>/<image>.png");
  }
  std::sort(class_dirs.begin(), class_dirs.end());
  class_names.clear();
  std::vector<ImageFile> files;
  for (size_t c = 0; c < class_dirs.size(); ++c) {
    std::vector<std::string> images;
    for (const auto& entry : fs::directory_iterator(class_dirs[c], ec)) {
      if (entry.is_regular_file() && is_image_name(entry.path())) {
        images.push_back(entry.path().string());
      }
    }
    if (images.empty()) {
      throw_data("class folder " + class_dirs[c].string() + " holds no images (.png, .jpg); " +
                 "add images or remove the folder");
    }
    std::sort(images.begin(), images.end());
    class_names.push_back(class_dirs[c].filename().string());
    for (auto& path : images) files.push_back({std::move(path), static_cast<int64_t>(c)});
  }
  return files;
}

std::vector<ImageFile> parse_list_file(const char* text, size_t size, const std::string& root,
                                       const std::string& origin,
                                       std::vector<std::string>& class_names) {
  constexpr int64_t kMaxLabel = 1 << 20;
  std::vector<ImageFile> files;
  int64_t max_label = -1;
  size_t line_no = 0;
  size_t start = 0;
  while (start < size) {
    size_t end = start;
    while (end < size && text[end] != '\n') ++end;
    std::string line(text + start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    const size_t last_space = line.find_last_of(" \t");
    const auto bad_line = [&](const std::string& why) {
      throw_format(origin + ":" + std::to_string(line_no) + ": " + why +
                   "; each line must read \"relative/path label\"");
    };
    if (last_space == std::string::npos || last_space < first) bad_line("no label");
    const std::string label_text = line.substr(last_space + 1);
    std::string path = line.substr(first, last_space - first);
    while (!path.empty() && (path.back() == ' ' || path.back() == '\t')) path.pop_back();
    if (path.empty()) bad_line("no path");
    if (label_text.empty() || label_text.size() > 7 ||
        label_text.find_first_not_of("0123456789") != std::string::npos) {
      bad_line("label \"" + label_text + "\" is not a number from 0 to " +
               std::to_string(kMaxLabel));
    }
    const int64_t label = std::stoll(label_text);
    if (label > kMaxLabel) bad_line("label " + label_text + " is too large");
    max_label = std::max(max_label, label);
    files.push_back({(fs::path(root) / path).string(), label});
  }
  if (files.empty()) throw_data(origin + " lists no images; check the file");
  std::vector<int64_t> per_class(static_cast<size_t>(max_label + 1), 0);
  for (const auto& f : files) ++per_class[static_cast<size_t>(f.label)];
  for (size_t c = 0; c < per_class.size(); ++c) {
    if (per_class[c] == 0) {
      throw_data(origin + " lists no image of class " + std::to_string(c) + " (labels go up to " +
                 std::to_string(max_label) + "); number the classes 0..C-1 without gaps");
    }
  }
  class_names.clear();
  for (int64_t c = 0; c <= max_label; ++c) class_names.push_back(std::to_string(c));
  return files;
}

#ifdef LONGTAIL_HAVE_OPENCV

bool can_decode_images() {
  return true;
}

Dataset decode_image_files(const std::vector<ImageFile>& files,
                           std::vector<std::string> class_names, const ResizeTo& resize,
                           const std::string& origin, const ProgressFn& progress) {
  if (files.empty()) throw_data(origin + ": no images to read");
  cv::Mat first = cv::imread(files[0].path, cv::IMREAD_UNCHANGED);
  if (first.empty()) {
    throw_format("cannot decode " + files[0].path + ": not a readable image; remove or " +
                 "replace it");
  }
  const int channels = first.channels() >= 3 ? 3 : 1;
  const int height = resize.active() ? int(resize.height) : first.rows;
  const int width = resize.active() ? int(resize.width) : first.cols;
  const size_t stride = size_t(channels) * height * width;

  Dataset d;
  d.origin = origin;
  d.shape = {channels, height, width};
  d.class_names = std::move(class_names);
  d.labels.resize(files.size());
  std::vector<uint8_t> pixels(files.size() * stride);

  // Workers take files by an atomic counter; the first error wins and stops the rest.
  std::atomic<size_t> next{0};
  std::atomic<size_t> finished{0};
  std::atomic<bool> stop{false};
  std::mutex error_mutex;
  std::exception_ptr error;
  const auto fail = [&](std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(error_mutex);
    if (!error) error = e;
    stop = true;
  };
  // The calling thread decodes too, and is the one that reports progress (and may cancel).
  const auto work = [&](bool reports) {
    cv::Mat image, resized;
    auto last_report = std::chrono::steady_clock::now();
    while (!stop) {
      const size_t i = next++;
      if (i >= files.size()) return;
      try {
        if (reports &&
            std::chrono::steady_clock::now() - last_report > std::chrono::milliseconds(100)) {
          last_report = std::chrono::steady_clock::now();
          report(progress, "decoding images", int64_t(finished), int64_t(files.size()));
        }
        image = cv::imread(files[i].path, channels == 3 ? cv::IMREAD_COLOR : cv::IMREAD_GRAYSCALE);
        if (image.empty()) {
          throw_format("cannot decode " + files[i].path + ": not a readable image; remove " +
                       "or replace it");
        }
        if (resize.active()) {
          cv::resize(image, resized, cv::Size(width, height), 0, 0, cv::INTER_AREA);
        } else if (image.rows != height || image.cols != width) {
          throw_data(files[i].path + " is " + std::to_string(image.cols) + "x" +
                     std::to_string(image.rows) + " while " + files[0].path + " is " +
                     std::to_string(width) + "x" + std::to_string(height) +
                     "; give a common size (--resize HxW)");
        } else {
          resized = image;
        }
        uint8_t* dst = pixels.data() + i * stride;
        if (channels == 1) {
          for (int r = 0; r < height; ++r) std::memcpy(dst + r * width, resized.ptr(r), width);
        } else {
          // OpenCV gives interleaved BGR; the data set holds R, G, B planes.
          const size_t plane = size_t(height) * width;
          for (int r = 0; r < height; ++r) {
            const uint8_t* row = resized.ptr<uint8_t>(r);
            for (int x = 0; x < width; ++x) {
              dst[0 * plane + r * width + x] = row[3 * x + 2];
              dst[1 * plane + r * width + x] = row[3 * x + 1];
              dst[2 * plane + r * width + x] = row[3 * x + 0];
            }
          }
        }
        d.labels[i] = files[i].label;
        ++finished;
      } catch (...) {
        fail(std::current_exception());
      }
    }
  };
  const unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  report(progress, "decoding images", int64_t(files.size()), int64_t(files.size()));
  d.pixels = PixelBuffer::own(std::move(pixels));
  validate(d);
  return d;
}

#else

bool can_decode_images() {
  return false;
}

Dataset decode_image_files(const std::vector<ImageFile>&, std::vector<std::string>, const ResizeTo&,
                           const std::string& origin, const ProgressFn&) {
  throw_setting(origin + ": this build cannot decode images (it was configured with " +
                "LONGTAIL_OPENCV=OFF); rebuild with -DLONGTAIL_OPENCV=ON or import the images " +
                "into a cache file on a machine that has OpenCV");
}

#endif

}  // namespace lt
