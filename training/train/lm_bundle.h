// Bundle configuration of the language-model stages: the APM bundle written by `anatomix train apm`, the
// small Gemma 3 configuration, and the writer of the complete bundle (config.json, anatomix.safetensors with
// the APM and both projectors, lm.safetensors, tokenizer.model, the vector database).
// Included by training .cpp files only (it exposes at::Tensor).
#pragma once

#include <ATen/core/Tensor.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "bundle_config.h"

namespace anatomix::training {

inline constexpr const char* kBundleDescription =
    "demonstration model trained on synthetic radiographs, not for clinical use";

// The APM bundle's config.json as a full bundle configuration: its "lm" section is `lm_config` when given
// (an APM bundle has none yet; a placeholder otherwise), the rest as the APM stage wrote it. Throws
// EngineError naming the file.
BundleConfig load_apm_bundle_config(const std::string& apm_bundle_dir, const nlohmann::json& lm_config);

// The shipped tiny Gemma 3 (same code as the 270M/4B; only these numbers differ): hidden 256, 4 layers
// (three sliding-window, one global, window 256), 4 query heads, 1 KV head, head_dim 64, FFN 768, tied
// embeddings. `overrides` (HF key names) replace any of them; vocab_size is always `vocab_size`.
nlohmann::json small_lm_config(int vocab_size, const nlohmann::json& overrides = nlohmann::json::object());

struct BundleContents {
  BundleConfig config;                            // tokens, lm and anatomies filled in
  std::map<std::string, at::Tensor> projectors;   // image_projectionhead.* and obj_projectionhead.*
  std::map<std::string, at::Tensor> lm;           // Gemma3Model::parameter_shapes names
  std::string apm_bundle_dir;                     // APM weights and vector database come from here
  std::string tokenizer_model;                    // copied as tokenizer.model
};

// Writes the complete bundle into `out_dir` (created; existing files replaced) and returns its config.json
// path. Throws std::runtime_error naming the file on any I/O problem.
std::string write_bundle(const BundleContents& contents, const std::string& out_dir);

}  // namespace anatomix::training
