// The engine's own SentencePiece reader and encoder (inference/src/lm/tokenizer, sentencepiece_model). The first
// byte chooses what the rest is: odd, a `tokenizer.model` file (loaded; when it loads, a mixed text is encoded
// and decoded with it); even, text encoded with the shipped bundle's vocabulary. Every id must lie inside the
// vocabulary, and decoding what was encoded must not fail.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "lm/tokenizer.h"

namespace {

using anatomix::lm::Tokenizer;
using anatomix::lm::TokenizerError;

void encode_and_decode(const Tokenizer& tokenizer, std::string_view text) {
  const std::vector<int> ids = tokenizer.encode(text);
  for (int id : ids)
    if (id < 0 || id >= tokenizer.vocab_size()) std::abort();
  (void)tokenizer.decode(ids, false);
  (void)tokenizer.decode(ids, true);
}

const Tokenizer& shipped() {
  static const std::unique_ptr<Tokenizer> tokenizer = Tokenizer::load(ANATOMIX_FUZZ_SHIPPED_TOKENIZER);
  return *tokenizer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 1) == 0) {
    encode_and_decode(shipped(), rest);
    return 0;
  }
  const std::string path = anatomix::fuzz::scratch().file("tokenizer.model");
  anatomix::fuzz::write_file(path, data + 1, size - 1);
  std::unique_ptr<Tokenizer> tokenizer;
  try {
    tokenizer = Tokenizer::load(path);
  } catch (const TokenizerError&) {
    return 0;
  }
  encode_and_decode(*tokenizer, "The <ref>left lung</ref> is at <box>(12,34),(56,78)</box>. Größe 3 cm \xF0\x9F\x98\x80");
  return 0;
}
