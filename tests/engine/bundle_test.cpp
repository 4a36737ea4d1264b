// Bundle loading errors: config problems, missing tensors, wrong shapes and truncated files are reported
// as readable messages that name the file and the tensor (all problems together).
#include "anatomix/engine.h"
#include "apm/apm.h"
#include "bundle_config.h"
#include "bundle_weights.h"
#include "lm/safetensors.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace anatomix {
namespace {

namespace fs = std::filesystem;

nlohmann::json small_config_json() {
  nlohmann::json anatomies = nlohmann::json::array();
  for (int i = 0; i < 36; ++i) anatomies.push_back("Anatomy " + std::to_string(i));
  return {{"format", "anatomix-bundle"}, {"format_version", 1}, {"name", "tiny"}, {"image_size", 64},
          {"apm", {{"backbone_width", 8}, {"backbone_blocks", {1, 1, 1, 1}}, {"hidden_dim", 32}, {"heads", 2},
                   {"ffn_dim", 64}, {"encoder_layers", 1}, {"decoder_layers", 1}}},
          {"projector_hidden", 24}, {"anatomies", anatomies}, {"lm", {{"hidden_size", 40}}}};
}

class BundleErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("anatomix_bundle_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    write_config(small_config_json());
    const BundleConfig config = BundleConfig::load(dir_.string());
    for (const auto& [name, shape] : expected_bundle_tensors(config)) tensors_[name] = torch::randn(shape);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_config(const nlohmann::json& config) { std::ofstream(dir_ / "config.json") << config.dump(1); }
  void write_weights() {
    std::vector<std::pair<std::string, at::Tensor>> list(tensors_.begin(), tensors_.end());
    safetensors::write_safetensors((dir_ / "anatomix.safetensors").string(), list);
  }
  std::string open_error() {
    try {
      BundleWeights::open(BundleConfig::load(dir_.string()));
    } catch (const EngineError& error) {
      return error.what();
    }
    return "";
  }

  fs::path dir_;
  std::map<std::string, at::Tensor> tensors_;
};

TEST_F(BundleErrors, CompleteWeightsOpen) {
  write_weights();
  EXPECT_EQ(open_error(), "");
}

TEST_F(BundleErrors, MissingTensorAndWrongShapeAreReportedTogether) {
  tensors_.erase("vis_model.input_proj.bias");
  tensors_["vis_model.query_embed.weight"] = torch::zeros({35, 32});
  tensors_["obj_projectionhead.proj.3.weight"] = torch::zeros({40, 25});
  write_weights();
  const std::string message = open_error();
  EXPECT_NE(message.find("3 problems"), std::string::npos) << message;
  EXPECT_NE(message.find("tensor vis_model.input_proj.bias is missing (expected shape [32])"), std::string::npos)
      << message;
  EXPECT_NE(message.find("tensor vis_model.query_embed.weight in anatomix.safetensors has shape [35, 32], "
                         "expected [36, 32]"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("obj_projectionhead.proj.3.weight"), std::string::npos) << message;
}

TEST_F(BundleErrors, TruncatedAndMissingFilesNameTheFile) {
  write_weights();
  const fs::path file = dir_ / "anatomix.safetensors";
  fs::resize_file(file, fs::file_size(file) / 2);
  std::string message = open_error();
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  fs::remove(file);
  message = open_error();
  EXPECT_NE(message.find("anatomix.safetensors"), std::string::npos) << message;
}

TEST_F(BundleErrors, IntegerTensorsAreRejected) {
  tensors_["vis_model.input_proj.bias"] = torch::zeros({32}, torch::kLong);
  write_weights();
  EXPECT_NE(open_error().find("vis_model.input_proj.bias has dtype I64"), std::string::npos);
}

TEST_F(BundleErrors, ConfigProblemsAreListedTogether) {
  nlohmann::json config = small_config_json();
  config["image_size"] = 100;
  config["apm"]["heads"] = 5;
  config["anatomies"] = nlohmann::json::array();
  config.erase("lm");
  write_config(config);
  try {
    BundleConfig::load(dir_.string());
    FAIL() << "bad config accepted";
  } catch (const EngineError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("config.json is not a valid bundle configuration (5 problems)"), std::string::npos)
        << message;
    EXPECT_NE(message.find("\"image_size\" must be a multiple of 32"), std::string::npos) << message;
    EXPECT_NE(message.find("\"apm.heads\" (5) must divide \"apm.hidden_dim\" (32)"), std::string::npos) << message;
    EXPECT_NE(message.find("\"anatomies\""), std::string::npos) << message;
    EXPECT_NE(message.find("\"lm\""), std::string::npos) << message;
  }
  std::ofstream(dir_ / "config.json") << "{\"format\": ";
  EXPECT_THROW(BundleConfig::load(dir_.string()), EngineError);
  EXPECT_THROW(BundleConfig::load((dir_ / "nowhere").string()), EngineError);
}

// Found by fuzz/fuzz_bundle_config.cpp: "image_size": 1.2e80 was converted to int with undefined behaviour;
// an integer beyond int wrapped round silently. Both are problems of the config now.
TEST_F(BundleErrors, NumbersThatAreNotWholeOrDoNotFitAreProblems) {
  nlohmann::json config = small_config_json();
  config["image_size"] = 1.2e80;
  config["apm"]["heads"] = 4294967300LL;  // 2^32 + 4: would wrap round to 4
  config["apm"]["backbone_blocks"] = {1, 2.5, 1, 1};
  config["tokens"]["<bos>"] = "two";
  write_config(config);
  try {
    BundleConfig::load(dir_.string());
    FAIL() << "out-of-range numbers accepted";
  } catch (const EngineError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("\"image_size\" must be a whole number that fits an int (found 1.2e+80)"), std::string::npos)
        << message;
    EXPECT_NE(message.find("apm.\"heads\" must be a whole number that fits an int (found 4294967300)"),
              std::string::npos) << message;
    EXPECT_NE(message.find("apm.\"backbone_blocks\" must list whole numbers"), std::string::npos) << message;
    EXPECT_NE(message.find("tokens.\"<bos>\" must be a whole number"), std::string::npos) << message;
  }
  config = small_config_json();
  config["image_size"] = 64.0;  // a whole number written as a float is read
  write_config(config);
  EXPECT_EQ(BundleConfig::load(dir_.string()).apm.image_size, 64);
}

TEST_F(BundleErrors, EngineLoadReportsTheMissingPieceAndStaysUnloaded) {
  write_weights();
  Engine engine;
  LoadOptions options;
  options.bundle_dir = dir_.string();
  try {
    engine.load(options);
    FAIL() << "a bundle without vector database loaded";
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find("vector_db.json is missing"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(engine.loaded());
  EXPECT_THROW(engine.analyse({nullptr, 0, 0, 0}), EngineError);
}

TEST_F(BundleErrors, TheLearnedChestCheckIsOptionalAndChecked) {
  EXPECT_FALSE(BundleConfig::load(dir_.string()).chest_gate.has_value());
  nlohmann::json config = small_config_json();
  config["chest_gate"] = {{"file", "chest_gate.safetensors"}, {"threshold", 0.4}};
  write_config(config);
  const BundleConfig with_gate = BundleConfig::load(dir_.string());
  ASSERT_TRUE(with_gate.chest_gate.has_value());
  EXPECT_EQ(with_gate.chest_gate->file, "chest_gate.safetensors");
  EXPECT_FLOAT_EQ(with_gate.chest_gate->threshold, 0.4f);
  EXPECT_EQ(BundleConfig::from_json(with_gate.to_json(), dir_.string()).to_json(), with_gate.to_json());
  config["chest_gate"] = {{"threshold", 1.5}};
  write_config(config);
  try {
    BundleConfig::load(dir_.string());
    FAIL() << "a check without weights and with a threshold of 1.5 accepted";
  } catch (const EngineError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("\"chest_gate\" must name its weights"), std::string::npos) << message;
    EXPECT_NE(message.find("\"chest_gate.threshold\" must lie between 0 and 1"), std::string::npos) << message;
  }
}

TEST_F(BundleErrors, ConfigRoundTripsThroughJson) {
  const BundleConfig config = BundleConfig::load(dir_.string());
  const BundleConfig again = BundleConfig::from_json(config.to_json(), dir_.string());
  EXPECT_EQ(again.to_json(), config.to_json());
  EXPECT_EQ(again.apm.image_tokens(), 4);
  EXPECT_EQ(again.tokens.object0, 262152);
}

}  // namespace
}  // namespace anatomix
