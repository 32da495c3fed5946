// Data sets made of image files: class folders (root/<class>/*.png|jpg) and long-tail list files
// in the ImageNet-LT style ("relative/path label" per line). Decoding goes through OpenCV when
// the build has it (LONGTAIL_OPENCV); without it, asking for images says how to get it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "util/progress.h"

namespace lt {

struct ImageFile {
  std::string path;
  int64_t label = 0;
};

// Target size for decoded images; 0 x 0 keeps the files' own size (which must then agree).
struct ResizeTo {
  int64_t height = 0;
  int64_t width = 0;
  bool active() const { return height > 0 && width > 0; }
};

// Lists root/<class>/<image> with classes in name order and files in name order. Throws kData
// for an empty class folder or a root without class folders.
std::vector<ImageFile> list_class_folders(const std::string& root,
                                          std::vector<std::string>& class_names);

// Parses a list file's text; paths are joined to `root`. Class names are the label numbers.
// Throws kFormat naming the line of a malformed entry, kData for a label with no image.
std::vector<ImageFile> parse_list_file(const char* text, size_t size, const std::string& root,
                                       const std::string& origin,
                                       std::vector<std::string>& class_names);

// Decodes the files (in parallel), to 3 channels (RGB) if the first image has colour, else 1.
// Throws kData naming the file whose size differs from the first when no resize is asked.
Dataset decode_image_files(const std::vector<ImageFile>& files,
                           std::vector<std::string> class_names, const ResizeTo& resize,
                           const std::string& origin, const ProgressFn& progress = nullptr);

// True when this build can decode images (it was built with OpenCV).
bool can_decode_images();

}  // namespace lt
