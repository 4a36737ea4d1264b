// Safetensors reading (memory-mapped, zero-copy) and writing. The header and its checks are
// safetensors_header.h: every check the format calls for is applied at open time, so a file that opens can be
// read without touching memory outside the mapping.
//
// Tensors returned by the readers are CPU views of the mapping (no copy). The mapping is private
// copy-on-write: writing into a view never changes the file, but do not rely on it; take `.clone()` or
// `.to(...)` for anything you modify. A view keeps its mapping alive after the reader is gone.
#pragma once

#include "lm/safetensors_header.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace anatomix::safetensors {

// One .safetensors file.
class SafetensorsFile {
 public:
  // Maps and validates the file. Throws SafetensorsError (missing, truncated, bad header JSON, unknown
  // dtype, byte length not matching the shape, offsets out of range or overlapping).
  static std::shared_ptr<const SafetensorsFile> open(const std::string& path);

  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::string& path() const { return path_; }
  std::vector<std::string> names() const;  // sorted
  bool contains(const std::string& name) const { return tensors_.count(name) != 0; }
  const TensorInfo& info(const std::string& name) const;  // throws if absent
  const std::map<std::string, std::string>& metadata() const { return metadata_; }

  // Zero-copy CPU view (see the header comment). Throws if absent or if the dtype has no LibTorch type
  // (U16, U32, U64, F8_*).
  at::Tensor tensor(const std::string& name) const;

 private:
  struct Mapping;
  SafetensorsFile() = default;

  std::string path_;
  std::shared_ptr<Mapping> mapping_;
  uint64_t data_offset_ = 0;  // 8 + N
  std::map<std::string, TensorInfo> tensors_;
  std::map<std::string, std::string> metadata_;
};

// A checkpoint: one file or the shards listed in a `*.safetensors.index.json`
// ({"weight_map": {name: shard file}}). Each shard is opened once.
class SafetensorsCheckpoint {
 public:
  // `path` is a .safetensors file, an .index.json file, or a directory holding
  // model.safetensors.index.json or model.safetensors (the index wins if both exist).
  static SafetensorsCheckpoint open(const std::string& path);

  const std::string& path() const { return path_; }
  std::vector<std::string> names() const;  // sorted
  bool contains(const std::string& name) const { return shard_of_.count(name) != 0; }
  const TensorInfo& info(const std::string& name) const;
  at::Tensor tensor(const std::string& name) const;
  // The file that holds `name` (for error messages).
  const std::string& file_of(const std::string& name) const;

 private:
  std::string path_;
  std::vector<std::shared_ptr<const SafetensorsFile>> shards_;
  std::map<std::string, size_t> shard_of_;
};

// Writes `tensors` (any LibTorch CPU or CUDA tensor of a supported dtype; made contiguous on the CPU) to
// `path`, names sorted, header padded so every tensor starts 8-byte aligned. Throws SafetensorsError on
// duplicate names, unsupported dtypes or I/O failure.
void write_safetensors(const std::string& path,
                       const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                       const std::map<std::string, std::string>& metadata = {});

// A tensor written by the second write_safetensors: its name, dtype and shape are known up front and its
// data is produced only when its turn comes, so a large checkpoint is written holding one tensor at a time.
struct LazyTensor {
  std::string name;
  at::ScalarType dtype;
  std::vector<int64_t> shape;
  std::function<at::Tensor()> produce;  // must return exactly `dtype` and `shape`, else SafetensorsError
};
void write_safetensors(const std::string& path, const std::vector<LazyTensor>& tensors,
                       const std::map<std::string, std::string>& metadata = {});

}  // namespace anatomix::safetensors
