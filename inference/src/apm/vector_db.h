// The per-anatomy sentence database (the published AnatomiX code): one sub-database per anatomy in
// query order, each a list of sentences with their un-normalised s-dimensional embeddings. Retrieval is
// cosine similarity against the anatomy's own sub-database; top-1 is the first maximum (the earliest
// sentence on a tie, as torch.argmax), top-k is a stable descending sort.
//
// Bundle files:
//   vector_db.json         {"format": "anatomix-vector-db", "version": 1,
//                           "anatomies": [{"name": "Abdominal cavity", "sentences": ["...", ...]}, ...]}
//   vector_db.safetensors  "anatomy.<i>": F32 [number of sentences of anatomy i, s]
#pragma once

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace anatomix::apm {

struct SentenceMatch {
  int sentence = 0;        // index into the anatomy's sentence list
  float similarity = 0;    // cosine similarity
};

class VectorDatabase {
 public:
  // Loads and checks both files: the anatomy names must equal `expected_names` (query order), every
  // embedding matrix must be [number of sentences, object_dim]. Throws EngineError listing all problems.
  static VectorDatabase load(const std::string& sentences_json, const std::string& embeddings_safetensors,
                             const std::vector<std::string>& expected_names, int object_dim);
  // From memory (tests, bundle writers). embeddings[i]: [sentences[i].size(), s].
  static VectorDatabase from_data(std::vector<std::string> names, std::vector<std::vector<std::string>> sentences,
                                  std::vector<at::Tensor> embeddings);
  // Writes the two files.
  void save(const std::string& sentences_json, const std::string& embeddings_safetensors) const;

  // objects: [Q, s] (one image). Returns, for each anatomy i, its best `k` sentences (k clamped to the
  // sub-database size), best first.
  std::vector<std::vector<SentenceMatch>> search(const at::Tensor& objects, int k) const;

  int anatomy_count() const { return static_cast<int>(names_.size()); }
  const std::string& anatomy_name(int anatomy) const { return names_.at(static_cast<size_t>(anatomy)); }
  const std::vector<std::string>& sentences(int anatomy) const { return sentences_.at(static_cast<size_t>(anatomy)); }

 private:
  std::vector<std::string> names_;
  std::vector<std::vector<std::string>> sentences_;
  std::vector<at::Tensor> normalised_;    // [n_i, s] rows L2-normalised (F.normalize, eps 1e-12)
  std::vector<at::Tensor> raw_;           // as stored
};

}  // namespace anatomix::apm
