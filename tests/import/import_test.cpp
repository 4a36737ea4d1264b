// `anatomix import` on tiny checkpoints saved the way the published AnatomiX code saves them
// (make_published_checkpoints.py), compared with the published model's outputs on them (reference_logits.py:
// transformers' Gemma 3 with peft's unmerged LoRA, the published APM, retrieval and prompt).
#include "anatomix/engine.h"
#include "apm/apm.h"
#include "apm/vector_db.h"
#include "bundle_config.h"
#include "bundle_weights.h"
#include "lm/gemma3.h"
#include "lm/generation.h"
#include "lm/safetensors.h"
#include "lm/tokenizer.h"
#include "projector.h"
#include "prompts.h"
#include "published/published_import.h"
#include "published/sha256.h"
#include "published/torch_archive.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace anatomix {
namespace {

namespace fs = std::filesystem;
using published::ImportOptions;

// Where the ctest fixture wrote the checkpoints (ANATOMIX_IMPORT_TEST_DATA, tests/import/CMakeLists.txt).
fs::path test_data() {
  const char* value = std::getenv("ANATOMIX_IMPORT_TEST_DATA");
  return value ? value : "";
}

std::string checkpoints() { return (test_data() / "checkpoints").string(); }

fs::path scratch(const std::string& name) {
  const fs::path dir = test_data() / "scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  return dir;
}

ImportOptions fixture_options(const std::string& out, const std::string& base = "base") {
  ImportOptions options;
  options.apm = (fs::path(checkpoints()) / "apm").string();
  options.lm = (fs::path(checkpoints()) / "lm.pt").string();
  options.vector_db = (fs::path(checkpoints()) / "emb_db.pt").string();
  options.base = (fs::path(checkpoints()) / base).string();
  options.out = out;
  return options;
}

// What a failing import says.
std::string import_error(const ImportOptions& options) {
  try {
    published::import_published(options);
  } catch (const EngineError& error) {
    EXPECT_FALSE(fs::exists(options.out)) << "a failed import must leave no bundle";
    return error.what();
  }
  ADD_FAILURE() << "the import did not fail";
  return "";
}

// The test image of reference_logits.py: ((7 x + 13 y) mod 256) / 255 on the 1024 square.
std::vector<std::uint8_t> test_pixels() {
  std::vector<std::uint8_t> pixels(1024 * 1024);
  for (int y = 0; y < 1024; ++y)
    for (int x = 0; x < 1024; ++x) pixels[static_cast<size_t>(y) * 1024 + x] = static_cast<std::uint8_t>((7 * x + 13 * y) % 256);
  return pixels;
}

std::vector<int64_t> int_list(const at::Tensor& tensor) {
  const at::Tensor t = tensor.to(torch::kLong).contiguous();
  return std::vector<int64_t>(t.data_ptr<int64_t>(), t.data_ptr<int64_t>() + t.numel());
}

// The reference prompt of reference_logits.py run through an imported bundle's APM, retrieval, prompt,
// tokenizer and decoder (loaded with `precision`): everything the comparisons below need.
struct PromptRun {
  std::vector<int64_t> ids;
  std::vector<std::string> sentences;  // the retrieved top-1 sentence per anatomy, in query order
  at::Tensor logits;                   // [positions of the reference, vocab], fp32
  at::Tensor embeddings;               // the prompt's input rows
  std::unique_ptr<lm::Gemma3Model> model;
  std::unique_ptr<lm::Tokenizer> tokenizer;
  BundleConfig config;
};

const char* kReferencePhrase = "small left apical pneumothorax";

PromptRun run_reference_prompt(const fs::path& bundle, lm::WeightPrecision precision,
                               const std::vector<int64_t>& positions) {
  PromptRun run;
  run.config = BundleConfig::load(bundle.string());
  const BundleConfig& config = run.config;
  const BundleWeights weights = BundleWeights::open(config);
  auto lookup = [&](const std::string& name) { return weights.tensor(name); };
  const apm::Apm apm(config.apm, lookup, torch::kCPU);
  const Projector image_projector("image_projectionhead", lookup, torch::kCPU);
  const Projector object_projector("obj_projectionhead", lookup, torch::kCPU);
  const auto database = apm::VectorDatabase::load((bundle / "vector_db.json").string(),
                                                  (bundle / "vector_db.safetensors").string(), config.anatomies,
                                                  config.apm.object_dim);
  run.tokenizer = lm::Tokenizer::load((bundle / "tokenizer.model").string());
  lm::Gemma3LoadOptions load;
  load.precision = precision;
  run.model = lm::Gemma3Model::load(lm::Gemma3Config::from_json_text(config.lm.dump(), "lm"),
                                    safetensors::SafetensorsCheckpoint::open((bundle / "lm.safetensors").string()), load);

  const std::vector<std::uint8_t> pixels = test_pixels();
  const at::Tensor image =
      torch::from_blob(const_cast<std::uint8_t*>(pixels.data()), {1, 1, 1024, 1024}, torch::kUInt8).to(torch::kFloat32) / 255.0;
  const apm::ApmOutput out = apm.forward(image);
  const auto matches = database.search(out.objects[0], 1);
  PromptInputs prompt;
  prompt.image_tokens = config.apm.image_tokens();
  for (int i = 0; i < config.apm.num_queries; ++i) {
    const at::Tensor box = out.boxes[0][i];
    prompt.object_boxes.push_back(square_box_from_cxcywh(box[0].item<float>(), box[1].item<float>(),
                                                         box[2].item<float>(), box[3].item<float>(), 1024));
    prompt.sentences.push_back(database.sentences(i).at(static_cast<size_t>(matches[static_cast<size_t>(i)][0].sentence)));
  }
  run.sentences = prompt.sentences;
  prompt.instruction = task_instruction(Task::PhraseGrounding, kReferencePhrase, {});
  run.ids = {config.tokens.bos};
  for (int id : run.tokenizer->encode(build_prompt(prompt))) run.ids.push_back(id);
  run.embeddings = prompt_embeddings(*run.model, run.ids, {config.tokens.image, config.tokens.object0}, image_projector,
                                     out.memory[0], object_projector, out.objects[0]);
  lm::KvCache cache = run.model->new_cache(static_cast<int64_t>(run.ids.size()) + 16);
  const at::Tensor logits = run.model->forward_all_logits(run.embeddings, cache).to(torch::kFloat32);
  run.logits = logits.index_select(0, torch::tensor(positions, torch::kLong));
  return run;
}

TEST(TorchArchive, ReadsWhatLibTorchsUnpicklerRefuses) {
  // The APM checkpoint holds an argparse.Namespace with a pathlib.Path, optimiser states with integer keys
  // and one-entry dicts (pickle SETITEM): LibTorch 1.13's torch::pickle_load stops at all of them.
  const auto archive = published::TorchArchive::open((fs::path(checkpoints()) / "apm" / "last_checkpoint.pth").string());
  const published::PickleValue& root = archive.root();
  ASSERT_TRUE(root.is_dict());
  ASSERT_NE(root.find("epoch"), nullptr);
  EXPECT_EQ(root.find("epoch")->integer, 44);
  EXPECT_DOUBLE_EQ(root.find("best_loss")->real, 1.25);
  const published::PickleValue* args = root.find("args");
  ASSERT_NE(args, nullptr);
  EXPECT_EQ(args->kind, published::PickleValue::Kind::Object);
  EXPECT_EQ(args->text, "argparse.Namespace");
  ASSERT_TRUE(args->state && args->state->is_dict());
  EXPECT_EQ(args->state->find("output_dir")->text, "pathlib.PosixPath");
  const published::PickleValue* query = root.find("model")->find("vis_model.query_embed.weight");
  ASSERT_NE(query, nullptr);
  const at::Tensor tensor = archive.tensor(*query, "query_embed");
  EXPECT_EQ(tensor.sizes().vec(), (std::vector<int64_t>{36, 32}));
  EXPECT_EQ(tensor.scalar_type(), torch::kFloat32);
}

TEST(Sha256, MatchesTheStandardVectors) {
  EXPECT_EQ(published::sha256_bytes("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(published::sha256_bytes(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(published::sha256_bytes(std::string(1000, 'a')),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

// The imported fp32 bundle in the engine against the published model (transformers + peft) on a full
// AnatomiX prompt: the engine's APM, retrieval, prompt and tokenizer give the reference's ids, its decoder the
// reference's logits at every stored position, and Engine::ask the reference's greedy tokens.
TEST(PublishedImport, EngineMatchesThePublishedModel) {
  torch::InferenceMode inference;
  const fs::path bundle = scratch("fp32");
  ImportOptions options = fixture_options(bundle.string());
  options.dtype = torch::kFloat32;
  const published::ImportSummary summary = published::import_published(options);
  EXPECT_EQ(summary.lora_modules, 21);
  EXPECT_EQ(summary.lora_rank, 8);
  EXPECT_TRUE(summary.trained_embedding);
  EXPECT_TRUE(summary.trained_head);

  const auto reference = safetensors::SafetensorsFile::open(std::string(ANATOMIX_IMPORT_REFERENCE) + ".safetensors");
  const std::vector<int64_t> reference_ids = int_list(reference->tensor("prompt_ids"));
  const std::vector<int64_t> positions = int_list(reference->tensor("positions"));
  const at::Tensor reference_logits = reference->tensor("logits").to(torch::kFloat32);
  const std::vector<int64_t> reference_greedy = int_list(reference->tensor("greedy"));

  const PromptRun run = run_reference_prompt(bundle, lm::WeightPrecision::kFloat32, positions);
  const BundleConfig& config = run.config;
  const auto& ids = run.ids;
  const auto& model = run.model;
  const auto& tokenizer = run.tokenizer;
  const at::Tensor& embeddings = run.embeddings;
  ASSERT_EQ(ids, reference_ids) << "the engine's prompt ids differ from the published tokenizer's";
  const double max_difference = (run.logits - reference_logits).abs().max().item<double>();
  const double scale = reference_logits.abs().max().item<double>();
  std::printf("prompt of %zu tokens, logits at %zu positions (|logit| up to %.2f): max abs difference %.3g\n",
              ids.size(), positions.size(), scale, max_difference);
  EXPECT_LE(max_difference, 1e-4);

  // Greedy decoding from the prompt's cache, as the engine generates.
  lm::GenerationOptions generation;
  generation.max_new_tokens = static_cast<int>(reference_greedy.size());
  generation.stop_ids = {config.tokens.end_of_turn, config.tokens.eos};
  lm::KvCache generation_cache = model->new_cache(static_cast<int64_t>(ids.size()) + generation.max_new_tokens + 1);
  const lm::GenerationResult result = lm::generate(*model, *tokenizer, embeddings, generation_cache, generation);
  EXPECT_EQ(std::vector<int64_t>(result.ids.begin(), result.ids.end()), reference_greedy);

  // The whole product path: Engine::load on the bundle, analyse, ask (greedy, as published).
  Engine engine;
  LoadOptions load;
  load.bundle_dir = bundle.string();
  engine.load(load);
  const std::vector<std::uint8_t> pixels = test_pixels();
  GrayImageView view;
  view.pixels = pixels.data();
  view.width = view.height = 1024;
  const Analysis analysis = engine.analyse(view, 1);
  for (int i = 0; i < config.apm.num_queries; ++i)
    EXPECT_EQ(analysis.anatomies[static_cast<size_t>(i)].sentence, run.sentences[static_cast<size_t>(i)]);
  AskRequest request;
  request.task = Task::PhraseGrounding;
  request.text = kReferencePhrase;
  request.max_new_tokens = static_cast<int>(reference_greedy.size());
  const Answer answer = engine.ask(analysis, request);
  EXPECT_EQ(answer.prompt_tokens, static_cast<int>(reference_ids.size()));
  EXPECT_EQ(answer.generated_tokens, static_cast<int>(reference_greedy.size()));
}

// The published model is bf16: the bf16 import against the fp32 import of the same checkpoints, on the
// reference prompt, with the bf16 weights computed in fp32 (the CPU default for a model of this size) and in
// bf16 (the CPU path of the full-size model, and CUDA's). bf16 keeps 8 significant bits: each weight moves by
// up to 2^-9 = 0.2 % of itself, in bf16 arithmetic every activation as well, and the rounding errors of a dot
// product's terms largely cancel, so the logits move by a fraction of a per cent of their range (measured 0.13 %
// and 0.35 % of the largest |logit|). The bounds, 1 % and 2 %, leave room for other CPUs' kernels; the
// differences are printed.
TEST(PublishedImport, Bf16BundleStaysCloseToTheFp32Bundle) {
  torch::InferenceMode inference_mode;
  const fs::path fp32 = scratch("numerics-fp32"), bf16 = scratch("numerics-bf16");
  ImportOptions options = fixture_options(fp32.string());
  options.dtype = torch::kFloat32;
  published::import_published(options);
  options = fixture_options(bf16.string());
  options.dtype = torch::kBFloat16;
  published::import_published(options);
  const auto reference = safetensors::SafetensorsFile::open(std::string(ANATOMIX_IMPORT_REFERENCE) + ".safetensors");
  const std::vector<int64_t> positions = int_list(reference->tensor("positions"));

  const PromptRun exact = run_reference_prompt(fp32, lm::WeightPrecision::kFloat32, positions);
  const PromptRun rounded = run_reference_prompt(bf16, lm::WeightPrecision::kFloat32, positions);
  const PromptRun half = run_reference_prompt(bf16, lm::WeightPrecision::kBFloat16, positions);
  ASSERT_EQ(rounded.ids, exact.ids);
  ASSERT_EQ(half.ids, exact.ids);
  const double scale = exact.logits.abs().max().item<double>();
  const double weights_only = (rounded.logits - exact.logits).abs().max().item<double>();
  const double all_bf16 = (half.logits - exact.logits).abs().max().item<double>();
  const double argmax_agreement =
      half.logits.argmax(-1).eq(exact.logits.argmax(-1)).to(torch::kFloat32).mean().item<double>();
  std::printf("bf16 vs fp32 import, %zu-token prompt, logits at %zu positions (|logit| up to %.2f): max |diff| "
              "%.4f with bf16 weights in fp32 arithmetic, %.4f in bf16 arithmetic; same top token at %.0f%% of "
              "the positions in bf16\n",
              exact.ids.size(), positions.size(), scale, weights_only, all_bf16, 100 * argmax_agreement);
  EXPECT_GT(weights_only, 0.0) << "the bf16 bundle should hold rounded weights";
  EXPECT_LE(weights_only, 0.01 * scale);
  EXPECT_LE(all_bf16, 0.02 * scale);
}

TEST(PublishedImport, ConfigRecordsWhereEachPartCameFrom) {
  const fs::path bundle = scratch("sources");
  published::import_published(fixture_options(bundle.string()));
  std::ifstream stream(bundle / "config.json");
  const nlohmann::json config = nlohmann::json::parse(stream);
  const nlohmann::json& source = config.at("source");
  const std::string lm_pt = (fs::path(checkpoints()) / "lm.pt").string();
  EXPECT_EQ(source.at("lm").at("sha256"), published::sha256_file(lm_pt));
  EXPECT_EQ(source.at("lm").at("lora").at("scale"), 2.0);  // alpha 16 / r 8
  EXPECT_EQ(source.at("lm").at("dtype"), "bf16");
  EXPECT_EQ(source.at("base").at("decoder_prefix"), "model.language_model.");
  EXPECT_EQ(source.at("base").at("files").at("tokenizer.model"),
            published::sha256_file((fs::path(checkpoints()) / "base" / "tokenizer.model").string()));
  EXPECT_EQ(source.at("apm").at("sentence_encoder_tensors_dropped"), 3);
  // The raw Chest ImaGenome keys of emb_db.pt, sorted, get the published display names.
  EXPECT_EQ(config.at("anatomies").get<std::vector<std::string>>(), published_anatomy_names());
  EXPECT_EQ(config.at("lm").at("tie_word_embeddings"), false);
  EXPECT_EQ(config.at("tokens").at("<image>"), 9);  // the tokenizer's own id (the demo vocabulary)
  const auto lm = safetensors::SafetensorsFile::open((bundle / "lm.safetensors").string());
  EXPECT_EQ(lm->info("layers.0.self_attn.q_proj.weight").dtype, "BF16");
  EXPECT_FALSE(lm->contains("multi_modal_projector.mm_input_projection_weight"));
  for (const auto& name : lm->names()) EXPECT_EQ(name.find("vision"), std::string::npos) << name;
}

// The MedGemma release's names (language_model.model.*), sharded with an index, and lm.pt's names of older
// transformers give the same weights.
TEST(PublishedImport, LegacyShardedSnapshotGivesTheSameWeights) {
  const fs::path modern = scratch("modern-fp32"), legacy = scratch("legacy-fp32");
  ImportOptions options = fixture_options(modern.string());
  options.dtype = torch::kFloat32;
  published::import_published(options);
  options = fixture_options(legacy.string(), "base_legacy");
  options.dtype = torch::kFloat32;
  published::import_published(options);
  const auto a = safetensors::SafetensorsFile::open((modern / "lm.safetensors").string());
  const auto b = safetensors::SafetensorsFile::open((legacy / "lm.safetensors").string());
  ASSERT_EQ(a->names(), b->names());
  for (const auto& name : a->names()) EXPECT_TRUE(torch::equal(a->tensor(name), b->tensor(name))) << name;
  // lm.pt with the PEFT names of transformers before 4.52 gives the same weights too.
  const fs::path legacy_names = scratch("legacy-names-fp32");
  options = fixture_options(legacy_names.string(), "base_legacy");
  options.lm = (fs::path(checkpoints()) / "lm_legacy_names.pt").string();
  options.dtype = torch::kFloat32;
  published::import_published(options);
  const auto c = safetensors::SafetensorsFile::open((legacy_names / "lm.safetensors").string());
  ASSERT_EQ(a->names(), c->names());
  for (const auto& name : a->names()) EXPECT_TRUE(torch::equal(a->tensor(name), c->tensor(name))) << name;
  // LoRA really was merged: the q projection is not the base's.
  const auto base = safetensors::SafetensorsFile::open((fs::path(checkpoints()) / "base" / "model.safetensors").string());
  EXPECT_FALSE(torch::allclose(a->tensor("layers.0.self_attn.q_proj.weight"),
                               base->tensor("model.language_model.layers.0.self_attn.q_proj.weight").to(torch::kFloat32)));
}

TEST(PublishedImport, NamesEveryMissingOrMismatchedTensor) {
  ImportOptions options = fixture_options(scratch("broken-lm").string());
  options.lm = (fs::path(checkpoints()) / "broken" / "lm.pt").string();
  const std::string message = import_error(options);
  EXPECT_NE(message.find("LoRA of layers.1.mlp.down_proj has lora_A but no lora_B"), std::string::npos) << message;
  EXPECT_NE(message.find("wrapper tensor obj_projectionhead.proj.0.weight is F32 [512, 8], expected F32 [512, 16]"),
            std::string::npos) << message;
  EXPECT_NE(message.find("tensor base_model.model.lm_head.modules_to_save.default.weight is I16 [2112, 64], "
                         "expected BF16 or F32 [2112, 64]"),
            std::string::npos) << message;

  options = fixture_options(scratch("broken-apm").string());
  options.apm = (fs::path(checkpoints()) / "broken" / "apm.pth").string();
  const std::string apm_message = import_error(options);
  EXPECT_NE(apm_message.find("vis_model.query_embed.weight is missing"), std::string::npos) << apm_message;
}

TEST(PublishedImport, TruncatedFilesAreErrors) {
  const fs::path dir = scratch("truncated");
  fs::create_directories(dir);
  auto truncated_copy = [&](const fs::path& from, const fs::path& to) {
    fs::copy_file(from, to);
    fs::resize_file(to, fs::file_size(from) / 2);
  };
  // A shard cut in half.
  const fs::path base = dir / "base";
  fs::copy(fs::path(checkpoints()) / "base_legacy", base);
  fs::remove(base / "model-00002-of-00002.safetensors");
  truncated_copy(fs::path(checkpoints()) / "base_legacy" / "model-00002-of-00002.safetensors",
                 base / "model-00002-of-00002.safetensors");
  ImportOptions options = fixture_options((dir / "out1").string());
  options.base = base.string();
  std::string message = import_error(options);
  EXPECT_NE(message.find("model-00002-of-00002.safetensors"), std::string::npos) << message;

  // lm.pt and the APM checkpoint cut in half.
  truncated_copy(fs::path(checkpoints()) / "lm.pt", dir / "lm.pt");
  options = fixture_options((dir / "out2").string());
  options.lm = (dir / "lm.pt").string();
  message = import_error(options);
  EXPECT_NE(message.find("lm.pt"), std::string::npos) << message;
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;
  truncated_copy(fs::path(checkpoints()) / "apm" / "last_checkpoint.pth", dir / "apm.pth");
  options = fixture_options((dir / "out3").string());
  options.apm = (dir / "apm.pth").string();
  message = import_error(options);
  EXPECT_NE(message.find("apm.pth"), std::string::npos) << message;
}

TEST(PublishedImport, RefusesKeepLoraAndAnExistingOutput) {
  ImportOptions options = fixture_options(scratch("keep-lora").string());
  options.keep_lora = true;
  EXPECT_NE(import_error(options).find("--keep-lora is not supported"), std::string::npos);
  const fs::path existing = scratch("existing");
  fs::create_directories(existing);
  options = fixture_options(existing.string());
  try {
    published::import_published(options);
    ADD_FAILURE() << "imported over an existing directory";
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find("exists already"), std::string::npos);
  }
}

}  // namespace
}  // namespace anatomix
