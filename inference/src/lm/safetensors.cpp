#include "lm/safetensors.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

namespace anatomix::safetensors {
namespace {

struct TorchDtype {
  const char* name;
  c10::ScalarType type;
};

// The safetensors dtypes LibTorch has (U16, U32, U64 and F8_* have none).
const std::vector<TorchDtype>& torch_dtypes() {
  static const std::vector<TorchDtype> table = {
      {"BOOL", c10::kBool}, {"U8", c10::kByte},      {"I8", c10::kChar},   {"I16", c10::kShort},
      {"F16", c10::kHalf},  {"BF16", c10::kBFloat16}, {"I32", c10::kInt},   {"F32", c10::kFloat},
      {"F64", c10::kDouble}, {"I64", c10::kLong},
  };
  return table;
}

const TorchDtype* find_torch_dtype(const std::string& name) {
  for (const auto& entry : torch_dtypes())
    if (name == entry.name) return &entry;
  return nullptr;
}

std::string dtype_of(c10::ScalarType type) {
  for (const auto& entry : torch_dtypes())
    if (entry.type == type) return entry.name;
  throw SafetensorsError(std::string("no safetensors dtype for LibTorch type ") + c10::toString(type));
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw SafetensorsError("safetensors file '" + path + "': " + what);
}

}  // namespace

// The mapped bytes of one file; shared by the reader and every tensor view.
struct SafetensorsFile::Mapping {
  void* base = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (base && size) munmap(base, size);
  }
};

SafetensorsFile::~SafetensorsFile() = default;

std::shared_ptr<const SafetensorsFile> SafetensorsFile::open(const std::string& path) {
  std::shared_ptr<SafetensorsFile> file(new SafetensorsFile());
  file->path_ = path;

  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(path, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    fail(path, std::string("cannot stat: ") + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    fail(path, "not a regular file");
  }
  const uint64_t file_size = static_cast<uint64_t>(st.st_size);
  if (file_size < 8) {
    ::close(fd);
    header_length(nullptr, file_size, path);  // throws: the file is shorter than the length field
  }
  auto mapping = std::make_shared<Mapping>();
  // Private + writable: copy-on-write, so an accidental in-place op never faults nor alters the file.
  void* base = mmap(nullptr, file_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  const int map_errno = errno;
  ::close(fd);
  if (base == MAP_FAILED) fail(path, std::string("cannot mmap: ") + std::strerror(map_errno));
  mapping->base = base;
  mapping->size = file_size;
  madvise(base, file_size, MADV_WILLNEED);
  file->mapping_ = mapping;

  Header header = parse_header(static_cast<const unsigned char*>(base), file_size, path);
  file->data_offset_ = header.data_offset;
  file->tensors_ = std::move(header.tensors);
  file->metadata_ = std::move(header.metadata);
  return file;
}

std::vector<std::string> SafetensorsFile::names() const {
  std::vector<std::string> out;
  out.reserve(tensors_.size());
  for (const auto& [name, info] : tensors_) out.push_back(name);
  return out;
}

const TensorInfo& SafetensorsFile::info(const std::string& name) const {
  auto it = tensors_.find(name);
  if (it == tensors_.end()) fail(path_, "no tensor named '" + name + "'");
  return it->second;
}

at::Tensor SafetensorsFile::tensor(const std::string& name) const {
  const TensorInfo& meta = info(name);
  const TorchDtype* dtype = find_torch_dtype(meta.dtype);
  if (!dtype) fail(path_, "tensor '" + name + "': dtype " + meta.dtype + " has no LibTorch type");
  auto* data = static_cast<char*>(mapping_->base) + data_offset_ + meta.data_begin;
  const auto options = torch::TensorOptions().dtype(dtype->type).device(torch::kCPU);
  if (meta.data_end == meta.data_begin) return torch::empty(meta.shape, options);
  if (reinterpret_cast<uintptr_t>(data) % dtype_size(meta.dtype) != 0) {
    // Files from the reference writer are aligned; an unaligned one is copied once rather than viewed.
    auto out = torch::empty(meta.shape, options);
    std::memcpy(out.data_ptr(), data, meta.data_end - meta.data_begin);
    return out;
  }
  std::shared_ptr<Mapping> keep_alive = mapping_;
  return torch::from_blob(data, meta.shape, [keep_alive](void*) mutable { keep_alive.reset(); }, options);
}

SafetensorsCheckpoint SafetensorsCheckpoint::open(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string index_path;
  std::string single_path;
  if (fs::is_directory(path, ec)) {
    const fs::path index = fs::path(path) / "model.safetensors.index.json";
    const fs::path single = fs::path(path) / "model.safetensors";
    if (fs::exists(index, ec)) {
      index_path = index.string();
    } else if (fs::exists(single, ec)) {
      single_path = single.string();
    } else {
      throw SafetensorsError("safetensors checkpoint '" + path +
                             "': directory has neither model.safetensors.index.json nor model.safetensors");
    }
  } else if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0) {
    index_path = path;
  } else {
    single_path = path;
  }

  SafetensorsCheckpoint checkpoint;
  checkpoint.path_ = path;
  if (!single_path.empty()) {
    checkpoint.shards_.push_back(SafetensorsFile::open(single_path));
    for (const auto& name : checkpoint.shards_[0]->names()) checkpoint.shard_of_[name] = 0;
    return checkpoint;
  }

  std::ifstream in(index_path);
  if (!in) throw SafetensorsError("safetensors index '" + index_path + "': cannot open");
  nlohmann::json index;
  try {
    in >> index;
  } catch (const nlohmann::json::exception& e) {
    throw SafetensorsError("safetensors index '" + index_path + "': not valid JSON (" + e.what() + ")");
  }
  if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object()) {
    throw SafetensorsError("safetensors index '" + index_path + "': missing \"weight_map\" object");
  }
  const fs::path dir = fs::path(index_path).parent_path();
  std::map<std::string, size_t> shard_index;
  for (auto it = index["weight_map"].begin(); it != index["weight_map"].end(); ++it) {
    if (!it.value().is_string()) {
      throw SafetensorsError("safetensors index '" + index_path + "': weight_map entry '" + it.key() +
                             "' is not a file name");
    }
    const std::string shard = it.value().get<std::string>();
    auto found = shard_index.find(shard);
    if (found == shard_index.end()) {
      found = shard_index.emplace(shard, checkpoint.shards_.size()).first;
      checkpoint.shards_.push_back(SafetensorsFile::open((dir / shard).string()));
    }
    if (!checkpoint.shards_[found->second]->contains(it.key())) {
      throw SafetensorsError("safetensors index '" + index_path + "': tensor '" + it.key() +
                             "' is listed in shard '" + shard + "' but that file does not contain it");
    }
    checkpoint.shard_of_[it.key()] = found->second;
  }
  return checkpoint;
}

std::vector<std::string> SafetensorsCheckpoint::names() const {
  std::vector<std::string> out;
  out.reserve(shard_of_.size());
  for (const auto& [name, shard] : shard_of_) out.push_back(name);
  return out;
}

const std::string& SafetensorsCheckpoint::file_of(const std::string& name) const {
  auto it = shard_of_.find(name);
  if (it == shard_of_.end()) {
    throw SafetensorsError("safetensors checkpoint '" + path_ + "': no tensor named '" + name + "'");
  }
  return shards_[it->second]->path();
}

const TensorInfo& SafetensorsCheckpoint::info(const std::string& name) const {
  file_of(name);  // throws a readable error if absent
  return shards_[shard_of_.at(name)]->info(name);
}

at::Tensor SafetensorsCheckpoint::tensor(const std::string& name) const {
  file_of(name);  // throws a readable error if absent
  return shards_[shard_of_.at(name)]->tensor(name);
}

void write_safetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                       const std::map<std::string, std::string>& metadata) {
  std::vector<LazyTensor> lazy;
  for (const auto& [name, t] : tensors) {
    const at::Tensor cpu = t.detach().to(torch::kCPU).contiguous();
    lazy.push_back({name, cpu.scalar_type(), cpu.sizes().vec(), [cpu] { return cpu; }});
  }
  write_safetensors(path, lazy, metadata);
}

void write_safetensors(const std::string& path, const std::vector<LazyTensor>& tensors,
                       const std::map<std::string, std::string>& metadata) {
  std::vector<const LazyTensor*> sorted;
  std::set<std::string> seen;
  for (const auto& t : tensors) {
    if (t.name == "__metadata__") throw SafetensorsError("safetensors write '" + path + "': reserved tensor name");
    if (!seen.insert(t.name).second) {
      throw SafetensorsError("safetensors write '" + path + "': duplicate tensor name '" + t.name + "'");
    }
    sorted.push_back(&t);
  }
  // As the reference writer: larger elements first, then by name, so with an 8-byte aligned buffer start
  // every tensor is aligned to its element size and the tensors stay back to back.
  std::sort(sorted.begin(), sorted.end(), [](const LazyTensor* a, const LazyTensor* b) {
    const size_t a_size = c10::elementSize(a->dtype), b_size = c10::elementSize(b->dtype);
    if (a_size != b_size) return a_size > b_size;
    return a->name < b->name;
  });

  nlohmann::json header = nlohmann::json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  uint64_t offset = 0;
  for (const LazyTensor* t : sorted) {
    uint64_t bytes = c10::elementSize(t->dtype);
    for (int64_t size : t->shape) bytes *= static_cast<uint64_t>(size);
    header[t->name] = {{"dtype", dtype_of(t->dtype)}, {"shape", t->shape}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string json = header.dump();
  json.append((8 - json.size() % 8) % 8, ' ');
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw SafetensorsError("safetensors write '" + path + "': cannot create the file");
  unsigned char len[8];
  const uint64_t n = json.size();
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>((n >> (8 * i)) & 0xff);
  out.write(reinterpret_cast<const char*>(len), 8);
  out.write(json.data(), static_cast<std::streamsize>(json.size()));
  for (const LazyTensor* t : sorted) {
    const at::Tensor data = t->produce().detach().to(torch::kCPU).contiguous();
    if (data.scalar_type() != t->dtype || data.sizes().vec() != t->shape)
      throw SafetensorsError("safetensors write '" + path + "': tensor '" + t->name + "' came out as " +
                             dtype_of(data.scalar_type()) + " " + c10::str(data.sizes()) + ", declared " +
                             dtype_of(t->dtype) + " " + c10::str(c10::IntArrayRef(t->shape)));
    out.write(static_cast<const char*>(data.data_ptr()), static_cast<std::streamsize>(data.numel() * data.element_size()));
  }
  if (!out) throw SafetensorsError("safetensors write '" + path + "': write failed (disk full?)");
}

}  // namespace anatomix::safetensors
