// Bundle folders whose weight files are sparse (a real safetensors header, then the data extended with
// resize_file, as `truncate` does), so that a 68 GB model takes no disk: for the tests of the bundle survey and
// of the workstation's model menu (target anatomix_test_sparse_bundle).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace anatomix::test_support {

// Every writer throws (std::runtime_error, std::filesystem::filesystem_error) when a file cannot be written.
inline void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream stream(path, std::ios::binary);
  stream << text;
  if (!stream) throw std::runtime_error("cannot write " + path.string());
}

// A safetensors file of one tensor of `bytes` bytes in `dtype` (F32, or a 16-bit float): the header written,
// the data left sparse.
inline void write_sparse_safetensors(const std::filesystem::path& path, const std::string& dtype, std::uint64_t bytes,
                                     const std::string& tensor = "weight") {
  const std::uint64_t element = dtype == "F32" ? 4 : 2;
  const nlohmann::json header = {
      {tensor, {{"dtype", dtype}, {"shape", {bytes / element}}, {"data_offsets", {0, bytes}}}}};
  const std::string text = header.dump();
  std::string length(8, '\0');
  for (int i = 0; i < 8; ++i) length[i] = static_cast<char>((text.size() >> (8 * i)) & 0xff);
  write_text_file(path, length + text);
  std::filesystem::resize_file(path, 8 + text.size() + bytes);
}

struct SparseBundle {
  std::string config_keys = "{}";  // a JSON object whose keys are added to config.json (name, description, files...)
  std::string lm_dtype = "F32";
  std::uint64_t lm_bytes = 1024;
  std::uint64_t apm_bytes = 1024;
};

// A bundle folder with every file its config.json names by default (anatomix.safetensors, lm.safetensors,
// vector_db.safetensors, tokenizer.model, vector_db.json).
inline void write_sparse_bundle(const std::filesystem::path& folder, const SparseBundle& bundle) {
  nlohmann::json config = {{"format", "anatomix-bundle"}, {"format_version", 1}};
  config.update(nlohmann::json::parse(bundle.config_keys));
  write_text_file(folder / "config.json", config.dump(2));
  write_sparse_safetensors(folder / "anatomix.safetensors", "F32", bundle.apm_bytes);
  write_sparse_safetensors(folder / "lm.safetensors", bundle.lm_dtype, bundle.lm_bytes);
  write_sparse_safetensors(folder / "vector_db.safetensors", "F32", 4096);
  write_text_file(folder / "tokenizer.model", "tokenizer");
  write_text_file(folder / "vector_db.json", "[]");
}

}  // namespace anatomix::test_support
