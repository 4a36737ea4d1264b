// The parser of the model's answer text (<ref>/<box> tags). The text is model output, so anything may
// come; the parser must return boxes or say it could not read them, never crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "answer_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)anatomix::parse_answer(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
