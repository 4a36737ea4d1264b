// The safetensors reader of model bundles (inference/src/lm/safetensors). open() promises that a file
// that opens can be read without touching memory outside the mapping; the target checks every tensor's
// byte range against the input's size and reads every byte of every view.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.h"
#include "lm/safetensors.h"

using anatomix::safetensors::SafetensorsError;
using anatomix::safetensors::SafetensorsFile;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = anatomix::fuzz::scratch().file("input.safetensors");
  anatomix::fuzz::write_file(path, data, size);
  std::shared_ptr<const SafetensorsFile> file;
  try {
    file = SafetensorsFile::open(path);
  } catch (const SafetensorsError&) {
    return 0;
  }
  std::uint64_t header_length = 0;
  for (int i = 7; i >= 0; --i) header_length = (header_length << 8) | data[i];
  for (const std::string& name : file->names()) {
    const anatomix::safetensors::TensorInfo& info = file->info(name);
    if (info.data_begin > info.data_end || 8 + header_length + info.data_end > size) std::abort();
    at::Tensor tensor;
    try {
      tensor = file->tensor(name);
    } catch (const SafetensorsError&) {
      continue;  // a dtype LibTorch has no type for
    }
    if (tensor.nbytes() != info.data_end - info.data_begin) std::abort();
    const auto* bytes = static_cast<const std::uint8_t*>(tensor.data_ptr());
    unsigned sum = 0;
    for (std::size_t i = 0; i < tensor.nbytes(); ++i) sum += bytes[i];
    volatile unsigned keep = sum;
    (void)keep;
  }
  return 0;
}
