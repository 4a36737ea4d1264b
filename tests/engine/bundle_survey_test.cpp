// The quick look at a bundle before loading it (anatomix/bundle_survey.h): its name and problems from
// config.json and the files it lists, and the memory estimate from the weight files' safetensors headers. The
// weight files are sparse (anatomix/test_support/sparse_bundle.h), so a 12 GB model takes no disk; the
// available memory is a written meminfo file, not the machine's.
#include "anatomix/bundle_survey.h"

#include "anatomix/test_support/sparse_bundle.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using anatomix::test_support::write_sparse_safetensors;
using anatomix::test_support::write_text_file;
using nlohmann::json;

namespace {

constexpr std::uint64_t kGiB = 1024ull * 1024ull * 1024ull;

class BundleSurveyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("anatomix_bundle_survey_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  // A bundle with every file config.json names; the language model and the APM weights sparse.
  fs::path write_bundle(const std::string& folder, const std::string& lm_dtype, std::uint64_t lm_bytes,
                        std::uint64_t apm_bytes) {
    const fs::path directory = root_ / folder;
    const json config_keys = {{"name", "imported-" + folder},
                              {"description", "converted from a published checkpoint"},
                              {"version", "2.1"},
                              {"files", {{"weights", {"anatomix.safetensors"}}, {"lm", "lm.safetensors"}}}};
    anatomix::test_support::write_sparse_bundle(directory, {config_keys.dump(), lm_dtype, lm_bytes, apm_bytes});
    return directory;
  }

  fs::path root_;
};

TEST_F(BundleSurveyTest, ReadsNameDescriptionAndVersionOfAUsableBundle) {
  const fs::path bundle = write_bundle("large", "F32", kGiB, kGiB / 4);
  const anatomix::BundleSurvey survey = anatomix::survey_bundle(bundle.string());
  EXPECT_TRUE(survey.usable()) << (survey.problems.empty() ? "" : survey.problems.front());
  EXPECT_EQ(survey.name, "imported-large");
  EXPECT_EQ(survey.description, "converted from a published checkpoint");
  EXPECT_EQ(survey.version, "2.1");
  EXPECT_EQ(survey.weight_files.size(), 3u);
}

TEST_F(BundleSurveyTest, CountsSixteenBitFloatsTwiceBecauseTheCpuComputesInFloat32) {
  const fs::path bf16 = write_bundle("bf16", "BF16", 6 * kGiB, kGiB / 4);
  const fs::path f32 = write_bundle("f32", "F32", 6 * kGiB, kGiB / 4);
  const std::uint64_t vector_db = 4096, memory = 64 * kGiB;
  EXPECT_EQ(anatomix::estimate_cpu_memory_bytes(anatomix::survey_bundle(bf16.string()), memory),
            12 * kGiB + kGiB / 4 + vector_db);
  EXPECT_EQ(anatomix::estimate_cpu_memory_bytes(anatomix::survey_bundle(f32.string()), memory),
            6 * kGiB + kGiB / 4 + vector_db);
}

// Where 32-bit copies would take more than half of the memory, the engine keeps bf16 weights (memory-mapped).
TEST_F(BundleSurveyTest, CountsSixteenBitFloatsOnceWhereTheEngineKeepsThem) {
  const fs::path bf16 = write_bundle("bf16-kept", "BF16", 6 * kGiB, kGiB / 4);
  const std::uint64_t vector_db = 4096;
  EXPECT_EQ(anatomix::estimate_cpu_memory_bytes(anatomix::survey_bundle(bf16.string()), 16 * kGiB),
            6 * kGiB + kGiB / 4 + vector_db);
  EXPECT_TRUE(anatomix::cpu_keeps_16bit_weights(17 * kGiB, 23 * kGiB));   // Gemma 3 4B as fp32 on 23 GiB
  EXPECT_FALSE(anatomix::cpu_keeps_16bit_weights(4 * kGiB, 23 * kGiB));   // a 1B model
  EXPECT_FALSE(anatomix::cpu_keeps_16bit_weights(17 * kGiB, 128 * kGiB));
  EXPECT_FALSE(anatomix::cpu_keeps_16bit_weights(17 * kGiB, 0));          // memory unknown
  EXPECT_GT(anatomix::physical_memory_bytes(), 0u);
}

// The engine decides from the decoder alone: a decoder whose 32-bit copy fits is widened even where the whole
// bundle's 32-bit size would not fit under half of the memory.
TEST_F(BundleSurveyTest, DecidesOnTheLanguageModelAloneAsTheEngineDoes) {
  const fs::path bundle = write_bundle("large-apm", "BF16", 3 * kGiB, 3 * kGiB);
  const std::uint64_t vector_db = 4096;
  // Decoder 6 GiB in fp32, under half of 16 GiB: widened; the bundle in fp32 (9 GiB) is over half.
  EXPECT_EQ(anatomix::estimate_cpu_memory_bytes(anatomix::survey_bundle(bundle.string()), 16 * kGiB),
            6 * kGiB + 3 * kGiB + vector_db);
  const anatomix::BundleSurvey survey = anatomix::survey_bundle(bundle.string());
  ASSERT_EQ(survey.language_model_files.size(), 1u);
  EXPECT_EQ(fs::path(survey.language_model_files.front()).filename(), "lm.safetensors");
}

// Kept bf16, the decoder's q/k/v and gate/up matrices are copied once more when they are fused at load.
TEST_F(BundleSurveyTest, CountsTheMatricesFusedAtLoadWhereTheEngineKeepsSixteenBitWeights) {
  const fs::path bundle = write_bundle("fused", "BF16", 6 * kGiB, kGiB / 4);
  write_sparse_safetensors(bundle / "lm.safetensors", "BF16", 6 * kGiB, "model.layers.0.mlp.gate_proj.weight");
  const std::uint64_t vector_db = 4096;
  EXPECT_EQ(anatomix::estimate_cpu_memory_bytes(anatomix::survey_bundle(bundle.string()), 16 * kGiB),
            12 * kGiB + kGiB / 4 + vector_db);
  // Widened to fp32 the fused matrix replaces its parts: counted once, in fp32.
  EXPECT_EQ(anatomix::estimate_cpu_memory_bytes(anatomix::survey_bundle(bundle.string()), 64 * kGiB),
            12 * kGiB + kGiB / 4 + vector_db);
}

TEST_F(BundleSurveyTest, AFileWithoutAReadableHeaderCountsWithItsSize) {
  const fs::path bundle = write_bundle("opaque", "F32", kGiB, kGiB / 4);
  fs::remove(bundle / "lm.safetensors");
  std::ofstream(bundle / "lm.safetensors", std::ios::binary).close();
  fs::resize_file(bundle / "lm.safetensors", 3 * kGiB);  // all zeros: no header
  const anatomix::BundleSurvey survey = anatomix::survey_bundle(bundle.string());
  EXPECT_GE(anatomix::estimate_cpu_memory_bytes(survey), 3 * kGiB + kGiB / 4);
}

TEST_F(BundleSurveyTest, ReadsMemAvailableFromAMeminfoFile) {
  const fs::path meminfo = root_ / "meminfo";
  write_text_file(meminfo, "MemTotal:       16384000 kB\nMemFree:         1000000 kB\nMemAvailable:    6500000 kB\n");
  const auto available = anatomix::available_memory_bytes(meminfo.string());
  ASSERT_TRUE(available.has_value());
  EXPECT_EQ(*available, 6500000ull * 1024ull);
  EXPECT_FALSE(anatomix::available_memory_bytes((root_ / "absent").string()).has_value());
  write_text_file(meminfo, "MemTotal:       16384000 kB\n");
  EXPECT_FALSE(anatomix::available_memory_bytes(meminfo.string()).has_value());
}

TEST_F(BundleSurveyTest, ABundleTooLargeForTheAvailableMemoryIsSeenBeforeLoading) {
  const fs::path bundle = write_bundle("too-large", "BF16", 4 * kGiB, kGiB);
  const fs::path meminfo = root_ / "meminfo";
  write_text_file(meminfo, "MemAvailable:    6500000 kB\n");  // 6.2 GiB
  const std::uint64_t needed = anatomix::estimate_cpu_memory_bytes(anatomix::survey_bundle(bundle.string()));
  EXPECT_GT(needed, *anatomix::available_memory_bytes(meminfo.string()));
  write_text_file(meminfo, "MemAvailable:   16500000 kB\n");
  EXPECT_LT(needed, *anatomix::available_memory_bytes(meminfo.string()));
}

TEST_F(BundleSurveyTest, NamesEveryProblemOfABrokenBundle) {
  const fs::path missing = write_bundle("missing", "F32", 1024, 1024);
  fs::remove(missing / "lm.safetensors");
  fs::remove(missing / "tokenizer.model");
  const anatomix::BundleSurvey survey = anatomix::survey_bundle(missing.string());
  EXPECT_FALSE(survey.usable());
  ASSERT_EQ(survey.problems.size(), 2u);
  EXPECT_NE(survey.problems[0].find("lm.safetensors is missing"), std::string::npos) << survey.problems[0];
  EXPECT_NE(survey.problems[1].find("tokenizer.model is missing"), std::string::npos) << survey.problems[1];

  write_text_file(root_ / "bad" / "config.json", "{ \"name\": ");
  const anatomix::BundleSurvey bad = anatomix::survey_bundle((root_ / "bad").string());
  EXPECT_FALSE(bad.usable());
  EXPECT_EQ(bad.name, "bad");
  EXPECT_NE(bad.problems.front().find("is not a JSON object"), std::string::npos);

  write_text_file(root_ / "other" / "config.json", R"({"name": "something else"})");
  const anatomix::BundleSurvey other = anatomix::survey_bundle((root_ / "other").string());
  EXPECT_NE(other.problems.front().find("not an AnatomiX bundle"), std::string::npos);
}

TEST_F(BundleSurveyTest, ListsTheBundleFoldersOfAFolderSorted) {
  write_bundle("b-second", "F32", 1024, 1024);
  write_bundle("a-first", "F32", 1024, 1024);
  fs::create_directories(root_ / "not-a-bundle");
  const auto folders = anatomix::bundle_directories_in(root_.string());
  ASSERT_EQ(folders.size(), 2u);
  EXPECT_EQ(fs::path(folders[0]).filename(), "a-first");
  EXPECT_EQ(fs::path(folders[1]).filename(), "b-second");
  EXPECT_TRUE(anatomix::bundle_directories_in((root_ / "absent").string()).empty());
}

TEST(ShippedBundleSurvey, IsUsableAndItsEstimateIsItsTensorsBytes) {
  const fs::path shipped = fs::path(ANATOMIX_SOURCE_DIR) / "resources" / "models" / "anatomix-demo";
  const anatomix::BundleSurvey survey = anatomix::survey_bundle(shipped.string());
  ASSERT_TRUE(survey.usable()) << survey.problems.front();
  EXPECT_EQ(survey.name, "anatomix-demo");
  EXPECT_NE(survey.description.find("not for clinical use"), std::string::npos);
  EXPECT_EQ(survey.weight_files.size(), 4u);  // APM and projectors, language model, vector database, chest check
  // All 32-bit floats: the tensors' bytes, the files less their headers.
  std::uint64_t file_bytes = 0;
  for (const auto& file : survey.weight_files) file_bytes += fs::file_size(file);
  const std::uint64_t estimate = anatomix::estimate_cpu_memory_bytes(survey);
  EXPECT_LT(estimate, file_bytes);
  EXPECT_GT(estimate, file_bytes - file_bytes / 100);
}

}  // namespace
