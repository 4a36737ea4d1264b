#include "lm/sentencepiece_library.h"

#include <dlfcn.h>

#include <stdexcept>

namespace anatomix::lm {
namespace {

void* symbol(void* handle, const char* name) {
  void* address = dlsym(handle, name);
  if (!address) throw std::runtime_error(std::string("libsentencepiece.so.0: missing symbol ") + name);
  return address;
}

}  // namespace

SentencePieceLibrary::SentencePieceLibrary() {
  handle_ = dlopen("libsentencepiece.so.0", RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
  if (!handle_) throw std::runtime_error(std::string("cannot load libsentencepiece.so.0: ") + dlerror());
  // Itanium C++ ABI: a constructor/destructor takes `this` first; ToString returns through a hidden pointer,
  // which is how a free function returning std::string is called too.
  construct_processor_ = reinterpret_cast<void (*)(void*)>(
      symbol(handle_, "_ZN13sentencepiece22SentencePieceProcessorC1Ev"));
  destroy_status_ = reinterpret_cast<void (*)(sentencepiece::util::Status*)>(
      symbol(handle_, "_ZN13sentencepiece4util6StatusD1Ev"));
  to_string_ = reinterpret_cast<std::string (*)(const sentencepiece::util::Status*)>(
      symbol(handle_, "_ZNK13sentencepiece4util6Status8ToStringB5cxx11Ev"));
}

const SentencePieceLibrary& SentencePieceLibrary::instance() {
  static const SentencePieceLibrary library;  // never closed: processors may outlive any one user
  return library;
}

std::unique_ptr<sentencepiece::SentencePieceProcessor> SentencePieceLibrary::new_processor() const {
  void* memory = ::operator new(sizeof(sentencepiece::SentencePieceProcessor));
  try {
    construct_processor_(memory);
  } catch (...) {
    ::operator delete(memory);
    throw;
  }
  return std::unique_ptr<sentencepiece::SentencePieceProcessor>(
      static_cast<sentencepiece::SentencePieceProcessor*>(memory));
}

}  // namespace anatomix::lm
