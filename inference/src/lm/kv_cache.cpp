#include "lm/kv_cache.h"

#include <torch/torch.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace anatomix::lm {

KvCache::KvCache(int64_t layers, int64_t kv_heads, int64_t head_dim, int64_t capacity,
                 const at::TensorOptions& options)
    : capacity_(capacity) {
  if (capacity <= 0) throw std::invalid_argument("KV cache capacity must be positive");
  keys_.reserve(static_cast<size_t>(layers));
  values_.reserve(static_cast<size_t>(layers));
  for (int64_t i = 0; i < layers; ++i) {
    keys_.push_back(torch::zeros({kv_heads, capacity, head_dim}, options));
    values_.push_back(torch::zeros({kv_heads, capacity, head_dim}, options));
  }
}

void KvCache::write(int64_t layer, const at::Tensor& keys, const at::Tensor& values) {
  const int64_t tokens = keys.size(1);
  if (length_ + tokens > capacity_) {
    throw std::length_error("KV cache full: " + std::to_string(length_) + " + " + std::to_string(tokens) +
                            " tokens exceed the capacity of " + std::to_string(capacity_));
  }
  keys_[static_cast<size_t>(layer)].narrow(1, length_, tokens).copy_(keys);
  values_[static_cast<size_t>(layer)].narrow(1, length_, tokens).copy_(values);
}

at::Tensor KvCache::keys(int64_t layer, int64_t begin, int64_t end) const {
  return keys_[static_cast<size_t>(layer)].narrow(1, begin, end - begin);
}

at::Tensor KvCache::values(int64_t layer, int64_t begin, int64_t end) const {
  return values_[static_cast<size_t>(layer)].narrow(1, begin, end - begin);
}

KvCache KvCache::prefix_copy(int64_t tokens, int64_t capacity) const {
  if (tokens < 0 || tokens > length_ || tokens > capacity) {
    throw std::invalid_argument("KV cache prefix copy: " + std::to_string(tokens) + " tokens of " +
                                std::to_string(length_) + " cached into a capacity of " + std::to_string(capacity));
  }
  if (keys_.empty()) throw std::logic_error("KV cache prefix copy of an unallocated cache");
  KvCache copy(static_cast<int64_t>(keys_.size()), keys_.front().size(0), keys_.front().size(2), capacity,
               keys_.front().options());
  for (size_t layer = 0; layer < keys_.size(); ++layer) {
    copy.keys_[layer].narrow(1, 0, tokens).copy_(keys_[layer].narrow(1, 0, tokens));
    copy.values_[layer].narrow(1, 0, tokens).copy_(values_[layer].narrow(1, 0, tokens));
  }
  copy.length_ = tokens;
  return copy;
}

int64_t KvCache::bytes() const {
  int64_t total = 0;
  for (const auto& t : keys_) total += t.numel() * static_cast<int64_t>(t.element_size());
  for (const auto& t : values_) total += t.numel() * static_cast<int64_t>(t.element_size());
  return total;
}

int64_t shared_prefix_length(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  const size_t limit = std::min(a.size(), b.size());
  size_t n = 0;
  while (n < limit && a[n] == b[n]) ++n;
  return static_cast<int64_t>(n);
}

}  // namespace anatomix::lm
