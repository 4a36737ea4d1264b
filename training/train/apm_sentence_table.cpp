#include "train/apm_sentence_table.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "lm/safetensors.h"

namespace anatomix::training {

SentenceTable SentenceTable::load(const std::string& data_directory) {
  const std::string json_path = (std::filesystem::path(data_directory) / "sentence_embeddings.json").string();
  const std::string tensor_path = (std::filesystem::path(data_directory) / "sentence_embeddings.safetensors").string();
  const std::string hint = " (compute it with training/tools/sentence_embeddings.py " + data_directory + ")";
  std::ifstream stream(json_path);
  if (!stream) throw std::runtime_error("Sentence embeddings " + json_path + " are missing" + hint + ".");
  std::vector<std::string> sentences;
  try {
    const nlohmann::json document = nlohmann::json::parse(stream);
    if (document.value("format", "") != "anatomix-sentence-embeddings")
      throw std::runtime_error("\"format\" is not \"anatomix-sentence-embeddings\"");
    sentences = document.at("sentences").get<std::vector<std::string>>();
  } catch (const std::exception& error) {
    throw std::runtime_error("Sentence embeddings " + json_path + " are unreadable: " + error.what() + hint + ".");
  }
  torch::Tensor vectors;
  try {
    const auto file = safetensors::SafetensorsFile::open(tensor_path);
    vectors = file->tensor("embeddings").to(torch::kFloat32).clone();
  } catch (const std::exception& error) {
    throw std::runtime_error(std::string(error.what()) + hint + ".");
  }
  if (vectors.dim() != 2 || vectors.size(0) != static_cast<int64_t>(sentences.size()))
    throw std::runtime_error("Sentence embeddings " + tensor_path + " hold " + c10::str(vectors.sizes()) + ", but " +
                             json_path + " lists " + std::to_string(sentences.size()) + " sentences" + hint + ".");
  return from_data(std::move(sentences), vectors, json_path);
}

SentenceTable SentenceTable::from_data(std::vector<std::string> sentences, at::Tensor vectors, std::string origin) {
  SentenceTable table;
  table.origin_ = std::move(origin);
  table.sentences_ = std::move(sentences);
  table.vectors_ = vectors.to(torch::kFloat32).contiguous();
  for (size_t i = 0; i < table.sentences_.size(); ++i) table.rows_.emplace(table.sentences_[i], static_cast<int64_t>(i));
  return table;
}

int64_t SentenceTable::index_of(const std::string& sentence) const {
  const auto it = rows_.find(sentence);
  if (it == rows_.end())
    throw std::runtime_error("Sentence \"" + sentence + "\" has no embedding in " + origin_ +
                             " (recompute it with training/tools/sentence_embeddings.py on this data directory).");
  return it->second;
}

int64_t SentenceTable::dimension() const { return vectors_.defined() && vectors_.dim() == 2 ? vectors_.size(1) : 0; }

}  // namespace anatomix::training
