#include "apm/vector_db.h"

#include "anatomix/engine.h"
#include "lm/safetensors.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <fstream>
#include <sstream>

namespace anatomix::apm {

namespace {

torch::Tensor l2_normalise(const torch::Tensor& x) {
  return x / x.norm(2, -1, true).clamp_min(1e-12);  // torch.nn.functional.normalize
}

std::string tensor_name(size_t anatomy) { return "anatomy." + std::to_string(anatomy); }

}  // namespace

VectorDatabase VectorDatabase::from_data(std::vector<std::string> names, std::vector<std::vector<std::string>> sentences,
                                         std::vector<at::Tensor> embeddings) {
  if (names.size() != sentences.size() || names.size() != embeddings.size())
    throw EngineError("vector database: names, sentence lists and embeddings differ in count");
  VectorDatabase database;
  database.names_ = std::move(names);
  database.sentences_ = std::move(sentences);
  for (auto& embedding : embeddings) {
    torch::Tensor raw = embedding.to(torch::kCPU, torch::kFloat32).contiguous();
    database.normalised_.push_back(l2_normalise(raw));
    database.raw_.push_back(raw);
  }
  return database;
}

VectorDatabase VectorDatabase::load(const std::string& sentences_json, const std::string& embeddings_safetensors,
                                    const std::vector<std::string>& expected_names, int object_dim) {
  nlohmann::json document;
  {
    std::ifstream stream(sentences_json);
    if (!stream) throw EngineError("Vector database " + sentences_json + " is missing or unreadable.");
    try {
      document = nlohmann::json::parse(stream);
    } catch (const nlohmann::json::exception& error) {
      throw EngineError("Vector database " + sentences_json + " is not valid JSON: " + error.what());
    }
  }
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> sentences;
  try {
    if (document.value("format", "") != "anatomix-vector-db")
      throw EngineError("\"format\" must be \"anatomix-vector-db\"");
    for (const auto& anatomy : document.at("anatomies")) {
      names.push_back(anatomy.at("name").get<std::string>());
      sentences.push_back(anatomy.at("sentences").get<std::vector<std::string>>());
    }
  } catch (const std::exception& error) {
    throw EngineError("Vector database " + sentences_json + " has the wrong layout: " + error.what());
  }

  std::shared_ptr<const safetensors::SafetensorsFile> file;
  try {
    file = safetensors::SafetensorsFile::open(embeddings_safetensors);
  } catch (const std::exception& error) {
    throw EngineError(std::string("Vector database embeddings: ") + error.what());
  }

  std::vector<std::string> problems;
  if (names.size() != expected_names.size())
    problems.push_back("it has " + std::to_string(names.size()) + " anatomies, the bundle config has " +
                       std::to_string(expected_names.size()));
  std::vector<at::Tensor> embeddings;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i < expected_names.size() && names[i] != expected_names[i])
      problems.push_back("anatomy " + std::to_string(i) + " is \"" + names[i] + "\", config.json says \"" +
                         expected_names[i] + "\"");
    if (sentences[i].empty()) problems.push_back("anatomy " + std::to_string(i) + " (\"" + names[i] + "\") has no sentences");
    const std::string name = tensor_name(i);
    if (!file->contains(name)) {
      problems.push_back("tensor " + name + " is missing from " + embeddings_safetensors);
      continue;
    }
    const auto& info = file->info(name);
    const std::vector<int64_t> expected{static_cast<int64_t>(sentences[i].size()), object_dim};
    if (info.shape != expected) {
      problems.push_back("tensor " + name + " has shape " + c10::str(c10::IntArrayRef(info.shape)) + ", expected " +
                         c10::str(c10::IntArrayRef(expected)) + " (sentences x object_dim)");
      continue;
    }
    embeddings.push_back(file->tensor(name));
  }
  if (!problems.empty()) {
    std::ostringstream message;
    message << "Vector database " << sentences_json << " does not match the bundle:";
    for (const auto& problem : problems) message << "\n  - " << problem;
    throw EngineError(message.str());
  }
  return from_data(std::move(names), std::move(sentences), std::move(embeddings));
}

void VectorDatabase::save(const std::string& sentences_json, const std::string& embeddings_safetensors) const {
  nlohmann::json anatomies = nlohmann::json::array();
  std::vector<std::pair<std::string, at::Tensor>> tensors;
  for (size_t i = 0; i < names_.size(); ++i) {
    anatomies.push_back({{"name", names_[i]}, {"sentences", sentences_[i]}});
    tensors.emplace_back(tensor_name(i), raw_[i]);
  }
  std::ofstream stream(sentences_json);
  stream << nlohmann::json{{"format", "anatomix-vector-db"}, {"version", 1}, {"anatomies", anatomies}}.dump(1);
  if (!stream) throw EngineError("Cannot write " + sentences_json);
  safetensors::write_safetensors(embeddings_safetensors, tensors);
}

std::vector<std::vector<SentenceMatch>> VectorDatabase::search(const at::Tensor& objects, int k) const {
  torch::NoGradGuard no_grad;
  const torch::Tensor queries = l2_normalise(objects.to(torch::kCPU, torch::kFloat32));
  if (queries.dim() != 2 || queries.size(0) != anatomy_count())
    throw EngineError("vector database: expected " + std::to_string(anatomy_count()) + " object embeddings, got " +
                      c10::str(objects.sizes()));
  std::vector<std::vector<SentenceMatch>> results(names_.size());
  for (size_t i = 0; i < names_.size(); ++i) {
    const torch::Tensor similarity = torch::mv(normalised_[i], queries[static_cast<int64_t>(i)]).contiguous();
    const int64_t count = std::min<int64_t>(std::max(k, 1), similarity.size(0));
    // Stable descending sort: equal similarities keep sentence order, so the first maximum wins.
    const auto sorted = similarity.sort(/*stable=*/true, /*dim=*/0, /*descending=*/true);
    const torch::Tensor indices = std::get<1>(sorted);
    const torch::Tensor values = std::get<0>(sorted);
    for (int64_t j = 0; j < count; ++j)
      results[i].push_back({static_cast<int>(indices[j].item<int64_t>()), values[j].item<float>()});
  }
  return results;
}

}  // namespace anatomix::apm
