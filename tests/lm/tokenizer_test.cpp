#include "lm/tokenizer.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace anatomix::lm {
namespace {

// Each text of a golden corpus: our ids equal PyPI sentencepiece's (and llama.cpp's where recorded), and
// decoding them without dropping special tokens gives the text back. Returns the number of ids compared.
int expect_matches_goldens(const Tokenizer& tokenizer, const nlohmann::json& corpus) {
  int compared = 0;
  for (const auto& item : corpus) {
    const auto text = item["text"].get<std::string>();
    const auto expected = item["sentencepiece"].get<std::vector<int>>();
    const auto ids = tokenizer.encode(text);
    EXPECT_EQ(ids, expected) << "SentencePiece differs on '" << text << "'";
    if (!item["llama"].is_null()) {
      EXPECT_EQ(ids, item["llama"].get<std::vector<int>>()) << "llama.cpp differs on '" << text << "'";
      compared += static_cast<int>(expected.size());
    }
    // A literal U+2581 decodes as a space, in SentencePiece too.
    if (text.find("\xE2\x96\x81") == std::string::npos) EXPECT_EQ(tokenizer.decode(ids, false), text);
    compared += static_cast<int>(expected.size());
  }
  return compared;
}

class RealTokenizer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      const std::string dir = test::real_bundle_dir();
      if (dir.empty()) {
        throw std::runtime_error("ANATOMIX_LM_TEST_BUNDLE is not set (run through ctest: fixture lm.fixture.bundle)");
      }
      tokenizer_ = Tokenizer::load(dir + "/tokenizer.model").release();
      goldens_ = new nlohmann::json(test::load_tokenizer_goldens(dir));
    } catch (const std::exception& e) {
      setup_error_ = e.what();
    }
  }
  void SetUp() override { ASSERT_TRUE(setup_error_.empty()) << setup_error_; }
  static inline std::string setup_error_;
  static void TearDownTestSuite() {
    delete tokenizer_;
    delete goldens_;
  }
  static Tokenizer* tokenizer_;
  static nlohmann::json* goldens_;
};
Tokenizer* RealTokenizer::tokenizer_ = nullptr;
nlohmann::json* RealTokenizer::goldens_ = nullptr;

TEST_F(RealTokenizer, MatchesSentencePieceAndLlamaCppOnTheMixedCorpus) {
  ASSERT_EQ((*goldens_)["pieces"].get<int>(), 262190);
  int llama_texts = 0;
  for (const auto& item : (*goldens_)["corpus"]) llama_texts += item["llama"].is_null() ? 0 : 1;
  EXPECT_GE(llama_texts, 30);
  EXPECT_GT(expect_matches_goldens(*tokenizer_, (*goldens_)["corpus"]), 1000);
}

TEST_F(RealTokenizer, AnatomixAndControlTokensHavePublishedIds) {
  EXPECT_EQ(tokenizer_->token_id("<image>"), 262145);
  EXPECT_EQ(tokenizer_->token_id("<image_start>"), 262146);
  EXPECT_EQ(tokenizer_->token_id("<image_end>"), 262147);
  EXPECT_EQ(tokenizer_->token_id("<box>"), 262148);
  EXPECT_EQ(tokenizer_->token_id("</box>"), 262149);
  EXPECT_EQ(tokenizer_->token_id("<emb>"), 262150);
  EXPECT_EQ(tokenizer_->token_id("</emb>"), 262151);
  EXPECT_EQ(tokenizer_->token_id("<obj_0>"), 262152);
  EXPECT_EQ(tokenizer_->token_id("<obj_35>"), 262187);
  EXPECT_EQ(tokenizer_->token_id("<ref>"), 262188);
  EXPECT_EQ(tokenizer_->token_id("</ref>"), 262189);
  EXPECT_EQ(tokenizer_->token_id("<image_soft_token>"), 262144);
  EXPECT_EQ(tokenizer_->token_id("<start_of_turn>"), 105);
  EXPECT_EQ(tokenizer_->token_id("<end_of_turn>"), 106);
  EXPECT_EQ(tokenizer_->token_id("no such token"), -1);
  EXPECT_EQ(tokenizer_->vocab_size(), GemmaTokenIds::kAnatomixVocabSize);

  const auto ids = tokenizer_->encode("<bos><bos><start_of_turn>user\nemb:<emb><obj_7></emb> box:<box>(1,2),(3,4)</box>"
                                      "<image_start><image><image><image_end><ref>x</ref><end_of_turn>");
  ASSERT_GE(ids.size(), 6u);
  EXPECT_EQ(ids[0], 2);
  EXPECT_EQ(ids[1], 2);
  EXPECT_EQ(ids[2], 105);
  auto count = [&](int id) { return std::count(ids.begin(), ids.end(), id); };
  EXPECT_EQ(count(262150), 1);
  EXPECT_EQ(count(262159), 1);  // <obj_7>
  EXPECT_EQ(count(262145), 2);
  EXPECT_EQ(count(262146), 1);
  EXPECT_EQ(count(262188), 1);
  EXPECT_EQ(ids.back(), 106);
}

TEST_F(RealTokenizer, DecodeRoundTripsAndKeepsAnatomixTokens) {
  const std::string text = "Heart size normal. <ref>left lung</ref><box>(10,20),(300,400)</box> 🫁 naïve\n\n  x";
  EXPECT_EQ(tokenizer_->decode(tokenizer_->encode(text)), text);
  EXPECT_EQ(tokenizer_->decode({2, 105}), "");  // special tokens skipped like HF skip_special_tokens
  EXPECT_EQ(tokenizer_->decode({105}, false), "<start_of_turn>");
}

TEST_F(RealTokenizer, StreamingNeverSplitsUtf8) {
  const std::string text = "Emoji 🫁🩻 👩‍⚕️ and 日本語";
  const auto ids = tokenizer_->encode(text);
  Tokenizer::StreamDecoder stream(*tokenizer_);
  std::string joined;
  int byte_pieces = 0;
  for (int id : ids) {
    const std::string piece = stream.push(id);
    if (tokenizer_->id_to_piece(id).rfind("<0x", 0) == 0) ++byte_pieces;
    // Each emitted piece is complete UTF-8 on its own.
    EXPECT_EQ(tokenizer_->decode(tokenizer_->encode(piece)), piece);
    for (size_t i = 0; i < piece.size();) {
      const auto c = static_cast<unsigned char>(piece[i]);
      const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      ASSERT_LE(i + len, piece.size()) << "split character in streamed piece";
      i += len;
    }
    joined += piece;
  }
  joined += stream.flush();
  EXPECT_EQ(joined, text);
  EXPECT_GT(byte_pieces, 0) << "the corpus should exercise byte-fallback pieces";
}

// The shipped bundle's small vocabulary (training/tools/vocab_train.py): its AnatomiX and turn tokens are
// user-defined pieces, which SentencePiece itself matches whole in the text.
class ShippedTokenizer : public ::testing::Test {
 protected:
  void SetUp() override {
    goldens_ = test::load_shipped_tokenizer_goldens();
    tokenizer_ = Tokenizer::load(goldens_["model"].get<std::string>());
  }
  nlohmann::json goldens_;
  std::unique_ptr<Tokenizer> tokenizer_;
};

TEST_F(ShippedTokenizer, MatchesSentencePieceOnTheMixedCorpus) {
  ASSERT_EQ(tokenizer_->vocab_size(), goldens_["pieces"].get<int>());
  EXPECT_EQ(tokenizer_->token_id("<box>"), 12);
  EXPECT_GT(expect_matches_goldens(*tokenizer_, goldens_["corpus"]), 1000);
}

TEST_F(ShippedTokenizer, InvalidUtf8IsEncodedAsReplacementCharacters) {
  // As SentencePiece's normalizer: each byte that does not start a valid character becomes U+FFFD.
  EXPECT_EQ(tokenizer_->encode("a\xFF\xC3" "b\xF0\x9F\xAB"),
            tokenizer_->encode("a\uFFFD\uFFFDb\uFFFD\uFFFD\uFFFD"));
  EXPECT_EQ(tokenizer_->decode(tokenizer_->encode("x\xED\xA0\x80y")), "x\uFFFD\uFFFD\uFFFDy");  // a surrogate
}

TEST(Tokenizer, MissingOrCorruptModelIsAReadableError) {
  test::ScratchDir dir;
  try {
    Tokenizer::load(dir.file("absent.model"));
    FAIL();
  } catch (const TokenizerError& e) {
    EXPECT_NE(std::string(e.what()).find("absent.model"), std::string::npos) << e.what();
  }
  std::ofstream(dir.file("garbage.model")) << "this is not a protobuf";
  EXPECT_THROW(Tokenizer::load(dir.file("garbage.model")), TokenizerError);
}

}  // namespace
}  // namespace anatomix::lm
