// Gemma 3 text-decoder hyper-parameters, read from an HF config.json (every spelling transformers'
// Gemma3Config accepts; a multimodal config's "text_config" is used when present). No LibTorch in this header.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace anatomix::lm {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Gemma3Config {
  // Defaults are transformers' Gemma3TextConfig defaults, used for keys a config.json leaves out.
  int64_t hidden_size = 2304;
  int64_t intermediate_size = 9216;
  int64_t num_hidden_layers = 26;
  int64_t num_attention_heads = 8;
  int64_t num_key_value_heads = 4;
  int64_t head_dim = 256;
  double query_pre_attn_scalar = 256;
  int64_t sliding_window = 4096;      // a key is visible iff q - window < k <= q
  int64_t max_position_embeddings = 131072;
  int64_t vocab_size = 262208;        // embedding rows
  double rope_theta = 1e6;            // global (full-attention) layers
  double rope_local_base_freq = 1e4;  // sliding-window layers
  double rope_scaling_factor = 1.0;   // "linear" scaling on global layers only (positions / factor)
  double rms_norm_eps = 1e-6;
  bool tie_word_embeddings = true;
  std::vector<bool> layer_is_sliding;  // one entry per layer

  // Parses and validates; `source` names the file in error messages.
  static Gemma3Config from_json_text(const std::string& json_text, const std::string& source);
  static Gemma3Config from_file(const std::string& path);
  // Throws ConfigError if the numbers are inconsistent (heads not dividing, non-positive sizes, ...).
  void validate(const std::string& source) const;
};

}  // namespace anatomix::lm
