// A SentencePiece model (`tokenizer.model`, a serialized ModelProto of SentencePiece's sentencepiece_model.proto)
// read and applied without the SentencePiece library, as llama.cpp does with its own vocabulary code. Encoding
// follows SentencePiece 0.2.0 for the models AnatomiX uses: BPE (bpe_model.cc: highest-scoring merge first),
// user-defined pieces matched whole, byte fallback (<0xNN>), and the normalizer without a character map
// (identity): whitespace escaped as U+2581, optional dummy prefix and extra-whitespace removal, invalid UTF-8
// as U+FFFD. Unigram, word and char models and character-map normalization are refused when loading.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace anatomix::lm {

class SentencePieceModel {
 public:
  // ModelProto.SentencePiece.Type.
  enum class PieceType : int { kNormal = 1, kUnknown = 2, kControl = 3, kUserDefined = 4, kUnused = 5, kByte = 6 };
  struct Piece {
    std::string text;
    float score = 0.0f;
    PieceType type = PieceType::kNormal;
  };

  // Decodes a serialized ModelProto. Throws std::runtime_error saying what is wrong (truncated, corrupt,
  // inconsistent, or a model kind this reader does not implement); never reads outside `bytes`.
  static SentencePieceModel parse(std::string_view bytes);

  // Text -> piece ids, as SentencePieceProcessor::EncodeAsIds (no BOS/EOS). Pieces that are not in the
  // vocabulary become their UTF-8 bytes (byte fallback) or one <unk> per run.
  std::vector<int> encode(std::string_view text) const;

  int size() const { return static_cast<int>(pieces_.size()); }
  // `id` must be in [0, size()).
  const Piece& piece(int id) const { return pieces_[static_cast<size_t>(id)]; }
  // Id of an exact piece string, or -1.
  int piece_to_id(std::string_view text) const;
  // The byte of a <0xNN> piece; `id` must be a byte piece.
  unsigned char byte_of(int id) const;

  SentencePieceModel(SentencePieceModel&&) noexcept;
  SentencePieceModel& operator=(SentencePieceModel&&) noexcept;
  ~SentencePieceModel();

 private:
  SentencePieceModel();
  void index_pieces();
  std::string normalize(std::string_view text) const;
  // Length of the longest user-defined piece at the start of `text`, or 0.
  size_t match_user_defined(std::string_view text) const;
  void append_ids(std::string_view piece, std::vector<int>& ids) const;

  std::vector<Piece> pieces_;
  // TrainerSpec and NormalizerSpec fields that change encoding, with SentencePiece's defaults.
  bool byte_fallback_ = false;
  bool treat_whitespace_as_suffix_ = false;
  bool add_dummy_prefix_ = true;
  bool remove_extra_whitespaces_ = true;
  bool escape_whitespaces_ = true;
  // As ModelInterface: normal, user-defined and unused pieces are merge targets; the others (control, unknown,
  // byte) are looked up first by piece_to_id.
  std::unordered_map<std::string_view, int> mergeable_;
  std::unordered_map<std::string_view, int> reserved_;
  int unk_id_ = -1;
  int byte_ids_[256];
  bool has_unused_ = false;
  // Byte trie of the user-defined pieces: edges keyed by (node << 8 | byte), node -> length of a piece ending there.
  std::unordered_map<uint64_t, uint32_t> trie_edges_;
  std::vector<uint32_t> trie_piece_length_;
};

}  // namespace anatomix::lm
