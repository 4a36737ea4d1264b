// The sentence embeddings of a study set, computed once by training/tools/sentence_embeddings.py
// (all-MiniLM-L6-v2, mean pooled, L2-normalised): DIR/sentence_embeddings.json lists the sentences,
// DIR/sentence_embeddings.safetensors holds "embeddings" F32 [N, e] in that order.
#pragma once

#include <ATen/core/Tensor.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace anatomix::training {

class SentenceTable {
 public:
  // Throws std::runtime_error naming the file and the problem (and the tool to run when missing).
  static SentenceTable load(const std::string& data_directory);
  // From memory (tests). vectors: [sentences.size(), e].
  static SentenceTable from_data(std::vector<std::string> sentences, at::Tensor vectors, std::string origin);

  // Row of `sentence`; throws std::runtime_error naming the sentence and the table's files.
  int64_t index_of(const std::string& sentence) const;
  const std::string& sentence(int64_t row) const { return sentences_.at(static_cast<size_t>(row)); }
  const at::Tensor& vectors() const { return vectors_; }  // [N, e] fp32
  int64_t dimension() const;
  int64_t size() const { return static_cast<int64_t>(sentences_.size()); }

 private:
  std::string origin_;
  std::vector<std::string> sentences_;
  std::unordered_map<std::string, int64_t> rows_;
  at::Tensor vectors_;
};

}  // namespace anatomix::training
