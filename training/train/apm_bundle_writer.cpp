#include "train/apm_bundle_writer.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "anatomix/named_logger.h"
#include "apm/vector_db.h"
#include "lm/safetensors.h"
#include "train/apm_sentence_table.h"

namespace anatomix::training {

const char* const kDemonstrationModelDescription =
    "demonstration model trained on synthetic radiographs, not for clinical use";

void write_apm_bundle(const std::string& directory, const ApmConfig& config,
                      const std::map<std::string, at::Tensor>& apm_weights, const std::vector<StudyTruth>& training_studies,
                      const SentenceTable& sentences, const SentenceProjection& project) {
  namespace fs = std::filesystem;
  torch::NoGradGuard no_grad;
  fs::create_directories(directory);

  BundleConfig bundle;
  bundle.name = "AnatomiX demonstration (" + std::to_string(config.image_size) + " px)";
  bundle.description = kDemonstrationModelDescription;
  bundle.apm = config;
  bundle.anatomies = published_anatomy_names();
  bundle.image_labels = chexpert_labels();
  nlohmann::json document = bundle.to_json();
  document.erase("lm");  // written by the language stages
  const fs::path config_path = fs::path(directory) / "config.json";
  {
    std::ofstream stream(config_path);
    stream << document.dump(1) << "\n";
    if (!stream) throw std::runtime_error("Cannot write " + config_path.string() + ".");
  }

  std::vector<std::pair<std::string, at::Tensor>> tensors;
  for (const auto& [name, tensor] : apm_weights)
    if (name.rfind("vis_model.", 0) == 0) tensors.emplace_back(name, tensor.detach().to(torch::kCPU).contiguous());
  safetensors::write_safetensors((fs::path(directory) / bundle.files.weights.front()).string(), tensors,
                                 {{"format", "pt"}, {"description", kDemonstrationModelDescription}});

  // Per anatomy: sorted unique sentences of the training set (published create_rag_db.py).
  const size_t anatomies = bundle.anatomies.size();
  std::vector<std::set<std::string>> unique(anatomies);
  for (const StudyTruth& study : training_studies)
    for (size_t i = 0; i < anatomies && i < study.objects.size(); ++i) unique[i].insert(study.objects[i].sentence);
  std::vector<std::vector<std::string>> lists;
  std::vector<at::Tensor> embeddings;
  size_t total = 0;
  for (size_t i = 0; i < anatomies; ++i) {
    std::vector<std::string> list(unique[i].begin(), unique[i].end());
    std::vector<int64_t> rows;
    for (const std::string& sentence : list) rows.push_back(sentences.index_of(sentence));
    const at::Tensor vectors = sentences.vectors().index_select(0, torch::tensor(rows, torch::kInt64));
    embeddings.push_back(project(vectors).to(torch::kCPU, torch::kFloat32).contiguous());
    total += list.size();
    lists.push_back(std::move(list));
  }
  const apm::VectorDatabase database = apm::VectorDatabase::from_data(bundle.anatomies, lists, embeddings);
  database.save((fs::path(directory) / bundle.files.vector_db_sentences).string(),
                (fs::path(directory) / bundle.files.vector_db).string());
  named_logger("training")->info("bundle (APM part) written to {}: {} tensors, vector database of {} sentences", directory,
               tensors.size(), total);
}

}  // namespace anatomix::training
