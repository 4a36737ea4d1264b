#include "lm/safetensors_header.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <system_error>
#include <utility>

namespace anatomix::safetensors {
namespace {

constexpr uint64_t kMaxHeaderBytes = 100ull * 1000 * 1000;  // the reference implementation's limit

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw SafetensorsError("safetensors file '" + path + "': " + what);
}

std::string shape_string(const std::vector<int64_t>& shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i) out += (i ? "," : "") + std::to_string(shape[i]);
  return out + "]";
}

}  // namespace

size_t dtype_size(const std::string& dtype) {
  static const std::map<std::string, size_t> sizes = {
      {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"I16", 2}, {"U16", 2}, {"F16", 2},     {"BF16", 2},   {"I32", 4},
      {"U32", 4},  {"F32", 4}, {"F64", 8}, {"I64", 8}, {"U64", 8}, {"F8_E4M3", 1}, {"F8_E5M2", 1},
  };
  const auto found = sizes.find(dtype);
  return found == sizes.end() ? 0 : found->second;
}

uint64_t header_length(const unsigned char* first_eight_bytes, uint64_t file_size, const std::string& path) {
  if (file_size < 8)
    fail(path, "truncated: " + std::to_string(file_size) + " bytes, shorter than the 8-byte header length");
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = (length << 8) | first_eight_bytes[i];  // little-endian
  if (length > kMaxHeaderBytes)
    fail(path, "bad header: declared header length " + std::to_string(length) + " exceeds the 100 MB limit");
  if (8 + length > file_size)
    fail(path, "truncated: header declares " + std::to_string(length) + " bytes but the file has only " +
                   std::to_string(file_size - 8) + " after the length field");
  return length;
}

Header parse_header(const unsigned char* file_start, uint64_t file_size, const std::string& path) {
  const uint64_t length = header_length(file_start, file_size, path);
  Header result;
  result.data_offset = 8 + length;
  const uint64_t buffer_size = file_size - result.data_offset;

  nlohmann::json header;
  try {
    header = nlohmann::json::parse(file_start + 8, file_start + 8 + length);
  } catch (const nlohmann::json::exception& e) {
    fail(path, std::string("bad header: not valid JSON (") + e.what() + ")");
  }
  if (!header.is_object()) fail(path, "bad header: the JSON header is not an object");

  std::vector<std::pair<std::pair<uint64_t, uint64_t>, std::string>> ranges;
  for (auto it = header.begin(); it != header.end(); ++it) {
    const std::string& name = it.key();
    const nlohmann::json& entry = it.value();
    if (name == "__metadata__") {
      if (!entry.is_object()) fail(path, "bad header: __metadata__ is not an object");
      for (auto m = entry.begin(); m != entry.end(); ++m) {
        if (!m.value().is_string()) fail(path, "bad header: __metadata__ value '" + m.key() + "' is not a string");
        result.metadata[m.key()] = m.value().get<std::string>();
      }
      continue;
    }
    const std::string where = "tensor '" + name + "': ";
    if (!entry.is_object()) fail(path, where + "header entry is not an object");
    if (!entry.contains("dtype") || !entry["dtype"].is_string()) fail(path, where + "missing or non-string dtype");
    if (!entry.contains("shape") || !entry["shape"].is_array()) fail(path, where + "missing or non-array shape");
    if (!entry.contains("data_offsets") || !entry["data_offsets"].is_array() || entry["data_offsets"].size() != 2)
      fail(path, where + "data_offsets must be an array of two integers");
    TensorInfo info;
    info.dtype = entry["dtype"].get<std::string>();
    const size_t element_size = dtype_size(info.dtype);
    if (element_size == 0) fail(path, where + "unknown dtype '" + info.dtype + "'");
    uint64_t elements = 1;
    for (const auto& dim : entry["shape"]) {
      if (!dim.is_number_unsigned()) fail(path, where + "shape entries must be non-negative integers");
      const uint64_t d = dim.get<uint64_t>();
      if (d > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ||
          (d != 0 && elements > std::numeric_limits<uint64_t>::max() / d))
        fail(path, where + "shape is absurdly large");
      elements *= d;
      info.shape.push_back(static_cast<int64_t>(d));
    }
    for (const auto& offset : entry["data_offsets"])
      if (!offset.is_number_unsigned()) fail(path, where + "data_offsets must be non-negative integers");
    info.data_begin = entry["data_offsets"][0].get<uint64_t>();
    info.data_end = entry["data_offsets"][1].get<uint64_t>();
    if (info.data_end < info.data_begin) fail(path, where + "data_offsets end before they begin");
    if (elements > std::numeric_limits<uint64_t>::max() / element_size) fail(path, where + "shape is absurdly large");
    const uint64_t expected = elements * element_size;
    if (info.data_end - info.data_begin != expected)
      fail(path, where + "wrong byte length: shape " + shape_string(info.shape) + " of " + info.dtype + " needs " +
                     std::to_string(expected) + " bytes, data_offsets give " +
                     std::to_string(info.data_end - info.data_begin));
    if (info.data_end > buffer_size)
      fail(path, where + "data_offsets [" + std::to_string(info.data_begin) + "," + std::to_string(info.data_end) +
                     ") out of range: the data buffer has " + std::to_string(buffer_size) +
                     " bytes (file truncated?)");
    ranges.push_back({{info.data_begin, info.data_end}, name});
    result.tensors.emplace(name, std::move(info));
  }

  // The reference format lays tensors out back to back from offset 0 to the end of the file.
  std::sort(ranges.begin(), ranges.end());
  uint64_t expected_begin = 0;
  for (size_t k = 0; k < ranges.size(); ++k) {
    const auto& [range, name] = ranges[k];
    if (range.first < expected_begin) fail(path, "tensors '" + ranges[k - 1].second + "' and '" + name + "' overlap");
    if (range.first > expected_begin)
      fail(path, "tensor '" + name + "': data_offsets leave a gap of " + std::to_string(range.first - expected_begin) +
                     " bytes before it (tensors must be contiguous)");
    expected_begin = range.second;
  }
  if (expected_begin != buffer_size)
    fail(path, "wrong length: the tensors cover " + std::to_string(expected_begin) + " data bytes but the file has " +
                   std::to_string(buffer_size));
  return result;
}

Header read_header(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) fail(path, "cannot open: not a regular file");
  const uint64_t file_size = std::filesystem::file_size(path, error);
  if (error) fail(path, "cannot stat: " + error.message());
  std::ifstream stream(path, std::ios::binary);
  if (!stream) fail(path, "cannot open");
  std::vector<unsigned char> bytes(8, 0);
  if (file_size >= 8 && !stream.read(reinterpret_cast<char*>(bytes.data()), 8)) fail(path, "cannot read");
  const uint64_t length = header_length(bytes.data(), file_size, path);
  bytes.resize(8 + length);
  if (!stream.read(reinterpret_cast<char*>(bytes.data()) + 8, static_cast<std::streamsize>(length)))
    fail(path, "cannot read its header");
  return parse_header(bytes.data(), file_size, path);
}

}  // namespace anatomix::safetensors
