#include "lm/sentencepiece_model.h"

#include <algorithm>
#include <cstring>
#include <queue>
#include <stdexcept>
#include <utility>

namespace anatomix::lm {
namespace {

// --- Protocol Buffers wire format (protobuf.dev/programming-guides/encoding), only what ModelProto uses ---

enum WireType : int { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

struct WireField {
  uint32_t number = 0;
  int wire_type = 0;
  uint64_t varint = 0;
  uint32_t fixed32 = 0;
  std::string_view bytes;  // length-delimited payload
  size_t offset = 0;       // of the field's key, from the start of the file
};

// Walks the fields of one message. Every read is checked against the end of the message; `base` is the
// message's offset in the file, for error messages.
class WireReader {
 public:
  WireReader(std::string_view bytes, size_t base, const char* message)
      : bytes_(bytes), base_(base), message_(message) {}

  bool at_end() const { return position_ == bytes_.size(); }

  WireField next() {
    WireField field;
    field.offset = base_ + position_;
    const uint64_t key = read_varint("a field key");
    field.number = static_cast<uint32_t>(key >> 3);
    field.wire_type = static_cast<int>(key & 7);
    if (field.number == 0 || (key >> 3) > 0x1FFFFFFF) fail("invalid field number " + std::to_string(key >> 3));
    switch (field.wire_type) {
      case kVarint:
        field.varint = read_varint("a varint value");
        break;
      case kFixed64:
        skip(8, "a fixed64 value");
        break;
      case kLengthDelimited: {
        const uint64_t length = read_varint("a length");
        if (length > bytes_.size() - position_) {
          fail("field " + std::to_string(field.number) + " declares " + std::to_string(length) + " bytes but " +
               std::to_string(bytes_.size() - position_) + " remain (truncated file?)");
        }
        field.bytes = bytes_.substr(position_, static_cast<size_t>(length));
        position_ += static_cast<size_t>(length);
        break;
      }
      case kFixed32: {
        const std::string_view raw = bytes_.substr(position_, 4);
        skip(4, "a fixed32 value");
        for (size_t i = 4; i-- > 0;) field.fixed32 = (field.fixed32 << 8) | static_cast<unsigned char>(raw[i]);
        break;
      }
      default:
        fail("field " + std::to_string(field.number) + " has wire type " + std::to_string(field.wire_type) +
             ", which SentencePiece never writes (corrupt file?)");
    }
    return field;
  }

  // Offset of the payload of a length-delimited field just read, for a nested reader.
  size_t payload_offset(const WireField& field) const { return base_ + position_ - field.bytes.size(); }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(std::string(message_) + " at byte " + std::to_string(base_ + position_) + ": " + what);
  }

  void expect(const WireField& field, int wire_type, const char* name) const {
    if (field.wire_type != wire_type) {
      fail(std::string(name) + " (field " + std::to_string(field.number) + ") has wire type " +
           std::to_string(field.wire_type) + ", expected " + std::to_string(wire_type) + " (corrupt file?)");
    }
  }

 private:
  uint64_t read_varint(const char* what) {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position_ == bytes_.size()) fail(std::string("the file ends inside ") + what + " (truncated file?)");
      const auto byte = static_cast<unsigned char>(bytes_[position_++]);
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    fail(std::string(what) + " is longer than 10 bytes (corrupt file?)");
  }

  void skip(size_t count, const char* what) {
    if (count > bytes_.size() - position_) fail(std::string("the file ends inside ") + what + " (truncated file?)");
    position_ += count;
  }

  std::string_view bytes_;
  size_t base_;
  const char* message_;
  size_t position_ = 0;
};

// --- SentencePiece ---

constexpr std::string_view kSpaceSymbol = "\xE2\x96\x81";  // U+2581, SentencePiece's visible space
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// Byte of a "<0xNN>" piece (upper-case hex, as SentencePiece's ByteToPiece writes it), or -1.
int piece_to_byte(std::string_view piece) {
  if (piece.size() != 6 || piece.compare(0, 3, "<0x") != 0 || piece[5] != '>') return -1;
  auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
  const int high = hex(piece[3]), low = hex(piece[4]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// Length of the valid UTF-8 character at the start of `s` (SentencePiece's string_util::DecodeUTF8: no
// overlong forms, surrogates or code points above U+10FFFF), or 0 if invalid.
size_t valid_utf8_length(std::string_view s) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const auto trail = [&](size_t i) { return (byte(i) & 0xC0) == 0x80; };
  const unsigned char c = byte(0);
  if (c < 0x80) return 1;
  if (s.size() >= 2 && (c & 0xE0) == 0xC0 && trail(1)) {
    const uint32_t cp = ((c & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
    return cp >= 0x80 ? 2 : 0;
  }
  if (s.size() >= 3 && (c & 0xF0) == 0xE0 && trail(1) && trail(2)) {
    const uint32_t cp = ((c & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    return cp >= 0x800 && (cp < 0xD800 || cp >= 0xE000) ? 3 : 0;
  }
  if (s.size() >= 4 && (c & 0xF8) == 0xF0 && trail(1) && trail(2) && trail(3)) {
    const uint32_t cp =
        ((c & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) | (byte(3) & 0x3Fu);
    return cp >= 0x10000 && cp <= 0x10FFFF ? 4 : 0;
  }
  return 0;
}

// SentencePiece's string_util::OneCharLen: the length announced by a lead byte, without validation.
size_t announced_char_length(unsigned char lead) { return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

bool bool_field(const WireReader& reader, const WireField& field, const char* name) {
  reader.expect(field, kVarint, name);
  return field.varint != 0;
}

SentencePieceModel::Piece parse_piece(std::string_view bytes, size_t base) {
  WireReader reader(bytes, base, "ModelProto.SentencePiece");
  SentencePieceModel::Piece piece;
  while (!reader.at_end()) {
    const WireField field = reader.next();
    if (field.number == 1) {
      reader.expect(field, kLengthDelimited, "piece");
      piece.text = std::string(field.bytes);
    } else if (field.number == 2) {
      reader.expect(field, kFixed32, "score");
      static_assert(sizeof(float) == sizeof(uint32_t));
      std::memcpy(&piece.score, &field.fixed32, sizeof(float));
    } else if (field.number == 3) {
      reader.expect(field, kVarint, "type");
      if (field.varint < 1 || field.varint > 6) reader.fail("unknown piece type " + std::to_string(field.varint));
      piece.type = static_cast<SentencePieceModel::PieceType>(field.varint);
    }
  }
  return piece;
}

}  // namespace

SentencePieceModel::SentencePieceModel() { std::fill(std::begin(byte_ids_), std::end(byte_ids_), -1); }
SentencePieceModel::SentencePieceModel(SentencePieceModel&&) noexcept = default;
SentencePieceModel& SentencePieceModel::operator=(SentencePieceModel&&) noexcept = default;
SentencePieceModel::~SentencePieceModel() = default;

SentencePieceModel SentencePieceModel::parse(std::string_view bytes) {
  SentencePieceModel model;
  bool has_trainer_spec = false, has_normalizer_spec = false;
  int model_type = 1;  // TrainerSpec.model_type defaults to UNIGRAM
  WireReader reader(bytes, 0, "ModelProto");
  while (!reader.at_end()) {
    const WireField field = reader.next();
    if (field.number == 1) {
      reader.expect(field, kLengthDelimited, "pieces");
      model.pieces_.push_back(parse_piece(field.bytes, reader.payload_offset(field)));
    } else if (field.number == 2) {
      reader.expect(field, kLengthDelimited, "trainer_spec");
      has_trainer_spec = true;
      WireReader trainer(field.bytes, reader.payload_offset(field), "TrainerSpec");
      while (!trainer.at_end()) {
        const WireField f = trainer.next();
        if (f.number == 3) {
          trainer.expect(f, kVarint, "model_type");
          model_type = static_cast<int>(f.varint);
        } else if (f.number == 24) {
          model.treat_whitespace_as_suffix_ = bool_field(trainer, f, "treat_whitespace_as_suffix");
        } else if (f.number == 35) {
          model.byte_fallback_ = bool_field(trainer, f, "byte_fallback");
        }
      }
    } else if (field.number == 3 || field.number == 5) {
      // normalizer_spec, denormalizer_spec (same message).
      reader.expect(field, kLengthDelimited, field.number == 3 ? "normalizer_spec" : "denormalizer_spec");
      if (field.number == 3) has_normalizer_spec = true;
      WireReader normalizer(field.bytes, reader.payload_offset(field), "NormalizerSpec");
      while (!normalizer.at_end()) {
        const WireField f = normalizer.next();
        if (f.number == 2) {
          normalizer.expect(f, kLengthDelimited, "precompiled_charsmap");
          if (!f.bytes.empty()) {
            normalizer.fail("a character-map normalization (such as nmt_nfkc) is not implemented; AnatomiX "
                            "vocabularies use 'identity'");
          }
        } else if (field.number == 3 && f.number == 3) {
          model.add_dummy_prefix_ = bool_field(normalizer, f, "add_dummy_prefix");
        } else if (field.number == 3 && f.number == 4) {
          model.remove_extra_whitespaces_ = bool_field(normalizer, f, "remove_extra_whitespaces");
        } else if (field.number == 3 && f.number == 5) {
          model.escape_whitespaces_ = bool_field(normalizer, f, "escape_whitespaces");
        }
      }
    }
  }
  // SentencePiece's trainer always writes both specs (they come after the pieces): without them the file was
  // cut short at a field boundary.
  if (!has_trainer_spec || !has_normalizer_spec) {
    throw std::runtime_error(std::string("ModelProto: no ") + (has_trainer_spec ? "normalizer_spec" : "trainer_spec") +
                             " after " + std::to_string(model.pieces_.size()) + " pieces (truncated file?)");
  }
  if (model_type != 2) {
    static const char* const kNames[] = {"?", "UNIGRAM", "BPE", "WORD", "CHAR"};
    const std::string name = model_type >= 1 && model_type <= 4 ? kNames[model_type] : std::to_string(model_type);
    throw std::runtime_error("model type " + name + " is not implemented (only BPE, the type of Gemma's and the "
                             "AnatomiX vocabularies)");
  }
  model.index_pieces();
  return model;
}

// The checks and tables of SentencePiece's ModelInterface::InitializePieces.
void SentencePieceModel::index_pieces() {
  std::vector<std::string_view> user_defined;
  for (size_t i = 0; i < pieces_.size(); ++i) {
    const Piece& piece = pieces_[i];
    const int id = static_cast<int>(i);
    const std::string where = "piece " + std::to_string(id);
    if (piece.text.empty()) throw std::runtime_error(where + " is empty");
    const bool mergeable =
        piece.type == PieceType::kNormal || piece.type == PieceType::kUserDefined || piece.type == PieceType::kUnused;
    if (!(mergeable ? mergeable_ : reserved_).emplace(piece.text, id).second)
      throw std::runtime_error(where + " '" + piece.text + "' is already defined");
    if (piece.type == PieceType::kUserDefined) user_defined.push_back(piece.text);
    if (piece.type == PieceType::kUnused) has_unused_ = true;
    if (piece.type == PieceType::kUnknown) {
      if (unk_id_ >= 0)
        throw std::runtime_error(where + ": a second unknown piece (the first is " + std::to_string(unk_id_) + ")");
      unk_id_ = id;
    }
    if (piece.type == PieceType::kByte) {
      if (!byte_fallback_) throw std::runtime_error(where + " is a byte piece but byte_fallback is off");
      const int byte = piece_to_byte(piece.text);
      if (byte < 0) throw std::runtime_error(where + " '" + piece.text + "' is not a byte piece <0xNN>");
      byte_ids_[byte] = id;
    }
  }
  if (unk_id_ < 0) throw std::runtime_error("the model has no unknown piece");
  if (byte_fallback_ && std::count(std::begin(byte_ids_), std::end(byte_ids_), -1) != 0)
    throw std::runtime_error("byte_fallback is on but not all 256 byte pieces <0x00>..<0xFF> exist");

  trie_piece_length_.assign(1, 0);
  for (std::string_view text : user_defined) {
    uint32_t node = 0;
    for (const char c : text) {
      const uint64_t key = (static_cast<uint64_t>(node) << 8) | static_cast<unsigned char>(c);
      auto [edge, added] = trie_edges_.emplace(key, static_cast<uint32_t>(trie_piece_length_.size()));
      if (added) trie_piece_length_.push_back(0);
      node = edge->second;
    }
    trie_piece_length_[node] = static_cast<uint32_t>(text.size());
  }
}

int SentencePieceModel::piece_to_id(std::string_view text) const {
  if (auto it = reserved_.find(text); it != reserved_.end()) return it->second;
  if (auto it = mergeable_.find(text); it != mergeable_.end()) return it->second;
  return -1;
}

unsigned char SentencePieceModel::byte_of(int id) const {
  return static_cast<unsigned char>(piece_to_byte(piece(id).text));
}

size_t SentencePieceModel::match_user_defined(std::string_view text) const {
  if (trie_edges_.empty()) return 0;
  size_t longest = 0;
  uint32_t node = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto it = trie_edges_.find((static_cast<uint64_t>(node) << 8) | static_cast<unsigned char>(text[i]));
    if (it == trie_edges_.end()) break;
    node = it->second;
    if (trie_piece_length_[node] != 0) longest = i + 1;
  }
  return longest;
}

// SentencePiece's Normalizer::Normalize without a character map. User-defined pieces are matched in the raw
// text first and copied as they are (their spaces still escaped); an invalid UTF-8 byte becomes U+FFFD.
std::string SentencePieceModel::normalize(std::string_view text) const {
  auto next_unit = [&](size_t position) -> std::pair<std::string_view, size_t> {
    const std::string_view rest = text.substr(position);
    if (const size_t length = match_user_defined(rest)) return {rest.substr(0, length), length};
    if (const size_t length = valid_utf8_length(rest)) return {rest.substr(0, length), length};
    return {kReplacementCharacter, 1};
  };
  const std::string_view space = escape_whitespaces_ ? kSpaceSymbol : std::string_view(" ");
  std::string out;
  size_t position = 0;
  if (remove_extra_whitespaces_) {
    while (position < text.size()) {
      const auto unit = next_unit(position);
      if (unit.first != " ") break;
      position += unit.second;
    }
  }
  if (position == text.size()) return out;
  out.reserve((text.size() - position) * 3);
  if (!treat_whitespace_as_suffix_ && add_dummy_prefix_) out += space;
  bool previous_is_space = remove_extra_whitespaces_;
  while (position < text.size()) {
    auto [unit, consumed] = next_unit(position);
    while (previous_is_space && !unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    if (!unit.empty()) {
      for (const char c : unit) {
        if (c == ' ' && escape_whitespaces_)
          out += kSpaceSymbol;
        else
          out += c;
      }
      previous_is_space = unit.back() == ' ';
    }
    position += consumed;
    if (!remove_extra_whitespaces_) previous_is_space = false;
  }
  if (remove_extra_whitespaces_) {
    while (out.size() >= space.size() && out.compare(out.size() - space.size(), space.size(), space) == 0)
      out.resize(out.size() - space.size());
  }
  if (treat_whitespace_as_suffix_ && add_dummy_prefix_) out += space;
  return out;
}

// A final piece -> ids, as SentencePieceProcessor::PopulateSentencePieceText: a piece outside the vocabulary
// becomes its bytes with byte fallback, else <unk> (one per run).
void SentencePieceModel::append_ids(std::string_view piece, std::vector<int>& ids) const {
  int id = piece_to_id(piece);
  if (id < 0) id = unk_id_;
  if (id == unk_id_ && byte_fallback_) {
    for (const char c : piece) ids.push_back(byte_ids_[static_cast<unsigned char>(c)]);
    return;
  }
  if (id == unk_id_ && !ids.empty() && ids.back() == unk_id_) return;
  ids.push_back(id);
}

// SentencePiece's bpe::Model::SampleEncode without dropout: start from characters (user-defined pieces whole
// and frozen), repeatedly merge the adjacent pair whose concatenation is the highest-scoring piece (leftmost
// on ties), then split merges into unused pieces back into their parts.
std::vector<int> SentencePieceModel::encode(std::string_view text) const {
  const std::string normalized = normalize(text);
  std::vector<int> ids;
  if (normalized.empty()) return ids;

  struct Symbol {
    size_t begin;
    size_t length;  // 0 once merged into its left neighbour
    int prev;
    int next;
    bool frozen;
  };
  std::vector<Symbol> symbols;
  symbols.reserve(normalized.size());
  for (size_t position = 0; position < normalized.size();) {
    const std::string_view rest = std::string_view(normalized).substr(position);
    size_t length = match_user_defined(rest);
    const bool frozen = length > 0;
    if (!frozen) length = std::min(rest.size(), announced_char_length(static_cast<unsigned char>(rest[0])));
    const int index = static_cast<int>(symbols.size());
    symbols.push_back({position, length, index - 1, position + length < normalized.size() ? index + 1 : -1, frozen});
    position += length;
  }
  auto text_of = [&](const Symbol& s) { return std::string_view(normalized).substr(s.begin, s.length); };

  struct Pair {
    int left;
    int right;
    float score;
    size_t length;
  };
  auto lower_priority = [](const Pair& a, const Pair& b) {
    return a.score < b.score || (a.score == b.score && a.left > b.left);
  };
  std::priority_queue<Pair, std::vector<Pair>, decltype(lower_priority)> agenda(lower_priority);
  std::unordered_map<std::string_view, std::pair<std::string_view, std::string_view>> unused_merges;

  auto consider = [&](int left, int right) {
    if (left < 0 || right < 0 || symbols[left].frozen || symbols[right].frozen) return;
    const std::string_view merged =
        std::string_view(normalized).substr(symbols[left].begin, symbols[left].length + symbols[right].length);
    const auto it = mergeable_.find(merged);
    if (it == mergeable_.end()) return;
    const Piece& piece = pieces_[static_cast<size_t>(it->second)];
    agenda.push({left, right, piece.score, merged.size()});
    if (piece.type == PieceType::kUnused) unused_merges[merged] = {text_of(symbols[left]), text_of(symbols[right])};
  };
  for (size_t i = 1; i < symbols.size(); ++i) consider(static_cast<int>(i) - 1, static_cast<int>(i));

  while (!agenda.empty()) {
    const Pair top = agenda.top();
    agenda.pop();
    Symbol& left = symbols[static_cast<size_t>(top.left)];
    Symbol& right = symbols[static_cast<size_t>(top.right)];
    // Stale: one side was merged away or grew since the pair was queued.
    if (left.length == 0 || right.length == 0 || left.length + right.length != top.length) continue;
    left.length += right.length;
    left.next = right.next;
    if (right.next >= 0) symbols[static_cast<size_t>(right.next)].prev = top.left;
    right.length = 0;
    consider(left.prev, top.left);
    consider(top.left, left.next);
  }

  // Unused pieces are never emitted: split them back along the merges that made them.
  auto resegment = [&](auto&& self, std::string_view piece) -> void {
    if (has_unused_) {
      const int id = piece_to_id(piece);
      if (id >= 0 && pieces_[static_cast<size_t>(id)].type == PieceType::kUnused) {
        if (const auto it = unused_merges.find(piece); it != unused_merges.end()) {
          self(self, it->second.first);
          self(self, it->second.second);
          return;
        }
      }
    }
    append_ids(piece, ids);
  };
  for (int index = 0; index != -1; index = symbols[static_cast<size_t>(index)].next)
    resegment(resegment, text_of(symbols[static_cast<size_t>(index)]));
  return ids;
}

}  // namespace anatomix::lm
