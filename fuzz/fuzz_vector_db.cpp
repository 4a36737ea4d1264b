// The per-anatomy sentence database of a bundle: vector_db.json and vector_db.safetensors, loaded and
// checked against the bundle's anatomy names, then searched. The input is the JSON document, a zero
// byte, then the safetensors file (JSON text cannot hold a raw zero byte).
#include <ATen/ATen.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "anatomix/engine.h"
#include "apm/vector_db.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::uint8_t* zero = std::find(data, data + size, std::uint8_t{0});
  const std::string sentences = anatomix::fuzz::scratch().file("vector_db.json");
  const std::string embeddings = anatomix::fuzz::scratch().file("vector_db.safetensors");
  anatomix::fuzz::write_file(sentences, data, static_cast<std::size_t>(zero - data));
  const std::uint8_t* rest = zero == data + size ? zero : zero + 1;
  anatomix::fuzz::write_file(embeddings, rest, static_cast<std::size_t>(data + size - rest));
  constexpr int kObjectDim = 4;
  try {
    const anatomix::apm::VectorDatabase database =
        anatomix::apm::VectorDatabase::load(sentences, embeddings, {"Left lung", "Right lung"}, kObjectDim);
    const at::Tensor objects = at::ones({2, kObjectDim});
    (void)database.search(objects, 3);
  } catch (const anatomix::EngineError&) {
  }
  return 0;
}
