// Reading the zip archives `torch.save` writes (PyTorch >= 1.6): `<name>/data.pkl` (a pickle, protocol 2)
// and one record `<name>/data/<key>` per tensor storage. LibTorch 1.13's own unpickler cannot read the
// published AnatomiX files (it lacks SETITEM, which Python uses for one-entry dicts, and the objects of
// argparse/pathlib in the APM checkpoint's `args`), so the pickle runs through a small stack machine of its
// own: dicts, lists, tuples, numbers, strings and tensors become values; any other Python object becomes an
// opaque value that names its class and is never executed. Tensor data is read only when asked for, one
// storage at a time. The zip container is read by LibTorch (caffe2::serialize::PyTorchStreamReader).
#pragma once

#include <ATen/core/Tensor.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace caffe2::serialize {
class PyTorchStreamReader;
}

namespace anatomix::published {

// Every failure (missing, truncated or damaged file, a pickle this reader does not understand, a tensor
// that lies outside its storage) throws this; the message names the file.
class TorchArchiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

// A tensor as the pickle describes it; the data stays in the archive until TorchArchive::tensor().
struct TensorRecord {
  std::string storage_key;           // record "data/<key>"
  at::ScalarType dtype = at::kFloat;
  int64_t storage_elements = 0;
  int64_t offset = 0;                // in elements
  std::vector<int64_t> sizes, strides;
};

struct PickleValue {
  enum class Kind { None, Bool, Int, Float, String, Bytes, List, Tuple, Dict, Tensor, Global, Object, Storage };
  Kind kind = Kind::None;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text;                                  // String, Bytes; "module.name" for Global and Object
  std::vector<PickleRef> items;                      // List, Tuple; an Object's constructor arguments
  std::vector<std::pair<PickleRef, PickleRef>> entries;  // Dict, in insertion order
  TensorRecord tensor;                               // Tensor, Storage
  PickleRef state;                                   // Object: what BUILD gave it

  bool is_dict() const { return kind == Kind::Dict; }
  bool is_tensor() const { return kind == Kind::Tensor; }
  // The entry with this string key of a Dict, or nullptr.
  const PickleValue* find(const std::string& key) const;
  // "dict of 7 entries", "tensor BFloat16 [16, 64]", "object argparse.Namespace", ...
  std::string describe() const;
};

class TorchArchive {
 public:
  // Opens the zip and runs its pickle. Throws TorchArchiveError naming `path`.
  static TorchArchive open(const std::string& path);
  ~TorchArchive();
  TorchArchive(TorchArchive&&) noexcept;
  TorchArchive& operator=(TorchArchive&&) noexcept;

  const std::string& path() const { return path_; }
  const PickleValue& root() const { return *root_; }

  // Reads the tensor's storage and returns a contiguous CPU tensor that owns its memory (the record's buffer
  // itself when the tensor spans its whole storage, a copy otherwise). `name` is for messages.
  at::Tensor tensor(const PickleValue& value, const std::string& name) const;

 private:
  TorchArchive() = default;
  std::string path_;
  std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader_;
  PickleRef root_;
};

// "BF16", "F32", ... (the safetensors spelling, used in every message about tensors).
std::string dtype_name(at::ScalarType dtype);
// "[16, 64]".
std::string shape_text(const std::vector<int64_t>& shape);

}  // namespace anatomix::published
