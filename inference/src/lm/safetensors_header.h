// The header of a safetensors file (huggingface/safetensors), read and checked without LibTorch: the engine's
// loader (safetensors.h) maps a file and takes its tensors from the mapping; the bundle survey
// (anatomix/bundle_survey.h) reads the header alone to count a bundle's bytes before anything is loaded.
//
// Format: u64 little-endian header length N, N bytes of JSON {name: {dtype, shape, data_offsets:[begin,end)},
// "__metadata__": {str: str}}, then the data buffer; offsets are relative to the buffer start.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace anatomix::safetensors {

// Every failure (I/O, malformed file, unknown tensor) throws this; the message names the file and,
// where one is involved, the tensor.
class SafetensorsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TensorInfo {
  std::string dtype;            // as spelled in the file: "F32", "BF16", "F16", "I64", ...
  std::vector<int64_t> shape;   // [] for a scalar
  uint64_t data_begin = 0;      // byte offsets relative to the data buffer, end exclusive
  uint64_t data_end = 0;
};

struct Header {
  uint64_t data_offset = 0;  // 8 + N: where the data buffer starts in the file
  std::map<std::string, TensorInfo> tensors;
  std::map<std::string, std::string> metadata;
};

// Element size in bytes of a safetensors dtype string, or 0 if the string is not a known dtype.
size_t dtype_size(const std::string& dtype);

// N from the file's first eight bytes (not read when the file is shorter than eight bytes: that throws);
// throws when N exceeds the reference implementation's 100 MB limit or the file.
uint64_t header_length(const unsigned char* first_eight_bytes, uint64_t file_size, const std::string& path);

// The header of a file of `file_size` bytes whose first 8 + N bytes are at `file_start`, with every check
// the format calls for (JSON, known dtypes, byte lengths matching the shapes, tensors back to back and
// covering the data buffer exactly), so that a file that passes can be read without touching bytes outside
// it. Throws SafetensorsError naming `path`.
Header parse_header(const unsigned char* file_start, uint64_t file_size, const std::string& path);

// Reads the header bytes of the file at `path` (not its data) and parses them as above.
Header read_header(const std::string& path);

}  // namespace anatomix::safetensors
