// The SentencePiece ModelProto reader and BPE encoder on hand-written models (merge order, unknown runs, every
// kind of corrupt input) and on the shipped vocabulary cut short at every offset or with random bytes changed.
// Agreement with PyPI sentencepiece on real vocabularies is tested in tokenizer_test.cpp.
#include "lm/sentencepiece_model.h"
#include "lm/tokenizer.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <random>

namespace anatomix::lm {
namespace {

// --- A minimal protobuf writer for hand-written models ---

std::string varint(uint64_t value) {
  std::string out;
  do {
    out += static_cast<char>((value & 0x7F) | (value > 0x7F ? 0x80 : 0));
    value >>= 7;
  } while (value);
  return out;
}
std::string varint_field(int number, uint64_t value) {
  return varint(static_cast<uint64_t>(number) << 3) + varint(value);
}
std::string bytes_field(int number, const std::string& bytes) {
  return varint(static_cast<uint64_t>(number) << 3 | 2) + varint(bytes.size()) + bytes;
}
std::string float_field(int number, float value) {
  char raw[4];
  std::memcpy(raw, &value, 4);  // little-endian host, as the wire format
  return varint(static_cast<uint64_t>(number) << 3 | 5) + std::string(raw, 4);
}

using Type = SentencePieceModel::PieceType;
std::string piece(const std::string& text, Type type = Type::kNormal, float score = 0.0f) {
  return bytes_field(1, bytes_field(1, text) + float_field(2, score) + varint_field(3, static_cast<int>(type)));
}
std::string trainer_spec(int model_type = 2, bool byte_fallback = false) {
  return bytes_field(2, varint_field(3, static_cast<uint64_t>(model_type)) + varint_field(35, byte_fallback));
}
// Identity normalization, no dummy prefix, whitespace kept: as the AnatomiX vocabularies.
std::string normalizer_spec(const std::string& extra = "") {
  return bytes_field(3, bytes_field(1, "identity") + varint_field(3, 0) + varint_field(4, 0) + extra);
}
std::string model(const std::string& pieces) { return pieces + trainer_spec() + normalizer_spec(); }

std::string error_of(const std::string& bytes) {
  try {
    SentencePieceModel::parse(bytes);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

std::string shipped_model_bytes() {
  const auto path = test::load_shipped_tokenizer_goldens()["model"].get<std::string>();
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(SentencePieceModel, MergesTheHighestScoringPairFirstAndTheLeftmostOnTies) {
  // ids: 0 <unk>, 1 a, 2 b, 3 c, 4 ab, 5 bc
  const auto m = SentencePieceModel::parse(model(piece("<unk>", Type::kUnknown) + piece("a") + piece("b") +
                                                  piece("c") + piece("ab", Type::kNormal, -2.0f) +
                                                  piece("bc", Type::kNormal, -1.0f)));
  EXPECT_EQ(m.encode("abab"), (std::vector<int>{4, 4}));
  EXPECT_EQ(m.encode("abc"), (std::vector<int>{1, 5}));  // bc outscores ab
  EXPECT_EQ(m.encode("ab c"), (std::vector<int>{4, 0, 3}));  // U+2581 is unknown here: one <unk>

  const auto tie = SentencePieceModel::parse(model(piece("<unk>", Type::kUnknown) + piece("a") + piece("b") +
                                                   piece("ab", Type::kNormal, -1.0f) +
                                                   piece("ba", Type::kNormal, -1.0f)));
  EXPECT_EQ(tie.encode("aba"), (std::vector<int>{3, 1}));
  EXPECT_EQ(tie.encode("bab"), (std::vector<int>{4, 2}));
}

TEST(SentencePieceModel, UnknownRunsBecomeOneUnkWithoutByteFallbackAndBytesWithIt) {
  const auto plain = SentencePieceModel::parse(model(piece("<unk>", Type::kUnknown) + piece("a")));
  EXPECT_EQ(plain.encode("a\xC3\xA9\xC3\xA9" "a\xC3\xA9"), (std::vector<int>{1, 0, 1, 0}));

  std::string bytes;
  for (int b = 0; b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    bytes += piece(name, Type::kByte);
  }
  const auto fallback = SentencePieceModel::parse(piece("<unk>", Type::kUnknown) + piece("a") + bytes +
                                                  trainer_spec(2, true) + normalizer_spec());
  // é = C3 A9 -> <0xC3> <0xA9>, ids 2 + byte.
  EXPECT_EQ(fallback.encode("a\xC3\xA9"), (std::vector<int>{1, 2 + 0xC3, 2 + 0xA9}));
  EXPECT_EQ(fallback.byte_of(2 + 0xC3), 0xC3);
}

TEST(SentencePieceModel, UserDefinedPiecesAreMatchedWholeAndNeverMerged) {
  const auto m = SentencePieceModel::parse(model(piece("<unk>", Type::kUnknown) + piece("<b>", Type::kUserDefined) +
                                                  piece("<bo>", Type::kUserDefined) + piece("<") + piece(">") +
                                                  piece("b") + piece("o") + piece("><", Type::kNormal, 5.0f)));
  // Longest user-defined match wins; "><" never merges across the frozen pieces.
  EXPECT_EQ(m.encode("<b><bo><bo"), (std::vector<int>{1, 2, 3, 5, 6}));
  EXPECT_EQ(m.encode("><"), (std::vector<int>{7}));
  EXPECT_EQ(m.encode("><b>"), (std::vector<int>{4, 1}));
  EXPECT_EQ(m.encode("b>"), (std::vector<int>{5, 4}));
}

TEST(SentencePieceModel, CorruptOrUnsupportedModelsAreClearErrors) {
  const std::string unk = piece("<unk>", Type::kUnknown);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"\x0A", "ends inside a length"},
      {std::string("\x0A\x05" "ab", 4), "declares 5 bytes but 2 remain"},
      {"\x08" + std::string(10, '\xFF') + "\x01", "longer than 10 bytes"},
      {"\x0B", "wire type 3"},
      {std::string("\x02\x00", 2), "invalid field number 0"},
      {"\x15" "ab", "ends inside a fixed32"},
      {varint_field(1, 7), "pieces (field 1) has wire type 0"},
      {bytes_field(1, varint_field(1, 3)), "piece (field 1) has wire type 0"},
      {bytes_field(1, bytes_field(1, "x") + varint_field(3, 9)), "unknown piece type 9"},
      {unk, "no trainer_spec after 1 pieces"},
      {unk + trainer_spec(), "no normalizer_spec"},
      {unk + trainer_spec(1) + normalizer_spec(), "UNIGRAM is not implemented"},
      {unk + trainer_spec() + normalizer_spec(bytes_field(2, "map")), "character-map normalization"},
      {model(unk + piece("")), "piece 1 is empty"},
      {model(unk + piece("a") + piece("a")), "piece 2 'a' is already defined"},
      {model(piece("a")), "no unknown piece"},
      {model(unk + piece("<u2>", Type::kUnknown)), "a second unknown piece"},
      {model(unk + piece("<0x41>", Type::kByte)), "byte_fallback is off"},
      {unk + piece("<0x41>", Type::kByte) + trainer_spec(2, true) + normalizer_spec(), "not all 256 byte pieces"},
      {unk + piece("<0x4g>", Type::kByte) + trainer_spec(2, true) + normalizer_spec(), "is not a byte piece"},
  };
  for (const auto& [bytes, expected] : cases) {
    const std::string error = error_of(bytes);
    EXPECT_NE(error.find(expected), std::string::npos) << "expected '" << expected << "', got: " << error;
  }
}

// The shipped vocabulary rewritten with other options (tokenizer_goldens.py --variants), against PyPI
// sentencepiece on the same models: dummy prefix and extra-whitespace removal, unescaped whitespace as a
// suffix, unused pieces, <unk> without byte fallback.
TEST(SentencePieceModel, OtherNormalizerAndTrainerOptionsMatchSentencePiece) {
  const auto goldens = test::load_shipped_tokenizer_goldens();
  std::map<std::string, std::vector<int>> base;
  for (const auto& item : goldens["corpus"])
    base[item["text"].get<std::string>()] = item["sentencepiece"].get<std::vector<int>>();
  ASSERT_EQ(goldens["variants"].size(), 4u);
  for (const auto& variant : goldens["variants"]) {
    SCOPED_TRACE("variant " + variant["name"].get<std::string>());
    std::ifstream in(variant["model"].get<std::string>(), std::ios::binary);
    const auto model = SentencePieceModel::parse(std::string(std::istreambuf_iterator<char>(in), {}));
    int compared = 0, changed = 0;
    for (const auto& item : variant["corpus"]) {
      const auto text = item["text"].get<std::string>();
      const auto expected = item["sentencepiece"].get<std::vector<int>>();
      EXPECT_EQ(model.encode(text), expected) << "text: '" << text << "'";
      compared += static_cast<int>(expected.size());
      changed += expected != base.at(text) ? 1 : 0;
    }
    EXPECT_GT(compared, 500);
    EXPECT_GT(changed, 5) << "the variant should change the tokenization of some texts";
  }
}

TEST(SentencePieceModel, TheShippedVocabularyCutShortAtAnyOffsetIsAnError) {
  const std::string bytes = shipped_model_bytes();
  ASSERT_GT(bytes.size(), 10000u);
  ASSERT_NO_THROW(SentencePieceModel::parse(bytes));
  int errors = 0;
  for (size_t length = 0; length < bytes.size(); ++length) {
    try {
      SentencePieceModel::parse(std::string_view(bytes).substr(0, length));
      ADD_FAILURE() << "a model cut at byte " << length << " of " << bytes.size() << " loaded";
    } catch (const std::runtime_error&) {
      ++errors;
    }
  }
  EXPECT_EQ(errors, static_cast<int>(bytes.size()));
}

TEST(SentencePieceModel, RandomlyChangedBytesLoadOrFailButNeverCrash) {
  const std::string original = shipped_model_bytes();
  std::mt19937 random(20260101);
  std::uniform_int_distribution<size_t> position(0, original.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  int loaded = 0, failed = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    std::string bytes = original;
    for (int k = 0; k <= trial % 4; ++k) bytes[position(random)] = static_cast<char>(byte(random));
    try {
      const auto m = SentencePieceModel::parse(bytes);
      // Whatever loaded must encode without reading outside its tables.
      m.encode("Small left <box>(12,34),(56,78)</box> naïve 🫁 \xFF  \n");
      ++loaded;
    } catch (const std::runtime_error&) {
      ++failed;
    }
  }
  EXPECT_GT(failed, 100);  // changes to keys and lengths are caught
  EXPECT_GT(loaded, 100);  // changes inside piece text and scores load
  for (int trial = 0; trial < 500; ++trial) {
    std::string garbage(static_cast<size_t>(trial * 7), '\0');
    for (char& c : garbage) c = static_cast<char>(byte(random));
    EXPECT_THROW(SentencePieceModel::parse(garbage), std::runtime_error) << "garbage of " << garbage.size() << " bytes";
  }
}

TEST(Tokenizer, ATruncatedModelFileIsAnErrorNamingTheFile) {
  const std::string bytes = shipped_model_bytes();
  test::ScratchDir dir;
  const std::string path = dir.file("cut.model");
  std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  try {
    Tokenizer::load(path);
    FAIL() << "a truncated model loaded";
  } catch (const TokenizerError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace anatomix::lm
