// Gemma 3 tokenizer for AnatomiX: a SentencePiece vocabulary (`tokenizer.model`, read and encoded by
// lm/sentencepiece_model.h, ids equal to the SentencePiece library's) plus the AnatomiX added tokens and the
// Gemma control tokens, which are split out of the raw text before SentencePiece runs. Their ids come from
// the model's own pieces (a small vocabulary trained by training/tools/vocab_train.py, or Gemma's rebuilt
// with the AnatomiX pieces); a stock Gemma 3 vocabulary without them gets the published layout
// (262145..262189). No LibTorch in this header.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace anatomix::lm {

class TokenizerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The published Gemma 3 + AnatomiX ids (MedGemma's vocabulary). Other vocabularies resolve their own ids:
// ask Tokenizer::token_id.
struct GemmaTokenIds {
  static constexpr int kPad = 0;
  static constexpr int kEos = 1;
  static constexpr int kBos = 2;
  static constexpr int kUnk = 3;
  static constexpr int kStartOfTurn = 105;
  static constexpr int kEndOfTurn = 106;
  static constexpr int kImageSoftToken = 262144;
  // AnatomiX added tokens, in the order they were added (262145 .. 262189).
  static constexpr int kImage = 262145;
  static constexpr int kImageStart = 262146;
  static constexpr int kImageEnd = 262147;
  static constexpr int kBoxOpen = 262148;
  static constexpr int kBoxClose = 262149;
  static constexpr int kEmbOpen = 262150;
  static constexpr int kEmbClose = 262151;
  static constexpr int kObject0 = 262152;  // <obj_i> = kObject0 + i, i < 36
  static constexpr int kRefOpen = 262188;
  static constexpr int kRefClose = 262189;
  static constexpr int kAnatomixVocabSize = 262190;  // len(tokenizer) after the 45 additions
};

class Tokenizer {
 public:
  // Loads a SentencePiece ModelProto. Throws TokenizerError naming the file if it is missing or invalid, or
  // if it lacks a token the prompt needs and is not a Gemma 3 vocabulary.
  static std::unique_ptr<Tokenizer> load(const std::string& model_path);
  ~Tokenizer();

  // Text -> ids. Added and control tokens written literally in the text (`<bos>`, `<start_of_turn>`,
  // `<image>`, `<obj_7>`, ...) become their ids; the rest goes through SentencePiece. No BOS is prepended:
  // the prompt builder decides (AnatomiX uses two). Matches llama.cpp's tokenization of the same vocabulary
  // except for a literal U+2581 ("▁") next to spaces: SentencePiece matches the whitespace-run tokens after
  // turning spaces into U+2581, llama.cpp before.
  std::vector<int> encode(std::string_view text) const;

  // Ids -> text. With skip_special, drops the ids HF's skip_special_tokens drops (<pad>, <eos>, <bos>, <unk>,
  // turn and image markers: 0-3, 105, 106, 255999, 256000, 262144 in Gemma's vocabulary); the AnatomiX tokens
  // are not special and stay. Invalid UTF-8 becomes U+FFFD.
  std::string decode(const std::vector<int>& ids, bool skip_special = true) const;

  // Token string of an id ("<box>", "▁the", "<0x0A>"); throws for an id outside [0, vocab_size()).
  std::string id_to_piece(int id) const;
  // Id of an exact token string (added token, control token or SentencePiece piece), or -1.
  int token_id(std::string_view token) const;
  // Number of usable ids: one past the highest piece or added-token id. Sampling must stay below it.
  int vocab_size() const;
  bool is_special(int id) const;

  // Turns a stream of ids into text pieces that never split a UTF-8 character: byte-fallback pieces are
  // held back until their character is complete.
  class StreamDecoder {
   public:
    StreamDecoder(const Tokenizer& tokenizer, bool skip_special = true);
    // Text that became complete with this id (may be empty).
    std::string push(int id);
    // Whatever is still held back (an incomplete character becomes U+FFFD).
    std::string flush();

   private:
    const Tokenizer& tokenizer_;
    bool skip_special_;
    std::string pending_;
  };

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  // Raw bytes of one id: piece text with U+2581 as a space, or the byte of a <0xNN> piece.
  std::string id_to_bytes(int id, bool skip_special) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace anatomix::lm
