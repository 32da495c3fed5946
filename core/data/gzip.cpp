#include "data/gzip.h"

#include <zlib.h>

#include <algorithm>

#include "util/error.h"

namespace lt {

bool is_gzip(const uint8_t* data, size_t size) {
  return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

std::vector<uint8_t> gunzip(const uint8_t* data, size_t size, const std::string& origin,
                            size_t max_output) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    throw_format(origin + ": cannot start gzip decompression");
  }
  std::vector<uint8_t> out(std::min<size_t>(std::max<size_t>(size * 4, 1024), max_output));
  stream.next_in = const_cast<Bytef*>(data);
  size_t consumed = 0;
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    if (stream.total_out == out.size()) {
      if (out.size() >= max_output) {
        inflateEnd(&stream);
        throw_format(origin + ": decompresses to more than " + std::to_string(max_output) +
                     " bytes; it is not a data set file");
      }
      out.resize(std::min(out.size() * 2, max_output));
    }
    // zlib counts in 32-bit units: feed large buffers in slices.
    const size_t in_left = size - consumed;
    stream.avail_in = static_cast<uInt>(std::min<size_t>(in_left, 1u << 30));
    stream.next_in = const_cast<Bytef*>(data + consumed);
    const size_t out_left = out.size() - stream.total_out;
    stream.next_out = out.data() + stream.total_out;
    stream.avail_out = static_cast<uInt>(std::min<size_t>(out_left, 1u << 30));
    const uInt avail_before = stream.avail_in;
    status = inflate(&stream, Z_NO_FLUSH);
    consumed += avail_before - stream.avail_in;
    if (status == Z_BUF_ERROR && consumed == size && stream.avail_out > 0) {
      inflateEnd(&stream);
      throw_format(origin + ": the gzip stream is truncated; download or copy the file again");
    }
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
      inflateEnd(&stream);
      throw_format(origin + ": the gzip stream is damaged (" +
                   (stream.msg ? stream.msg : "zlib error") + "); download or copy it again");
    }
  }
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

}  // namespace lt
