#include "anatomix/bundle_survey.h"

#include "lm/safetensors_header.h"

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

std::string text_or(const json& document, const char* key, const std::string& fallback) {
  const auto found = document.find(key);
  return found != document.end() && found->is_string() ? found->get<std::string>() : fallback;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
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
  if (ends_with(name, ".index.json")) {
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
  // The matrices the Gemma 3 decoder concatenates at load (q/k/v and gate/up): a second copy where the engine
  // keeps the stored weights memory-mapped.
  std::uint64_t fused_at_load = 0;

  TensorBytes& operator+=(const TensorBytes& other) {
    as_stored += other.as_stored;
    as_float32 += other.as_float32;
    fused_at_load += other.fused_at_load;
    return *this;
  }
};

bool fused_at_load(const std::string& tensor_name) {
  for (const char* suffix : {"q_proj.weight", "k_proj.weight", "v_proj.weight", "gate_proj.weight", "up_proj.weight"})
    if (ends_with(tensor_name, suffix)) return true;
  return false;
}

// Bytes of one safetensors file's tensors; nothing when the engine's loader would refuse its header.
std::optional<TensorBytes> tensor_bytes_of_safetensors(const std::string& path) {
  safetensors::Header header;
  try {
    header = safetensors::read_header(path);
  } catch (const safetensors::SafetensorsError&) {
    return std::nullopt;
  }
  TensorBytes bytes;
  for (const auto& [name, tensor] : header.tensors) {
    const std::uint64_t size = tensor.data_end - tensor.data_begin;
    bytes.as_stored += size;
    bytes.as_float32 += (tensor.dtype == "BF16" || tensor.dtype == "F16") ? 2 * size : size;
    if (fused_at_load(name)) bytes.fused_at_load += size;
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
  const std::size_t first_language_model_file = weight_paths.size();
  add_language_model_files(folder / language_model, weight_paths, survey.problems);
  const std::size_t end_of_language_model_files = weight_paths.size();
  weight_paths.push_back(folder / vector_db);
  if (!chest_gate.empty()) weight_paths.push_back(folder / chest_gate);
  for (std::size_t i = 0; i < weight_paths.size(); ++i) {
    const fs::path& path = weight_paths[i];
    if (!fs::is_regular_file(path, error)) {
      survey.problems.push_back("The file " + path.string() + " is missing.");
      continue;
    }
    survey.weight_files.push_back(path.string());
    if (i >= first_language_model_file && i < end_of_language_model_files)
      survey.language_model_files.push_back(path.string());
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
  TensorBytes language_model, rest;
  for (const auto& file : survey.weight_files) {
    const bool of_language_model = std::find(survey.language_model_files.begin(), survey.language_model_files.end(),
                                             file) != survey.language_model_files.end();
    TensorBytes& bytes = of_language_model ? language_model : rest;
    if (const auto tensors = tensor_bytes_of_safetensors(file)) {
      bytes += *tensors;
      continue;
    }
    std::error_code error;
    const std::uintmax_t size = fs::file_size(file, error);
    if (!error) bytes += TensorBytes{size, size, 0};
  }
  // The engine decides from the decoder alone (Gemma3Model): the rest is computed in 32-bit floats.
  const std::uint64_t language_model_in_memory = cpu_keeps_16bit_weights(language_model.as_float32, physical_memory)
                                                     ? language_model.as_stored + language_model.fused_at_load
                                                     : language_model.as_float32;
  return language_model_in_memory + rest.as_float32;
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
