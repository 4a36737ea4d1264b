#include "train/lm_bundle.h"

#include <torch/torch.h>

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "anatomix/engine.h"
#include "anatomix/named_logger.h"
#include "lm/safetensors.h"

namespace anatomix::training {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json read_json_file(const fs::path& path) {
  std::ifstream stream(path);
  if (!stream) throw EngineError("Cannot read " + path.string() + ".");
  try {
    return json::parse(stream);
  } catch (const json::exception& error) {
    throw EngineError(path.string() + " is not valid JSON: " + error.what());
  }
}

}  // namespace

BundleConfig load_apm_bundle_config(const std::string& apm_bundle_dir, const json& lm_config) {
  const fs::path file = fs::path(apm_bundle_dir) / "config.json";
  if (!fs::is_regular_file(file))
    throw EngineError("APM bundle " + apm_bundle_dir + " has no config.json (write it with `anatomix train apm`).");
  json document = read_json_file(file);
  if (!document.is_object()) throw EngineError(file.string() + ": the document is not a JSON object.");
  if (!document.contains("format")) document["format"] = "anatomix-bundle";
  if (!document.contains("format_version")) document["format_version"] = 1;
  if (lm_config.is_null()) return BundleConfig::apm_part_from_json(document, apm_bundle_dir);
  document["lm"] = lm_config;
  return BundleConfig::from_json(document, apm_bundle_dir);
}

json small_lm_config(int vocab_size, const json& overrides) {
  // Two of the four layers global (Gemma 3 has one in six): the anatomy lines a report is written from sit up to
  // ~1000 tokens before the answer, beyond a local window; with one global layer only the last layer could read
  // them.
  json config = {{"model_type", "gemma3_text"},
                 {"hidden_size", 256},
                 {"intermediate_size", 768},
                 {"num_hidden_layers", 4},
                 {"layer_types", {"sliding_attention", "full_attention", "sliding_attention", "full_attention"}},
                 {"sliding_window", 512},
                 {"num_attention_heads", 4},
                 {"num_key_value_heads", 1},
                 {"head_dim", 64},
                 {"query_pre_attn_scalar", 64},
                 {"max_position_embeddings", 4096},
                 {"rope_theta", 1000000.0},
                 {"rope_local_base_freq", 10000.0},
                 {"rms_norm_eps", 1e-6},
                 {"hidden_activation", "gelu_pytorch_tanh"},
                 {"tie_word_embeddings", true}};
  for (const auto& [key, value] : overrides.items()) config[key] = value;
  if (config.contains("num_hidden_layers") && config.contains("layer_types") &&
      config["layer_types"].size() != config["num_hidden_layers"].get<size_t>() && !overrides.contains("layer_types")) {
    // More or fewer layers than the default pattern: Gemma's rule, one global layer after each five local ones
    // (and the last one global so that every model has one).
    const auto layers = config["num_hidden_layers"].get<int>();
    json types = json::array();
    for (int i = 0; i < layers; ++i)
      types.push_back((i + 1) % 6 == 0 || i + 1 == layers ? "full_attention" : "sliding_attention");
    config["layer_types"] = types;
  }
  config["vocab_size"] = vocab_size;
  return config;
}

std::string write_bundle(const BundleContents& contents, const std::string& out_dir) {
  fs::create_directories(out_dir);
  const BundleConfig& config = contents.config;
  const fs::path out(out_dir);
  const fs::path apm_dir(contents.apm_bundle_dir);

  // APM weights as the APM stage wrote them, plus the two projectors, in one file.
  std::vector<std::pair<std::string, at::Tensor>> weights;
  for (const auto& file : config.files.weights) {
    const auto source = safetensors::SafetensorsFile::open((apm_dir / file).string());
    for (const auto& name : source->names())
      if (name.rfind("image_projectionhead.", 0) != 0 && name.rfind("obj_projectionhead.", 0) != 0)
        weights.emplace_back(name, source->tensor(name));
  }
  for (const auto& [name, tensor] : contents.projectors) weights.emplace_back(name, tensor.detach());
  safetensors::write_safetensors((out / "anatomix.safetensors").string(), weights,
                                 {{"format", "pt"}, {"description", kBundleDescription}});

  std::vector<std::pair<std::string, at::Tensor>> lm;
  for (const auto& [name, tensor] : contents.lm) lm.emplace_back(name, tensor.detach());
  safetensors::write_safetensors((out / "lm.safetensors").string(), lm, {{"format", "pt"}});

  const auto copy = [&](const fs::path& from, const std::string& name) {
    if (fs::absolute(from) != fs::absolute(out / name)) fs::copy_file(from, out / name, fs::copy_options::overwrite_existing);
  };
  copy(contents.tokenizer_model, "tokenizer.model");
  copy(apm_dir / config.files.vector_db, "vector_db.safetensors");
  copy(apm_dir / config.files.vector_db_sentences, "vector_db.json");
  // The learned chest-radiograph check reads the APM's pooled features: it stays valid under a new LM.
  if (config.chest_gate) copy(apm_dir / config.chest_gate->file, "chest_gate.safetensors");

  BundleConfig written = config;
  written.directory = out_dir;
  written.description = kBundleDescription;
  written.files.weights = {"anatomix.safetensors"};
  written.files.lm = "lm.safetensors";
  written.files.tokenizer = "tokenizer.model";
  written.files.vector_db = "vector_db.safetensors";
  written.files.vector_db_sentences = "vector_db.json";
  if (written.chest_gate) written.chest_gate->file = "chest_gate.safetensors";
  const fs::path config_path = out / "config.json";
  std::ofstream stream(config_path);
  stream << written.to_json().dump(2) << "\n";
  if (!stream) throw std::runtime_error("Cannot write " + config_path.string() + ".");
  named_logger("training")->info("Bundle written to {}", out_dir);
  return config_path.string();
}

}  // namespace anatomix::training
