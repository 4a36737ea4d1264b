#include "random_apm_bundle.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "apm/apm.h"
#include "apm/vector_db.h"
#include "bundle_config.h"
#include "dataset/study_dataset.h"
#include "lm/safetensors.h"

namespace anatomix::training::test {

void write_random_apm_bundle(const std::filesystem::path& out, const std::filesystem::path& studies_dir) {
  ApmConfig apm;
  apm.image_size = 64;
  apm.backbone_width = 8;
  apm.backbone_blocks = {1, 1, 1, 1};
  apm.hidden_dim = 32;
  apm.heads = 2;
  apm.ffn_dim = 64;
  apm.encoder_layers = 1;
  apm.decoder_layers = 1;
  apm.feature_heads = 2;
  apm.object_dim = 16;
  const auto& names = published_anatomy_names();
  apm.num_queries = static_cast<int>(names.size());
  std::filesystem::create_directories(out);
  const nlohmann::json config = {
      {"format", "anatomix-bundle"},
      {"format_version", 1},
      {"name", "random-apm"},
      {"description", "random APM (test fixture, not a model)"},
      {"image_size", apm.image_size},
      {"apm",
       {{"backbone_width", apm.backbone_width}, {"backbone_blocks", apm.backbone_blocks},
        {"hidden_dim", apm.hidden_dim}, {"heads", apm.heads}, {"ffn_dim", apm.ffn_dim},
        {"encoder_layers", apm.encoder_layers}, {"decoder_layers", apm.decoder_layers},
        {"feature_heads", apm.feature_heads}, {"object_dim", apm.object_dim}}},
      {"projector_hidden", 32},
      {"anatomies", names}};
  std::ofstream(out / "config.json") << config.dump(2) << "\n";
  std::vector<std::pair<std::string, at::Tensor>> weights;
  for (const auto& [name, tensor] : apm::apm_random_weights(apm, 11)) weights.emplace_back(name, tensor);
  safetensors::write_safetensors((out / "anatomix.safetensors").string(), weights);

  std::vector<std::set<std::string>> sentences(names.size());
  for (const auto& study : load_study_set(studies_dir.string()))
    for (const auto& object : study.objects) sentences.at(static_cast<size_t>(object.index)).insert(object.sentence);
  std::vector<std::vector<std::string>> lists;
  std::vector<at::Tensor> embeddings;
  auto generator = at::make_generator<at::CPUGeneratorImpl>(12);
  for (size_t i = 0; i < names.size(); ++i) {
    sentences[i].insert(names[i] + " is healthy.");
    lists.emplace_back(sentences[i].begin(), sentences[i].end());
    embeddings.push_back(at::normal(0.0, 1.0, {static_cast<int64_t>(lists.back().size()), apm.object_dim}, generator));
  }
  apm::VectorDatabase::from_data(names, lists, embeddings)
      .save((out / "vector_db.json").string(), (out / "vector_db.safetensors").string());
}

}  // namespace anatomix::training::test
