// The tokenizer over a small vocabulary trained by training/tools/vocab_train.py (fixture train.lm.fixture.vocab):
// ids of the added tokens come from the model's pieces, digits are split, text round-trips.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "lm/tokenizer.h"
#include "test_data.h"

namespace anatomix::training {
namespace {

class SmallVocabulary : public ::testing::Test {
 protected:
  void SetUp() override { tokenizer_ = lm::Tokenizer::load((test::data_dir() / "tokenizer.model").string()); }
  std::unique_ptr<lm::Tokenizer> tokenizer_;
};

TEST_F(SmallVocabulary, AddedTokensTakeTheIdsOfTheirPieces) {
  const lm::Tokenizer& t = *tokenizer_;
  EXPECT_EQ(t.token_id("<pad>"), 0);
  EXPECT_EQ(t.token_id("<eos>"), 1);
  EXPECT_EQ(t.token_id("<bos>"), 2);
  EXPECT_EQ(t.token_id("<unk>"), 3);
  // User-defined pieces in the order the script lists them: turn markers, image markers, the 45 AnatomiX tokens.
  EXPECT_EQ(t.token_id("<start_of_turn>"), 4);
  EXPECT_EQ(t.token_id("<end_of_turn>"), 5);
  EXPECT_EQ(t.token_id("<image>"), 9);
  EXPECT_EQ(t.token_id("<obj_0>"), 16);
  EXPECT_EQ(t.token_id("<obj_35>"), 51);
  EXPECT_EQ(t.token_id("</ref>"), 53);
  for (const char* token : {"<image>", "<box>", "</box>", "<obj_35>", "<ref>", "<end_of_turn>"})
    EXPECT_EQ(t.id_to_piece(t.token_id(token)), token);
  EXPECT_EQ(t.vocab_size(), 512);
  EXPECT_EQ(t.token_id("no such token"), -1);

  const auto ids = t.encode("<bos><start_of_turn>user\nemb:<emb><obj_7></emb> box:<box>(1,2),(3,4)</box><end_of_turn>");
  ASSERT_GE(ids.size(), 4u);
  EXPECT_EQ(ids[0], 2);
  EXPECT_EQ(ids[1], 4);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), 16 + 7), 1);
  EXPECT_EQ(ids.back(), 5);
}

TEST_F(SmallVocabulary, DigitsAreSplitAndTextRoundTrips) {
  const lm::Tokenizer& t = *tokenizer_;
  EXPECT_EQ(t.encode("1024").size(), 4u);
  const std::string text =
      "Findings:\nModerate left pleural effusion. <ref>Left lung</ref><box>(537,138),(809,809)</box>\n\n"
      "Impression:\nNo pneumothorax. ünïcödé 🫁";
  const auto ids = t.encode(text);
  EXPECT_EQ(t.decode(ids), text);
  // Special tokens are dropped by default, kept on request.
  EXPECT_EQ(t.decode({2, t.token_id("<end_of_turn>")}), "");
  EXPECT_EQ(t.decode({t.token_id("<end_of_turn>")}, false), "<end_of_turn>");
  EXPECT_TRUE(t.is_special(t.token_id("<start_of_turn>")));
  EXPECT_FALSE(t.is_special(t.token_id("<box>")));
}

TEST(SmallVocabularyErrors, AnEmptyModelFileIsAReadableError) {
  test::ScratchDir dir("vocab");
  const auto path = dir.path() / "empty.model";
  std::ofstream(path) << "";
  try {
    lm::Tokenizer::load(path.string());
    FAIL() << "an empty model must not load";
  } catch (const lm::TokenizerError& error) {
    EXPECT_NE(std::string(error.what()).find("empty.model"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace anatomix::training
