// Debian's libsentencepiece 0.1.97 embeds protobuf-lite 3.14 and exports its symbols; LibTorch links the
// system libprotobuf 3.21. With both in the global symbol namespace the process crashes during static
// initialisation (libprotobuf's descriptor set-up binds to SentencePiece's copy). So the library is never
// linked: it is opened privately (dlopen RTLD_LOCAL | RTLD_DEEPBIND) and used through the processor's
// virtual interface. Only tokenizer.cpp includes this header.
#pragma once

#include <sentencepiece_processor.h>

#include <memory>
#include <string>

namespace anatomix::lm {

class SentencePieceLibrary {
 public:
  // Opens libsentencepiece.so.0 once per process; throws std::runtime_error if it cannot.
  static const SentencePieceLibrary& instance();

  // A new processor living in the private library (delete through the virtual destructor).
  std::unique_ptr<sentencepiece::SentencePieceProcessor> new_processor() const;

  // Runs `call` (which returns a util::Status prvalue) and returns "" on success or the error text. The
  // Status never gets an automatic destructor in our code (its destructor is a library symbol).
  template <typename Call>
  std::string status_of(Call&& call) const {
    alignas(sentencepiece::util::Status) unsigned char storage[sizeof(sentencepiece::util::Status)];
    auto* status = new (storage) sentencepiece::util::Status(call());  // C++17: constructed in place
    std::string message = status->ok() ? std::string() : to_string_(status);
    if (!status->ok() && message.empty()) message = "unknown SentencePiece error";
    destroy_status_(status);
    return message;
  }

 private:
  SentencePieceLibrary();
  void* handle_ = nullptr;
  void (*construct_processor_)(void*) = nullptr;
  void (*destroy_status_)(sentencepiece::util::Status*) = nullptr;
  std::string (*to_string_)(const sentencepiece::util::Status*) = nullptr;
};

}  // namespace anatomix::lm
