// A random APM bundle as `anatomix train apm` lays it out (config.json without an LM, anatomix.safetensors,
// a vector database holding the sentences of a study set with random embeddings): the input of the language
// stages in the tests, without training an APM.
#pragma once

#include <filesystem>

namespace anatomix::training::test {

// Writes the bundle into `out` for the studies of `studies_dir` (image size 64, a tiny APM).
void write_random_apm_bundle(const std::filesystem::path& out, const std::filesystem::path& studies_dir);

}  // namespace anatomix::training::test
