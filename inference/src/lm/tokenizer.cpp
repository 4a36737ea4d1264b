#include "lm/tokenizer.h"

#include "lm/sentencepiece_library.h"

#include <algorithm>
#include <map>
#include <set>

namespace anatomix::lm {
namespace {

struct AddedToken {
  std::string text;
  int id;
};

// Tokens matched in the raw text before SentencePiece: Gemma's control tokens (HF matches their literal
// strings; SentencePiece CONTROL pieces never match text) and the 45 AnatomiX tokens with their ids.
std::vector<AddedToken> added_tokens() {
  std::vector<AddedToken> tokens = {
      {"<pad>", GemmaTokenIds::kPad},
      {"<eos>", GemmaTokenIds::kEos},
      {"<bos>", GemmaTokenIds::kBos},
      {"<unk>", GemmaTokenIds::kUnk},
      {"<start_of_turn>", GemmaTokenIds::kStartOfTurn},
      {"<end_of_turn>", GemmaTokenIds::kEndOfTurn},
      {"<image>", GemmaTokenIds::kImage},
      {"<image_start>", GemmaTokenIds::kImageStart},
      {"<image_end>", GemmaTokenIds::kImageEnd},
      {"<box>", GemmaTokenIds::kBoxOpen},
      {"</box>", GemmaTokenIds::kBoxClose},
      {"<emb>", GemmaTokenIds::kEmbOpen},
      {"</emb>", GemmaTokenIds::kEmbClose},
  };
  for (int i = 0; i < 36; ++i) tokens.push_back({"<obj_" + std::to_string(i) + ">", GemmaTokenIds::kObject0 + i});
  tokens.push_back({"<ref>", GemmaTokenIds::kRefOpen});
  tokens.push_back({"</ref>", GemmaTokenIds::kRefClose});
  // Longest first, so "<image_start>" wins over "<image>" at the same position.
  std::stable_sort(tokens.begin(), tokens.end(),
                   [](const AddedToken& a, const AddedToken& b) { return a.text.size() > b.text.size(); });
  return tokens;
}

const std::set<int>& special_ids() {
  static const std::set<int> ids = {0, 1, 2, 3, 105, 106, 255999, 256000, 262144};
  return ids;
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
  std::unique_ptr<sentencepiece::SentencePieceProcessor> processor;  // lives in the private library
  std::vector<AddedToken> added;              // longest first
  std::map<std::string, int, std::less<>> added_by_text;
  std::map<int, std::string> added_by_id;
  int vocab_size = 0;
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::~Tokenizer() = default;

std::unique_ptr<Tokenizer> Tokenizer::load(const std::string& model_path) {
  auto impl = std::make_unique<Impl>();
  try {
    const auto& library = SentencePieceLibrary::instance();
    impl->processor = library.new_processor();
    auto* processor = impl->processor.get();
    const std::string error = library.status_of([&] { return processor->Load(model_path); });
    if (!error.empty()) throw TokenizerError("cannot load SentencePiece model: " + error);
  } catch (const std::exception& e) {
    throw TokenizerError("tokenizer '" + model_path + "': " + e.what());
  }
  const int pieces = impl->processor->GetPieceSize();
  if (pieces <= GemmaTokenIds::kEndOfTurn) {
    throw TokenizerError("tokenizer '" + model_path + "': only " + std::to_string(pieces) +
                         " pieces; a Gemma 3 vocabulary has 262144");
  }
  impl->added = added_tokens();
  impl->vocab_size = pieces;
  for (const auto& token : impl->added) {
    // If the model already holds the token as a piece (the rebuilt model does), it must carry the same id.
    const int sp_id = impl->processor->PieceToId(token.text);
    if (sp_id != impl->processor->unk_id() && impl->processor->IdToPiece(sp_id) == token.text && sp_id != token.id) {
      throw TokenizerError("tokenizer '" + model_path + "': piece '" + token.text + "' has id " +
                           std::to_string(sp_id) + ", expected the published id " + std::to_string(token.id));
    }
    impl->added_by_text.emplace(token.text, token.id);
    impl->added_by_id.emplace(token.id, token.text);
    impl->vocab_size = std::max(impl->vocab_size, token.id + 1);
  }
  return std::unique_ptr<Tokenizer>(new Tokenizer(std::move(impl)));
}

std::vector<int> Tokenizer::encode(std::string_view text) const {
  std::vector<int> ids;
  auto encode_plain = [&](std::string_view plain) {
    if (plain.empty()) return;
    std::vector<int> piece_ids;
    const std::string error =
        SentencePieceLibrary::instance().status_of([&] { return impl_->processor->Encode(plain, &piece_ids); });
    if (!error.empty()) throw TokenizerError("tokenizer: SentencePiece encode failed: " + error);
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
  if (id < impl_->processor->GetPieceSize()) return impl_->processor->IdToPiece(id);
  auto it = impl_->added_by_id.find(id);
  return it != impl_->added_by_id.end() ? it->second : std::string();
}

int Tokenizer::token_id(std::string_view token) const {
  auto it = impl_->added_by_text.find(token);
  if (it != impl_->added_by_text.end()) return it->second;
  const int id = impl_->processor->PieceToId(token);
  if (id == impl_->processor->unk_id() && token != "<unk>") return -1;
  return id;
}

int Tokenizer::vocab_size() const { return impl_->vocab_size; }

bool Tokenizer::is_special(int id) const { return special_ids().count(id) != 0; }

std::string Tokenizer::id_to_bytes(int id, bool skip_special) const {
  if (id < 0 || id >= impl_->vocab_size) return "\xEF\xBF\xBD";
  if (skip_special && is_special(id)) return {};
  if (id < impl_->processor->GetPieceSize()) {
    if (impl_->processor->IsByte(id)) {
      const std::string& piece = impl_->processor->IdToPiece(id);  // "<0xNN>"
      return std::string(1, static_cast<char>(std::stoi(piece.substr(3, 2), nullptr, 16)));
    }
    if (impl_->processor->IsControl(id)) return skip_special ? std::string() : impl_->processor->IdToPiece(id);
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
