#include "util/npy_file.h"

#include <bit>

#include "util/error.h"
#include "util/file_io.h"

namespace lt {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the .npy writer stores the machine's bytes as little endian");

template <typename T>
void write_array(const std::string& path, const char* descr, const T* data,
                 const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (const int64_t d : shape) {
    if (d < 0) throw_setting("an array to write to " + path + " has a negative dimension");
    count *= d;
  }
  const std::string header = npy_header(descr, shape);
  AtomicFileWriter out(path);
  out.write(header.data(), header.size());
  if (count > 0) out.write(data, size_t(count) * sizeof(T));
  out.commit();
}

}  // namespace

std::string npy_header(const std::string& descr, const std::vector<int64_t>& shape) {
  // Python's tuple syntax: (3, 4), (5,) and () for a scalar.
  std::string dims;
  for (size_t i = 0; i < shape.size(); ++i) dims += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1) dims += ",";
  std::string dict =
      "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
  // Magic (6) + version (2) + length (2) + dict, padded with spaces to a multiple of 64 bytes
  // and ended by a newline, as NumPy writes it (the data then start aligned).
  const size_t unpadded = 10 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  const auto length = uint16_t(dict.size());
  std::string header("\x93NUMPY\x01\x00", 8);
  header += char(length & 0xff);
  header += char(length >> 8);
  return header + dict;
}

void write_npy(const std::string& path, const float* data, const std::vector<int64_t>& shape) {
  write_array(path, "<f4", data, shape);
}

void write_npy(const std::string& path, const int64_t* data, const std::vector<int64_t>& shape) {
  write_array(path, "<i8", data, shape);
}

}  // namespace lt
