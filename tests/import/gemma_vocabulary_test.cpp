// `anatomix import` with Gemma 3's own vocabulary (the tokenizer.model of the lm tests' Gemma 3 bundle, the
// checkpoints of make_published_checkpoints.py at the published embedding size 262208): the 45 AnatomiX
// tokens get the ids the published tokenizer gave them, and their trained embedding rows are copied exactly.
#include "anatomix/engine.h"
#include "lm/safetensors.h"
#include "published/published_import.h"
#include "published/torch_archive.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace anatomix {
namespace {

namespace fs = std::filesystem;

TEST(GemmaVocabulary, AnatomixTokensGetThePublishedIdsAndTheirTrainedRows) {
  const char* data = std::getenv("ANATOMIX_IMPORT_TEST_DATA");
  ASSERT_NE(data, nullptr);
  const fs::path checkpoints = fs::path(data) / "gemma-checkpoints";
  const fs::path bundle = fs::path(data) / "scratch" / "gemma-vocabulary";
  fs::remove_all(bundle);
  fs::create_directories(bundle.parent_path());
  published::ImportOptions options;
  options.apm = (checkpoints / "apm").string();
  options.lm = (checkpoints / "lm.pt").string();
  options.vector_db = (checkpoints / "emb_db.pt").string();
  options.base = (checkpoints / "base_legacy").string();
  options.out = bundle.string();
  options.dtype = torch::kFloat32;
  published::import_published(options);

  std::ifstream stream(bundle / "config.json");
  const nlohmann::json tokens = nlohmann::json::parse(stream).at("tokens");
  const std::pair<const char*, int> published_ids[] = {
      {"<image>", 262145}, {"<image_start>", 262146}, {"<image_end>", 262147}, {"<box>", 262148},
      {"</box>", 262149},  {"<emb>", 262150},         {"</emb>", 262151},      {"<obj_0>", 262152},
      {"<obj_35>", 262187}, {"<ref>", 262188},        {"</ref>", 262189},      {"<bos>", 2},
      {"<eos>", 1},        {"<start_of_turn>", 105},  {"<end_of_turn>", 106}};
  for (const auto& [token, id] : published_ids) EXPECT_EQ(tokens.at(token), id) << token;

  // The rows of the 45 tokens (and every other row) are lm.pt's trained copies, value for value.
  const auto archive = published::TorchArchive::open(options.lm);
  const published::PickleValue* trained = archive.root().find("LM")->find("core_model")->find(
      "base_model.model.model.language_model.embed_tokens.modules_to_save.default.weight");
  ASSERT_NE(trained, nullptr);
  const at::Tensor expected = archive.tensor(*trained, "embed_tokens").to(torch::kFloat32);
  const auto lm = safetensors::SafetensorsFile::open((bundle / "lm.safetensors").string());
  const at::Tensor embedding = lm->tensor("embed_tokens.weight");
  ASSERT_EQ(embedding.sizes().vec(), (std::vector<int64_t>{262208, 64}));
  EXPECT_TRUE(torch::equal(embedding.narrow(0, 262145, 45), expected.narrow(0, 262145, 45)));
  EXPECT_TRUE(torch::equal(embedding, expected));

  // The engine loads the bundle and reads a whole prompt with this vocabulary.
  Engine engine;
  LoadOptions load;
  load.bundle_dir = bundle.string();
  engine.load(load);
  std::vector<std::uint8_t> pixels(1024 * 1024);
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>((i * 7 + i / 1024 * 13) % 256);
  GrayImageView view;
  view.pixels = pixels.data();
  view.width = view.height = 1024;
  AskRequest request;
  request.task = Task::PhraseGrounding;
  request.text = "small left apical pneumothorax";
  request.max_new_tokens = 2;
  const Answer answer = engine.ask(engine.analyse(view, 1), request);
  EXPECT_GT(answer.prompt_tokens, 1024 + 36 * 20);
}

}  // namespace
}  // namespace anatomix
