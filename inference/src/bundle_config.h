// config.json of a model bundle: architecture sizes, anatomy names in query order, token ids, the
// prompt layout and the files. One structure serves the full-size published model and small ones.
//
// Layout of config.json (every key optional unless marked; defaults are the published model):
// {
//   "format": "anatomix-bundle", "format_version": 1,                       (required)
//   "name": "...", "description": "...", "prompt_layout_version": 1,
//   "image_size": 1024,                                   model square; a multiple of 32 (stride 32)
//   "apm": {"backbone_width": 64, "backbone_blocks": [3,4,6,3], "hidden_dim": 256, "heads": 4,
//           "ffn_dim": 1024, "encoder_layers": 4, "decoder_layers": 4, "feature_heads": 2,
//           "object_dim": 16},
//   "projector_hidden": 512,
//   "anatomies": [36 names in query order],                                 (required)
//   "image_labels": [14 CheXpert names in head order],
//   "tokens": {"<image>": 262145, ..., "<obj_0>": 262152, ..., "<bos>": 2, ...},
//   "system_prompt": "",                                  published inference uses the empty prompt
//   "files": {"weights": ["anatomix.safetensors"], "lm": "lm.safetensors", "tokenizer": "tokenizer.model",
//             "vector_db": "vector_db.safetensors", "vector_db_sentences": "vector_db.json"},
//   "lm": {Gemma 3 text config, HF key names}                               (required)
// }
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace anatomix {

struct ApmConfig {
  int image_size = 1024;
  int backbone_width = 64;                 // ResNet stem channels; stages use 1x, 2x, 4x, 8x (x4 expansion)
  std::vector<int> backbone_blocks{3, 4, 6, 3};
  int hidden_dim = 256;
  int heads = 4;
  int ffn_dim = 1024;
  int encoder_layers = 4;
  int decoder_layers = 4;
  int feature_heads = 2;                   // heads of the feature module M
  int object_dim = 16;                     // s, the anatomy feature size
  int num_queries = 36;                    // = number of anatomies
  int num_image_labels = 14;

  int feature_grid() const { return image_size / 32; }
  int image_tokens() const { return feature_grid() * feature_grid(); }
  int backbone_channels() const { return backbone_width * 8 * 4; }
};

// Ids of the 45 AnatomiX tokens and the Gemma control tokens used by the prompt.
struct TokenIds {
  int image = 262145, image_start = 262146, image_end = 262147;
  int box = 262148, box_end = 262149, emb = 262150, emb_end = 262151;
  int object0 = 262152;                    // <obj_i> = object0 + i
  int ref = 262188, ref_end = 262189;
  int pad = 0, eos = 1, bos = 2, start_of_turn = 105, end_of_turn = 106;
};

struct BundleFiles {
  std::vector<std::string> weights{"anatomix.safetensors"};  // APM (vis_model.*) and projectors
  std::string lm = "lm.safetensors";       // Gemma 3 checkpoint: file, *.index.json or directory
  std::string tokenizer = "tokenizer.model";
  std::string vector_db = "vector_db.safetensors";
  std::string vector_db_sentences = "vector_db.json";
};

// The learned chest-radiograph check: a logistic head on the pooled image features (its own file, so that it
// can be retrained without the APM), "chest_gate": {"file": "chest_gate.safetensors", "threshold": 0.5}.
struct ChestGateConfig {
  std::string file;
  float threshold = 0.5f;
};

struct BundleConfig {
  std::string directory;                   // where config.json was read from
  std::string name, description;
  int format_version = 1;
  int prompt_layout_version = 1;
  ApmConfig apm;
  int projector_hidden = 512;
  std::vector<std::string> anatomies;
  std::vector<std::string> image_labels;
  TokenIds tokens;
  std::string system_prompt;
  BundleFiles files;
  std::optional<ChestGateConfig> chest_gate;  // absent: no learned check
  nlohmann::json lm;                       // Gemma 3 text config, handed to the language model

  int lm_hidden_size() const;              // lm["hidden_size"]

  // Reads and checks `directory`/config.json. Throws EngineError listing every problem found.
  static BundleConfig load(const std::string& directory);
  // Same checks on an in-memory document (tests, bundle writers).
  static BundleConfig from_json(const nlohmann::json& document, const std::string& directory);
  // The APM part only (the trainer's first stage writes a bundle without "lm"): same checks, except
  // that "lm" may be absent and is then left empty.
  static BundleConfig apm_part_from_json(const nlohmann::json& document, const std::string& directory);
  nlohmann::json to_json() const;

 private:
  static BundleConfig parse(const nlohmann::json& document, const std::string& directory,
                            bool language_model_required);
};

// The 14 CheXpert labels in the published head order.
const std::vector<std::string>& chexpert_labels();
// The 36 Chest ImaGenome object names in the published query order (the published AnatomiX code).
const std::vector<std::string>& published_anatomy_names();
// The same objects as the published emb_db.pt keys them and as the training questions name them (Chest
// ImaGenome's raw names: "A;;B" for either name, "A&&B" for both), in the same order.
const std::vector<std::string>& published_raw_anatomy_names();

}  // namespace anatomix
