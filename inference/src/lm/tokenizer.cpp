#include "lm/tokenizer.h"

#include "lm/sentencepiece_model.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

namespace anatomix::lm {
namespace {

struct AddedToken {
  std::string text;
  int id;
};

// A token the prompt or the decoder needs, with its id in the published Gemma 3 + AnatomiX layout (used
// only for a stock Gemma 3 vocabulary that lacks the piece), and whether it is matched in the raw text
// before SentencePiece (Gemma's control tokens: HF matches their literal strings, SentencePiece CONTROL
// pieces never match text; the 45 AnatomiX tokens) and skipped by decode(skip_special).
struct NamedToken {
  std::string text;
  int published_id;
  bool split_from_text;
  bool special;
  bool required;
};

std::vector<NamedToken> named_tokens() {
  std::vector<NamedToken> tokens = {
      {"<pad>", GemmaTokenIds::kPad, true, true, true},
      {"<eos>", GemmaTokenIds::kEos, true, true, true},
      {"<bos>", GemmaTokenIds::kBos, true, true, true},
      {"<unk>", GemmaTokenIds::kUnk, true, true, true},
      {"<start_of_turn>", GemmaTokenIds::kStartOfTurn, true, true, true},
      {"<end_of_turn>", GemmaTokenIds::kEndOfTurn, true, true, true},
      {"<start_of_image>", 255999, false, true, false},
      {"<end_of_image>", 256000, false, true, false},
      {"<image_soft_token>", GemmaTokenIds::kImageSoftToken, false, true, false},
      {"<image>", GemmaTokenIds::kImage, true, false, true},
      {"<image_start>", GemmaTokenIds::kImageStart, true, false, true},
      {"<image_end>", GemmaTokenIds::kImageEnd, true, false, true},
      {"<box>", GemmaTokenIds::kBoxOpen, true, false, true},
      {"</box>", GemmaTokenIds::kBoxClose, true, false, true},
      {"<emb>", GemmaTokenIds::kEmbOpen, true, false, true},
      {"</emb>", GemmaTokenIds::kEmbClose, true, false, true},
  };
  for (int i = 0; i < 36; ++i)
    tokens.push_back({"<obj_" + std::to_string(i) + ">", GemmaTokenIds::kObject0 + i, true, false, true});
  tokens.push_back({"<ref>", GemmaTokenIds::kRefOpen, true, false, true});
  tokens.push_back({"</ref>", GemmaTokenIds::kRefClose, true, false, true});
  return tokens;
}

// A stock Gemma 3 vocabulary (262144 pieces, maybe with <image_soft_token>): its missing AnatomiX tokens take
// the published ids after it (GemmaTokenIds).
bool is_gemma3_vocabulary(const SentencePieceModel& model) {
  const int pieces = model.size();
  return (pieces == GemmaTokenIds::kImageSoftToken || pieces == GemmaTokenIds::kImageSoftToken + 1) &&
         model.piece(GemmaTokenIds::kStartOfTurn).text == "<start_of_turn>";
}

SentencePieceModel read_model(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open the file");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error("cannot read the file");
  if (bytes.empty()) throw std::runtime_error("the file is empty");
  return SentencePieceModel::parse(bytes);
}

// Length of the UTF-8 character starting at s[i] if it is complete and valid, 0 if it is valid so far but
// incomplete (needs more bytes), -1 if invalid.
int utf8_char_length(const std::string& s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int len = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) len = 3;
  else if (c >= 0xF0 && c <= 0xF4) len = 4;
  else return -1;
  for (int k = 1; k < len; ++k) {
    if (i + k >= s.size()) return 0;
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return -1;
    if (k == 1) {  // overlong and surrogate ranges
      if (c == 0xE0 && cc < 0xA0) return -1;
      if (c == 0xED && cc > 0x9F) return -1;
      if (c == 0xF0 && cc < 0x90) return -1;
      if (c == 0xF4 && cc > 0x8F) return -1;
    }
  }
  return len;
}

// Moves every complete character of `pending` to the result; invalid bytes become U+FFFD. With `final`,
// an incomplete tail is also replaced.
std::string take_complete_utf8(std::string& pending, bool final) {
  static const std::string kReplacement = "\xEF\xBF\xBD";
  std::string out;
  size_t i = 0;
  while (i < pending.size()) {
    const int len = utf8_char_length(pending, i);
    if (len > 0) {
      out.append(pending, i, static_cast<size_t>(len));
      i += static_cast<size_t>(len);
    } else if (len < 0) {
      out += kReplacement;
      i += 1;
    } else if (final) {
      out += kReplacement;
      i = pending.size();
    } else {
      break;
    }
  }
  pending.erase(0, i);
  return out;
}

}  // namespace

struct Tokenizer::Impl {
  explicit Impl(SentencePieceModel m) : model(std::move(m)) {}
  SentencePieceModel model;
  std::vector<AddedToken> added;              // longest first
  std::map<std::string, int, std::less<>> added_by_text;
  std::map<int, std::string> added_by_id;
  std::set<int> special;                      // dropped by decode(skip_special)
  int vocab_size = 0;
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::~Tokenizer() = default;

std::unique_ptr<Tokenizer> Tokenizer::load(const std::string& model_path) {
  std::unique_ptr<Impl> impl;
  try {
    impl = std::make_unique<Impl>(read_model(model_path));
  } catch (const std::exception& e) {
    throw TokenizerError("tokenizer '" + model_path + "': not a usable SentencePiece model: " + e.what());
  }
  const SentencePieceModel& model = impl->model;
  const int pieces = model.size();
  const bool gemma3 = is_gemma3_vocabulary(model);
  impl->vocab_size = pieces;
  for (const NamedToken& token : named_tokens()) {
    // The model's own piece wins (a trained small vocabulary, or Gemma's rebuilt with the AnatomiX pieces).
    int id = model.piece_to_id(token.text);
    if (id < 0) {
      if (gemma3) {
        id = token.published_id;
      } else if (token.required) {
        throw TokenizerError("tokenizer '" + model_path + "': the model has no piece '" + token.text +
                             "' (needed by the AnatomiX prompt) and is not a Gemma 3 vocabulary of 262144 pieces (it has " +
                             std::to_string(pieces) + ")");
      } else {
        continue;
      }
    }
    if (token.split_from_text) impl->added.push_back({token.text, id});
    if (token.special) impl->special.insert(id);
    impl->added_by_text.emplace(token.text, id);
    impl->added_by_id.emplace(id, token.text);
    impl->vocab_size = std::max(impl->vocab_size, id + 1);
  }
  // Longest first, so "<image_start>" wins over "<image>" at the same position.
  std::stable_sort(impl->added.begin(), impl->added.end(),
                   [](const AddedToken& a, const AddedToken& b) { return a.text.size() > b.text.size(); });
  return std::unique_ptr<Tokenizer>(new Tokenizer(std::move(impl)));
}

std::vector<int> Tokenizer::encode(std::string_view text) const {
  std::vector<int> ids;
  auto encode_plain = [&](std::string_view plain) {
    const std::vector<int> piece_ids = impl_->model.encode(plain);
    ids.insert(ids.end(), piece_ids.begin(), piece_ids.end());
  };
  size_t plain_start = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '<') {
      ++i;
      continue;
    }
    const AddedToken* match = nullptr;
    for (const auto& token : impl_->added) {
      if (text.compare(i, token.text.size(), token.text) == 0) {
        match = &token;
        break;
      }
    }
    if (!match) {
      ++i;
      continue;
    }
    encode_plain(text.substr(plain_start, i - plain_start));
    ids.push_back(match->id);
    i += match->text.size();
    plain_start = i;
  }
  encode_plain(text.substr(plain_start));
  return ids;
}

std::string Tokenizer::id_to_piece(int id) const {
  if (id < 0 || id >= impl_->vocab_size) {
    throw TokenizerError("tokenizer: id " + std::to_string(id) + " is outside the vocabulary [0, " +
                         std::to_string(impl_->vocab_size) + ")");
  }
  if (id < impl_->model.size()) return impl_->model.piece(id).text;
  auto it = impl_->added_by_id.find(id);
  return it != impl_->added_by_id.end() ? it->second : std::string();
}

int Tokenizer::token_id(std::string_view token) const {
  auto it = impl_->added_by_text.find(token);
  if (it != impl_->added_by_text.end()) return it->second;
  return impl_->model.piece_to_id(token);
}

int Tokenizer::vocab_size() const { return impl_->vocab_size; }

bool Tokenizer::is_special(int id) const { return impl_->special.count(id) != 0; }

std::string Tokenizer::id_to_bytes(int id, bool skip_special) const {
  if (id < 0 || id >= impl_->vocab_size) return "\xEF\xBF\xBD";
  if (skip_special && is_special(id)) return {};
  if (id < impl_->model.size()) {
    const auto& piece = impl_->model.piece(id);
    if (piece.type == SentencePieceModel::PieceType::kByte)
      return std::string(1, static_cast<char>(impl_->model.byte_of(id)));
    if (piece.type == SentencePieceModel::PieceType::kControl) return skip_special ? std::string() : piece.text;
  }
  std::string piece = id_to_piece(id);
  static const std::string kSpaceMarker = "\xE2\x96\x81";  // U+2581
  std::string out;
  out.reserve(piece.size());
  for (size_t i = 0; i < piece.size();) {
    if (piece.compare(i, kSpaceMarker.size(), kSpaceMarker) == 0) {
      out += ' ';
      i += kSpaceMarker.size();
    } else {
      out += piece[i++];
    }
  }
  return out;
}

std::string Tokenizer::decode(const std::vector<int>& ids, bool skip_special) const {
  StreamDecoder stream(*this, skip_special);
  std::string text;
  for (int id : ids) text += stream.push(id);
  return text + stream.flush();
}

Tokenizer::StreamDecoder::StreamDecoder(const Tokenizer& tokenizer, bool skip_special)
    : tokenizer_(tokenizer), skip_special_(skip_special) {}

std::string Tokenizer::StreamDecoder::push(int id) {
  pending_ += tokenizer_.id_to_bytes(id, skip_special_);
  return take_complete_utf8(pending_, false);
}

std::string Tokenizer::StreamDecoder::flush() { return take_complete_utf8(pending_, true); }

}  // namespace anatomix::lm
