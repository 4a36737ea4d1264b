// What can be known about a model bundle without loading it, for a program that offers several bundles: its
// name and description from config.json, why it cannot be used (bad config.json, missing files), and how much
// memory its weights take once loaded. Plain C++17 (reads files and /proc only; no LibTorch, no Qt), so that a
// workstation can list and check bundles before it hands one to the engine. The engine's own loading
// (BundleConfig, BundleWeights) stays the full check; this one is the quick look.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace anatomix {

struct BundleSurvey {
  std::string directory;
  std::string name;         // config.json "name"; the folder's name when config.json has none
  std::string description;  // config.json "description", "" when absent
  std::string version;      // config.json "version", "" when absent
  // Why the bundle cannot be used, one sentence each (config.json unreadable, a listed file missing); empty
  // when it looks usable.
  std::vector<std::string> problems;
  // Every weight file config.json lists (APM and projectors, the language model and its shards, the vector
  // database, the chest-radiograph check), as paths; only those that exist.
  std::vector<std::string> weight_files;
  // Those of weight_files that hold the language model (one file or its shards).
  std::vector<std::string> language_model_files;

  bool usable() const { return problems.empty(); }
};

// Reads `directory`/config.json and checks that the files it names exist.
BundleSurvey survey_bundle(const std::string& directory);

// The machine's memory in bytes (sysconf), 0 when unknown.
std::uint64_t physical_memory_bytes();

// Whether the engine keeps 16-bit weights as they are on the CPU (memory-mapped, computed in bf16) instead of
// computing in 32-bit floats: when the 32-bit copy would take more than half of the machine's memory (the
// published model's 4B decoder on a 23 GB computer). Never when the memory is unknown (0).
bool cpu_keeps_16bit_weights(std::uint64_t float32_bytes, std::uint64_t physical_memory);

// Bytes the bundle's weights take in memory once loaded on the CPU: each safetensors file's tensors at their
// byte length, 16-bit floats (BF16, F16) counted twice where the engine computes in 32-bit floats. The language
// model's files are decided as the engine decides (cpu_keeps_16bit_weights on their 32-bit size): where it
// keeps them, they count once plus the copies of the q/k/v and gate/up matrices it fuses at load. A file whose
// header cannot be read counts with its size.
std::uint64_t estimate_cpu_memory_bytes(const BundleSurvey& survey,
                                        std::uint64_t physical_memory = physical_memory_bytes());

// MemAvailable of a /proc/meminfo-formatted file in bytes; nothing when it cannot be read.
std::optional<std::uint64_t> available_memory_bytes(const std::string& meminfo_path = "/proc/meminfo");

// The subdirectories of `folder` that hold a config.json, sorted by path (a folder of installed bundles).
std::vector<std::string> bundle_directories_in(const std::string& folder);

}  // namespace anatomix
