#include "anatomix/bundle_survey.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace anatomix {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// A safetensors file larger than this in its header is not one (the published format caps it at 100 MB).
constexpr std::uint64_t kMaxHeaderBytes = 100u * 1024u * 1024u;

std::string text_or(const json& document, const char* key, const std::string& fallback) {
  const auto found = document.find(key);
  return found != document.end() && found->is_string() ? found->get<std::string>() : fallback;
}

// The files of the language model entry: a file, a *.index.json with its shards, or a directory of shards.
void add_language_model_files(const fs::path& entry, std::vector<fs::path>& files, std::vector<std::string>& problems) {
  std::error_code error;
  if (fs::is_directory(entry, error)) {
    std::vector<fs::path> shards;
    for (const auto& file : fs::directory_iterator(entry, error))
      if (file.path().extension() == ".safetensors") shards.push_back(file.path());
    if (shards.empty()) problems.push_back("The language model folder " + entry.string() + " holds no .safetensors file.");
    std::sort(shards.begin(), shards.end());
    files.insert(files.end(), shards.begin(), shards.end());
    return;
  }
  const std::string name = entry.filename().string();
  if (name.size() > 11 && name.compare(name.size() - 11, 11, ".index.json") == 0) {
    std::ifstream stream(entry);
    json index = json::parse(stream, nullptr, false);
    if (!stream || index.is_discarded() || !index.contains("weight_map") || !index.at("weight_map").is_object()) {
      problems.push_back("The language model index " + entry.string() + " is missing or has no \"weight_map\".");
      return;
    }
    std::vector<std::string> shards;
    for (const auto& shard : index.at("weight_map"))
      if (shard.is_string()) shards.push_back(shard.get<std::string>());
    std::sort(shards.begin(), shards.end());
    shards.erase(std::unique(shards.begin(), shards.end()), shards.end());
    for (const auto& shard : shards) files.push_back(entry.parent_path() / shard);
    return;
  }
  files.push_back(entry);
}

struct TensorBytes {
  std::uint64_t as_stored = 0;
  std::uint64_t as_float32 = 0;  // 16-bit floats counted twice
};

// Bytes of one safetensors file's tensors; nothing when its header cannot be read.
std::optional<TensorBytes> tensor_bytes_of_safetensors(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  unsigned char length_bytes[8] = {};
  if (!stream.read(reinterpret_cast<char*>(length_bytes), 8)) return std::nullopt;
  std::uint64_t header_length = 0;
  for (int i = 7; i >= 0; --i) header_length = (header_length << 8) | length_bytes[i];  // little-endian
  if (header_length == 0 || header_length > kMaxHeaderBytes) return std::nullopt;
  std::string header(header_length, '\0');
  if (!stream.read(header.data(), static_cast<std::streamsize>(header_length))) return std::nullopt;
  const json document = json::parse(header, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return std::nullopt;
  TensorBytes bytes;
  try {
    for (const auto& [name, tensor] : document.items()) {
      if (name == "__metadata__" || !tensor.is_object()) continue;
      const json& offsets = tensor.at("data_offsets");
      const std::uint64_t begin = offsets.at(0).get<std::uint64_t>(), end = offsets.at(1).get<std::uint64_t>();
      if (end < begin) return std::nullopt;
      const std::string dtype = text_or(tensor, "dtype", "");
      bytes.as_stored += end - begin;
      bytes.as_float32 += (dtype == "BF16" || dtype == "F16") ? 2 * (end - begin) : end - begin;
    }
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return bytes;
}

}  // namespace

BundleSurvey survey_bundle(const std::string& directory) {
  BundleSurvey survey;
  survey.directory = directory;
  const fs::path folder(directory);
  survey.name = folder.filename().string();
  const fs::path config_path = folder / "config.json";
  std::error_code error;
  if (!fs::is_regular_file(config_path, error)) {
    survey.problems.push_back("There is no config.json in " + directory + ".");
    return survey;
  }
  std::ifstream stream(config_path);
  const json document = json::parse(stream, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    survey.problems.push_back(config_path.string() + " is not a JSON object.");
    return survey;
  }
  survey.name = text_or(document, "name", survey.name);
  survey.description = text_or(document, "description", "");
  survey.version = text_or(document, "version", "");
  if (text_or(document, "format", "") != "anatomix-bundle")
    survey.problems.push_back(config_path.string() + " is not an AnatomiX bundle (\"format\" must be \"anatomix-bundle\").");

  // The defaults are the engine's (BundleFiles): a key left out names the published file.
  std::vector<std::string> weights{"anatomix.safetensors"};
  std::string language_model = "lm.safetensors", tokenizer = "tokenizer.model";
  std::string vector_db = "vector_db.safetensors", vector_db_sentences = "vector_db.json";
  std::string chest_gate;
  try {
    if (document.contains("files")) {
      const json& files = document.at("files");
      if (files.contains("weights")) weights = files.at("weights").get<std::vector<std::string>>();
      language_model = text_or(files, "lm", language_model);
      tokenizer = text_or(files, "tokenizer", tokenizer);
      vector_db = text_or(files, "vector_db", vector_db);
      vector_db_sentences = text_or(files, "vector_db_sentences", vector_db_sentences);
    }
    if (document.contains("chest_gate")) chest_gate = text_or(document.at("chest_gate"), "file", "");
  } catch (const json::exception&) {
    survey.problems.push_back(config_path.string() + ": \"files\" must name the bundle's files as text.");
    return survey;
  }

  std::vector<fs::path> weight_paths;
  for (const auto& file : weights) weight_paths.push_back(folder / file);
  add_language_model_files(folder / language_model, weight_paths, survey.problems);
  weight_paths.push_back(folder / vector_db);
  if (!chest_gate.empty()) weight_paths.push_back(folder / chest_gate);
  for (const auto& path : weight_paths) {
    if (fs::is_regular_file(path, error)) survey.weight_files.push_back(path.string());
    else survey.problems.push_back("The file " + path.string() + " is missing.");
  }
  for (const auto& file : {tokenizer, vector_db_sentences})
    if (!fs::is_regular_file(folder / file, error)) survey.problems.push_back("The file " + (folder / file).string() + " is missing.");
  return survey;
}

std::uint64_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
  return pages > 0 && page_size > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) : 0;
}

bool cpu_keeps_16bit_weights(std::uint64_t float32_bytes, std::uint64_t physical_memory) {
  return physical_memory > 0 && float32_bytes > physical_memory / 2;
}

std::uint64_t estimate_cpu_memory_bytes(const BundleSurvey& survey, std::uint64_t physical_memory) {
  TensorBytes bytes;
  for (const auto& file : survey.weight_files) {
    if (const auto tensors = tensor_bytes_of_safetensors(file)) {
      bytes.as_stored += tensors->as_stored;
      bytes.as_float32 += tensors->as_float32;
      continue;
    }
    std::error_code error;
    const std::uintmax_t size = fs::file_size(file, error);
    if (!error) {
      bytes.as_stored += size;
      bytes.as_float32 += size;
    }
  }
  return cpu_keeps_16bit_weights(bytes.as_float32, physical_memory) ? bytes.as_stored : bytes.as_float32;
}

std::optional<std::uint64_t> available_memory_bytes(const std::string& meminfo_path) {
  std::ifstream stream(meminfo_path);
  std::string line;
  while (std::getline(stream, line)) {
    if (line.rfind("MemAvailable:", 0) != 0) continue;
    std::istringstream fields(line.substr(std::strlen("MemAvailable:")));
    std::uint64_t kibibytes = 0;
    std::string unit;
    if (!(fields >> kibibytes >> unit) || unit != "kB") return std::nullopt;
    return kibibytes * 1024u;
  }
  return std::nullopt;
}

std::vector<std::string> bundle_directories_in(const std::string& folder) {
  std::vector<std::string> directories;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
    if (it->is_directory(error) && fs::exists(it->path() / "config.json", error)) directories.push_back(it->path().string());
  std::sort(directories.begin(), directories.end());
  return directories;
}

}  // namespace anatomix
