#include "lm/gemma3_config.h"

#include <nlohmann/json.hpp>

#include "json_numbers.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <type_traits>

namespace anatomix::lm {
namespace {

[[noreturn]] void fail(const std::string& source, const std::string& what) {
  throw ConfigError("Gemma 3 config '" + source + "': " + what);
}

template <typename T>
void read_number(const nlohmann::json& j, const char* key, T& out, const std::string& source) {
  if (!j.contains(key) || j[key].is_null()) return;
  if (!j[key].is_number()) fail(source, std::string("\"") + key + "\" must be a number");
  if constexpr (std::is_integral_v<T>) {
    const std::optional<T> number = json_integer<T>(j[key]);
    if (!number) fail(source, std::string("\"") + key + "\" must be a whole number in range, found " + j[key].dump());
    out = *number;
  } else {
    out = j[key].get<T>();
  }
}

void read_rope_scaling(const nlohmann::json& scaling, double& factor, const std::string& source) {
  if (scaling.is_null()) return;
  if (!scaling.is_object()) fail(source, "\"rope_scaling\" must be an object or null");
  std::string type = scaling.value("rope_type", scaling.value("type", std::string("default")));
  if (type == "default") return;
  if (type != "linear") fail(source, "unsupported rope scaling type '" + type + "' (only linear is used by Gemma 3)");
  read_number(scaling, "factor", factor, source);
}

}  // namespace

Gemma3Config Gemma3Config::from_json_text(const std::string& json_text, const std::string& source) {
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    fail(source, std::string("not valid JSON (") + e.what() + ")");
  }
  if (!root.is_object()) fail(source, "the top level is not a JSON object");
  const nlohmann::json& j = root.contains("text_config") && root["text_config"].is_object() ? root["text_config"] : root;

  Gemma3Config c;
  read_number(j, "hidden_size", c.hidden_size, source);
  read_number(j, "intermediate_size", c.intermediate_size, source);
  read_number(j, "num_hidden_layers", c.num_hidden_layers, source);
  read_number(j, "num_attention_heads", c.num_attention_heads, source);
  read_number(j, "num_key_value_heads", c.num_key_value_heads, source);
  read_number(j, "head_dim", c.head_dim, source);
  read_number(j, "query_pre_attn_scalar", c.query_pre_attn_scalar, source);
  read_number(j, "sliding_window", c.sliding_window, source);
  read_number(j, "max_position_embeddings", c.max_position_embeddings, source);
  read_number(j, "vocab_size", c.vocab_size, source);
  read_number(j, "rope_theta", c.rope_theta, source);
  read_number(j, "rope_local_base_freq", c.rope_local_base_freq, source);
  read_number(j, "rms_norm_eps", c.rms_norm_eps, source);
  if (j.contains("tie_word_embeddings") && j["tie_word_embeddings"].is_boolean()) {
    c.tie_word_embeddings = j["tie_word_embeddings"].get<bool>();
  } else if (root.contains("tie_word_embeddings") && root["tie_word_embeddings"].is_boolean()) {
    c.tie_word_embeddings = root["tie_word_embeddings"].get<bool>();
  }
  if (j.contains("rope_scaling")) read_rope_scaling(j["rope_scaling"], c.rope_scaling_factor, source);
  // transformers 5 spelling: per-layer-type RoPE parameters.
  if (j.contains("rope_parameters") && j["rope_parameters"].is_object()) {
    const auto& params = j["rope_parameters"];
    if (params.contains("full_attention")) {
      read_number(params["full_attention"], "rope_theta", c.rope_theta, source);
      read_rope_scaling(params["full_attention"], c.rope_scaling_factor, source);
    }
    if (params.contains("sliding_attention")) {
      read_number(params["sliding_attention"], "rope_theta", c.rope_local_base_freq, source);
    }
  }
  // final_logit_softcapping / attn_logit_softcapping are ignored on purpose: AnatomiX runs the multimodal
  // class, which never applies a soft-cap (Hugging Face transformers' Gemma 3).

  if (j.contains("layer_types") && j["layer_types"].is_array()) {
    for (const auto& type : j["layer_types"]) {
      if (!type.is_string()) fail(source, "\"layer_types\" entries must be strings");
      const auto s = type.get<std::string>();
      if (s != "sliding_attention" && s != "full_attention") fail(source, "unknown layer type '" + s + "'");
      c.layer_is_sliding.push_back(s == "sliding_attention");
    }
    if (!j.contains("num_hidden_layers")) c.num_hidden_layers = static_cast<int64_t>(c.layer_is_sliding.size());
  } else {
    int64_t pattern = 6;
    read_number(j, "sliding_window_pattern", pattern, source);
    read_number(j, "_sliding_window_pattern", pattern, source);
    if (pattern <= 0) fail(source, "sliding window pattern must be positive");
    for (int64_t i = 0; i < c.num_hidden_layers; ++i) c.layer_is_sliding.push_back((i + 1) % pattern != 0);
  }
  c.validate(source);
  return c;
}

Gemma3Config Gemma3Config::from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError("Gemma 3 config '" + path + "': cannot open");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return from_json_text(buffer.str(), path);
}

void Gemma3Config::validate(const std::string& source) const {
  auto positive = [&](int64_t v, const char* name) {
    if (v <= 0) fail(source, std::string(name) + " must be positive, got " + std::to_string(v));
  };
  positive(hidden_size, "hidden_size");
  positive(intermediate_size, "intermediate_size");
  positive(num_hidden_layers, "num_hidden_layers");
  positive(num_attention_heads, "num_attention_heads");
  positive(num_key_value_heads, "num_key_value_heads");
  positive(head_dim, "head_dim");
  positive(sliding_window, "sliding_window");
  positive(max_position_embeddings, "max_position_embeddings");
  positive(vocab_size, "vocab_size");
  if (head_dim % 2 != 0) fail(source, "head_dim must be even for RoPE");
  if (num_attention_heads % num_key_value_heads != 0) {
    fail(source, "num_attention_heads (" + std::to_string(num_attention_heads) +
                     ") is not a multiple of num_key_value_heads (" + std::to_string(num_key_value_heads) + ")");
  }
  if (static_cast<int64_t>(layer_is_sliding.size()) != num_hidden_layers) {
    fail(source, "layer_types has " + std::to_string(layer_is_sliding.size()) + " entries for " +
                     std::to_string(num_hidden_layers) + " layers");
  }
  if (query_pre_attn_scalar <= 0 || rope_theta <= 0 || rope_local_base_freq <= 0 || rope_scaling_factor <= 0 ||
      rms_norm_eps <= 0) {
    fail(source, "query_pre_attn_scalar, RoPE bases, rope scaling factor and rms_norm_eps must be positive");
  }
  // Absurd sizes would only fail later inside an allocation; reject them here with a reason.
  if (hidden_size > 65536 || intermediate_size > 1 << 20 || num_hidden_layers > 1024 || vocab_size > 1 << 24 ||
      head_dim > 4096 || num_attention_heads > 1024) {
    fail(source, "sizes are implausibly large for a Gemma 3 decoder");
  }
}

}  // namespace anatomix::lm
