// Preallocated key/value cache of a Gemma 3 decoder: one [kv_heads, capacity, head_dim] pair per layer,
// written in place (no concatenation per step). Keys are stored after RoPE.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace anatomix::lm {

class KvCache {
 public:
  KvCache() = default;
  KvCache(int64_t layers, int64_t kv_heads, int64_t head_dim, int64_t capacity, const at::TensorOptions& options);

  int64_t length() const { return length_; }      // tokens already cached (= next position)
  int64_t capacity() const { return capacity_; }
  int64_t remaining() const { return capacity_ - length_; }
  void reset() { length_ = 0; }

  // Writes `keys`/`values` [kv_heads, T, head_dim] of `layer` at positions [length, length + T).
  void write(int64_t layer, const at::Tensor& keys, const at::Tensor& values);
  // Views of positions [begin, end) of `layer`: [kv_heads, end - begin, head_dim].
  at::Tensor keys(int64_t layer, int64_t begin, int64_t end) const;
  at::Tensor values(int64_t layer, int64_t begin, int64_t end) const;
  // Called once after every layer has written its T new positions.
  void advance(int64_t tokens) { length_ += tokens; }
  int64_t bytes() const;
  // A new cache of `capacity` positions holding this cache's first `tokens` positions: the shared prefix of
  // several prompts (the engine's follow-up questions, the trainer's tasks of one reading) runs once. Copies
  // through autograd when the source records a graph.
  KvCache prefix_copy(int64_t tokens, int64_t capacity) const;

 private:
  std::vector<at::Tensor> keys_;
  std::vector<at::Tensor> values_;
  int64_t capacity_ = 0;
  int64_t length_ = 0;
};

// How many leading tokens two prompts share: the part of `a`'s cache that `b` can start from.
int64_t shared_prefix_length(const std::vector<int64_t>& a, const std::vector<int64_t>& b);

}  // namespace anatomix::lm
