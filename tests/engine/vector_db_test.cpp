// Retrieval: cosine order, first-maximum ties, top-k, and the two bundle files.
#include "anatomix/engine.h"
#include "apm/vector_db.h"
#include "lm/safetensors.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace anatomix::apm {
namespace {

VectorDatabase two_anatomy_database() {
  // Anatomy 0: sentences 1 and 2 point the same way (a tie); sentence 0 is orthogonal.
  // Anatomy 1: graded similarity to (1, 0).
  return VectorDatabase::from_data(
      {"Left lung", "Right lung"},
      {{"Left lung is healthy.", "Left lung shows atelectasis.", "Left lung shows opacity."},
       {"Right lung is healthy.", "Right lung shows effusion.", "Right lung shows edema.", "Right lung shows mass."}},
      {torch::tensor({{0.f, 1.f}, {2.f, 0.f}, {5.f, 0.f}}),
       torch::tensor({{-1.f, 0.f}, {1.f, 1.f}, {3.f, 0.1f}, {1.f, 3.f}})});
}

TEST(VectorDatabase, TopOneIsTheFirstMaximumAndCosineIgnoresLength) {
  const VectorDatabase database = two_anatomy_database();
  const auto matches = database.search(torch::tensor({{10.f, 0.f}, {1.f, 0.f}}), 1);
  ASSERT_EQ(matches.size(), 2u);
  ASSERT_EQ(matches[0].size(), 1u);
  EXPECT_EQ(matches[0][0].sentence, 1);  // tie between 1 and 2 (same direction): the first wins
  EXPECT_NEAR(matches[0][0].similarity, 1.f, 1e-6);
  EXPECT_EQ(matches[1][0].sentence, 2);
}

TEST(VectorDatabase, TopKIsOrderedAndStableOnTies) {
  const VectorDatabase database = two_anatomy_database();
  const auto matches = database.search(torch::tensor({{1.f, 0.f}, {1.f, 0.f}}), 10);
  ASSERT_EQ(matches[0].size(), 3u);  // clamped to the sub-database size
  EXPECT_EQ(matches[0][0].sentence, 1);
  EXPECT_EQ(matches[0][1].sentence, 2);
  EXPECT_EQ(matches[0][2].sentence, 0);
  std::vector<int> order;
  for (const auto& match : matches[1]) order.push_back(match.sentence);
  EXPECT_EQ(order, (std::vector<int>{2, 1, 3, 0}));
  for (size_t i = 1; i < matches[1].size(); ++i) EXPECT_GE(matches[1][i - 1].similarity, matches[1][i].similarity);
}

TEST(VectorDatabase, EachObjectSearchesOnlyItsOwnAnatomy) {
  const VectorDatabase database = two_anatomy_database();
  const auto matches = database.search(torch::tensor({{0.f, 1.f}, {0.f, 1.f}}), 1);
  EXPECT_EQ(database.sentences(0)[static_cast<size_t>(matches[0][0].sentence)], "Left lung is healthy.");
  EXPECT_EQ(database.sentences(1)[static_cast<size_t>(matches[1][0].sentence)], "Right lung shows mass.");
  EXPECT_THROW(database.search(torch::zeros({3, 2}), 1), EngineError);
}

TEST(VectorDatabase, SavesLoadsAndReportsMismatches) {
  const auto dir = std::filesystem::temp_directory_path() / ("anatomix_vector_db_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string json = (dir / "vector_db.json").string(), tensors = (dir / "vector_db.safetensors").string();
  two_anatomy_database().save(json, tensors);

  const VectorDatabase loaded = VectorDatabase::load(json, tensors, {"Left lung", "Right lung"}, 2);
  EXPECT_EQ(loaded.sentences(1).size(), 4u);
  EXPECT_EQ(loaded.search(torch::tensor({{1.f, 0.f}, {1.f, 0.f}}), 1)[1][0].sentence, 2);

  try {
    VectorDatabase::load(json, tensors, {"Left lung", "Heart"}, 16);
    FAIL() << "mismatch accepted";
  } catch (const EngineError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("anatomy 1 is \"Right lung\", config.json says \"Heart\""), std::string::npos) << message;
    EXPECT_NE(message.find("tensor anatomy.0 has shape [3, 2], expected [3, 16]"), std::string::npos) << message;
  }
  std::filesystem::resize_file(tensors, 40);
  EXPECT_THROW(VectorDatabase::load(json, tensors, {"Left lung", "Right lung"}, 2), EngineError);
  std::ofstream(json) << "{not json";
  EXPECT_THROW(VectorDatabase::load(json, tensors, {"Left lung", "Right lung"}, 2), EngineError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace anatomix::apm
