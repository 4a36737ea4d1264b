#include "published/published_import.h"

#include "anatomix/engine.h"
#include "anatomix/named_logger.h"
#include "apm/apm.h"
#include "apm/vector_db.h"
#include "bundle_config.h"
#include "bundle_weights.h"
#include "lm/gemma3.h"
#include "lm/gemma3_config.h"
#include "lm/safetensors.h"
#include "lm/tokenizer.h"
#include "projector.h"
#include "published/sha256.h"
#include "published/torch_archive.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace anatomix::published {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Collects every problem of one input so that a single message lists them all.
struct Problems {
  std::vector<std::string> items;
  void add(std::string text) { items.push_back(std::move(text)); }
  void throw_if_any(const std::string& title) const {
    if (items.empty()) return;
    std::ostringstream message;
    message << title << " (" << items.size() << " problem" << (items.size() > 1 ? "s" : "") << "):";
    const size_t shown = std::min<size_t>(items.size(), 40);
    for (size_t i = 0; i < shown; ++i) message << "\n  - " << items[i];
    if (shown < items.size()) message << "\n  - ... and " << items.size() - shown << " more";
    throw EngineError(message.str());
  }
};

std::string found(at::ScalarType dtype, const std::vector<int64_t>& shape) {
  return dtype_name(dtype) + " " + shape_text(shape);
}

bool is_float(at::ScalarType dtype) {
  return dtype == at::kFloat || dtype == at::kBFloat16 || dtype == at::kHalf || dtype == at::kDouble;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string absolute(const std::string& path) { return fs::absolute(path).lexically_normal().string(); }

// ------------------------------------------------------------------------------------------------ helpers

std::string apm_checkpoint_file(const std::string& given) {
  if (!fs::is_directory(given)) return given;
  const fs::path last = fs::path(given) / "last_checkpoint.pth";
  if (fs::is_regular_file(last)) return last.string();
  std::vector<std::string> candidates;
  for (const auto& entry : fs::directory_iterator(given))
    if (entry.path().extension() == ".pth") candidates.push_back(entry.path().string());
  if (candidates.size() == 1) return candidates.front();
  throw EngineError("APM directory " + given + " has no last_checkpoint.pth and " +
                    (candidates.empty() ? std::string("no other *.pth file")
                                        : std::to_string(candidates.size()) + " other *.pth files; name one"));
}

TorchArchive open_archive(const std::string& path, const std::string& what) {
  try {
    return TorchArchive::open(path);
  } catch (const std::exception& error) {
    throw EngineError(what + ": " + error.what());
  }
}

at::Tensor read_tensor(const TorchArchive& archive, const PickleValue& value, const std::string& name) {
  try {
    return archive.tensor(value, name);
  } catch (const std::exception& error) {
    throw EngineError(error.what());
  }
}

// ---------------------------------------------------------------------------------------------- base model

struct BaseModel {
  std::string directory;
  lm::Gemma3Config config;
  safetensors::SafetensorsCheckpoint checkpoint;
  std::string prefix;       // where the decoder lives: "language_model.model.", "model.language_model.", ...
  std::string head_name;    // a separate LM head in the snapshot, or ""
  std::vector<std::string> files;  // every file read, for the provenance hashes
};

BaseModel open_base(const std::string& directory) {
  if (!fs::is_directory(directory)) throw EngineError("Base model " + directory + " is not a directory.");
  BaseModel base;
  base.directory = directory;
  const fs::path dir(directory);
  const std::string config_path = (dir / "config.json").string();
  if (!fs::is_regular_file(config_path))
    throw EngineError("Base model " + directory + " has no config.json (a Hugging Face snapshot is expected).");
  try {
    base.config = lm::Gemma3Config::from_file(config_path);
    std::ifstream stream(config_path);
    const json document = json::parse(stream);
    const json& text = document.contains("text_config") ? document.at("text_config") : document;
    // Gemma 3 has no soft-capping; a config that asks for it is another model, which the engine would run wrongly.
    for (const char* key : {"final_logit_softcapping", "attn_logit_softcapping"})
      if (text.contains(key) && !text.at(key).is_null())
        throw EngineError(config_path + ": \"" + key + "\" is set; the engine's Gemma 3 decoder has no soft-capping.");
  } catch (const EngineError&) {
    throw;
  } catch (const std::exception& error) {
    throw EngineError(std::string("Base model: ") + error.what());
  }
  base.files.push_back("config.json");
  const fs::path index = dir / "model.safetensors.index.json";
  try {
    base.checkpoint = safetensors::SafetensorsCheckpoint::open(directory);
  } catch (const std::exception& error) {
    throw EngineError(std::string("Base model weights: ") + error.what());
  }
  if (fs::is_regular_file(index)) {
    base.files.push_back("model.safetensors.index.json");
    std::set<std::string> shards;
    for (const auto& name : base.checkpoint.names())
      shards.insert(fs::path(base.checkpoint.file_of(name)).filename().string());
    base.files.insert(base.files.end(), shards.begin(), shards.end());
  } else {
    base.files.push_back("model.safetensors");
  }
  for (const char* prefix : {"language_model.model.", "model.language_model.", "model.", ""}) {
    if (base.checkpoint.contains(std::string(prefix) + "embed_tokens.weight")) {
      base.prefix = prefix;
      break;
    }
    if (std::string(prefix).empty())
      throw EngineError("Base model " + directory + ": no text decoder found (looked for embed_tokens.weight under "
                        "language_model.model., model.language_model., model. and no prefix).");
  }
  for (const char* head : {"language_model.lm_head.weight", "lm_head.weight"})
    if (base.checkpoint.contains(head)) base.head_name = head;
  return base;
}

// The bundle's "lm" section: every field the engine's Gemma3Config reads, spelled as transformers does.
json lm_config_json(const lm::Gemma3Config& c, bool tied) {
  json layer_types = json::array();
  for (bool sliding : c.layer_is_sliding) layer_types.push_back(sliding ? "sliding_attention" : "full_attention");
  json document{{"model_type", "gemma3_text"},
                {"hidden_size", c.hidden_size},
                {"intermediate_size", c.intermediate_size},
                {"num_hidden_layers", c.num_hidden_layers},
                {"num_attention_heads", c.num_attention_heads},
                {"num_key_value_heads", c.num_key_value_heads},
                {"head_dim", c.head_dim},
                {"query_pre_attn_scalar", c.query_pre_attn_scalar},
                {"sliding_window", c.sliding_window},
                {"max_position_embeddings", c.max_position_embeddings},
                {"vocab_size", c.vocab_size},
                {"rope_theta", c.rope_theta},
                {"rope_local_base_freq", c.rope_local_base_freq},
                {"rms_norm_eps", c.rms_norm_eps},
                {"hidden_activation", "gelu_pytorch_tanh"},
                {"tie_word_embeddings", tied},
                {"layer_types", layer_types}};
  if (c.rope_scaling_factor != 1.0)
    document["rope_scaling"] = {{"rope_type", "linear"}, {"factor", c.rope_scaling_factor}};
  return document;
}

// ----------------------------------------------------------------------------------------------- lm.pt

// A PEFT name without its wrapper and decoder prefixes: "layers.0.self_attn.q_proj.lora_A.default.weight".
std::string decoder_name(std::string name) {
  if (starts_with(name, "base_model.model.")) name.erase(0, std::string("base_model.model.").size());
  for (const char* prefix : {"model.language_model.", "language_model.model.", "language_model.", "model."})
    if (starts_with(name, prefix)) return name.substr(std::string(prefix).size());
  return name;
}

struct LoraPair {
  const PickleValue* a = nullptr;
  const PickleValue* b = nullptr;
  std::string a_name, b_name;
};

struct LanguageModelCheckpoint {
  std::map<std::string, LoraPair> lora;                  // by module, e.g. "layers.0.mlp.up_proj"
  const PickleValue* trained_embed = nullptr;            // embed_tokens.modules_to_save.<adapter>.weight
  const PickleValue* original_embed = nullptr;
  const PickleValue* trained_head = nullptr;
  const PickleValue* original_head = nullptr;
  std::map<std::string, const PickleValue*> tables;      // every saved embedding or LM-head copy, by key
  std::map<std::string, const PickleValue*> wrapper;     // projector tensors
  std::set<std::string> adapters;
};

// Reads the checkpoint's layout; the problems of single tensors go to `problems`, so that one message can
// list them with those the later checks find.
LanguageModelCheckpoint read_lm_checkpoint(const TorchArchive& archive, Problems& problems) {
  const std::string& path = archive.path();
  const PickleValue& root = archive.root();
  const PickleValue* lm = root.is_dict() ? root.find("LM") : nullptr;
  const PickleValue* core = lm && lm->is_dict() ? lm->find("core_model") : nullptr;
  const PickleValue* wrapper = lm && lm->is_dict() ? lm->find("wrapper") : nullptr;
  if (!core || !core->is_dict() || !wrapper || !wrapper->is_dict())
    throw EngineError("Language-model checkpoint " + path + " is not the published layout {\"LM\": {\"core_model\": "
                      "{...}, \"wrapper\": {...}}} (found " + root.describe() + ").");
  LanguageModelCheckpoint checkpoint;
  for (const auto& [key, value] : core->entries) {
    if (key->kind != PickleValue::Kind::String) {
      problems.add("core_model has a key that is not a string (" + key->describe() + ")");
      continue;
    }
    const std::string& name = key->text;
    if (!value->is_tensor()) {
      problems.add("core_model." + name + " is a " + value->describe() + ", expected a tensor");
      continue;
    }
    const std::string short_name = decoder_name(name);
    bool known = false;
    for (const char* part : {".lora_A.", ".lora_B."}) {
      const size_t at = short_name.find(part);
      if (at == std::string::npos) continue;
      const std::string rest = short_name.substr(at + std::string(part).size());  // "<adapter>.weight"
      if (!ends_with(rest, ".weight") || rest.find('.') != rest.size() - 7) continue;
      checkpoint.adapters.insert(rest.substr(0, rest.size() - 7));
      LoraPair& pair = checkpoint.lora[short_name.substr(0, at)];
      (part[6] == 'A' ? pair.a : pair.b) = value.get();
      (part[6] == 'A' ? pair.a_name : pair.b_name) = name;
      known = true;
    }
    for (const char* module : {"embed_tokens", "lm_head"}) {
      const bool embed = module[0] == 'e';
      if (short_name == std::string(module) + ".original_module.weight") {
        (embed ? checkpoint.original_embed : checkpoint.original_head) = value.get();
        checkpoint.tables[name] = value.get();
        known = true;
      } else if (starts_with(short_name, std::string(module) + ".modules_to_save.") && ends_with(short_name, ".weight")) {
        (embed ? checkpoint.trained_embed : checkpoint.trained_head) = value.get();
        checkpoint.tables[name] = value.get();
        known = true;
      }
    }
    if (!known)
      problems.add("core_model." + name + " (" + value->describe() +
                   ") is neither a LoRA matrix (lora_A/lora_B) nor a saved copy of embed_tokens or lm_head");
  }
  if (checkpoint.adapters.size() > 1)
    problems.add("core_model holds more than one LoRA adapter; only one can be merged");
  for (const auto& [module, pair] : checkpoint.lora) {
    if (!pair.a) problems.add("LoRA of " + module + " has lora_B but no lora_A");
    if (!pair.b) problems.add("LoRA of " + module + " has lora_A but no lora_B");
  }
  for (const auto& [key, value] : wrapper->entries) {
    if (key->kind != PickleValue::Kind::String || !value->is_tensor()) {
      problems.add("wrapper entry " + key->describe() + " is a " + value->describe() + ", expected a tensor");
      continue;
    }
    checkpoint.wrapper[key->text] = value.get();
  }
  return checkpoint;
}

// --------------------------------------------------------------------------------------------------- APM

struct ApmCheckpoint {
  ApmConfig config;
  std::map<std::string, const PickleValue*> tensors;  // vis_model.* by name
  int dropped_text_model = 0;
};

ApmCheckpoint read_apm_checkpoint(const TorchArchive& archive) {
  const std::string& path = archive.path();
  const PickleValue& root = archive.root();
  const PickleValue* state = root.is_dict() ? root.find("model") : nullptr;
  if (!state) state = &root;  // a bare state dict
  if (!state->is_dict())
    throw EngineError("APM checkpoint " + path + ": \"model\" is a " + state->describe() + ", expected a state dict.");
  ApmCheckpoint apm;
  for (const auto& [key, value] : state->entries) {
    if (key->kind != PickleValue::Kind::String || !value->is_tensor()) continue;
    std::string name = key->text;
    if (starts_with(name, "module.")) name.erase(0, 7);  // saved from a DistributedDataParallel wrapper
    if (starts_with(name, "vis_model."))
      apm.tensors[name] = value.get();
    else if (name.find("text_model") != std::string::npos)
      ++apm.dropped_text_model;
  }
  if (apm.tensors.empty())
    throw EngineError("APM checkpoint " + path + " holds no vis_model.* tensors (found " + state->describe() + ").");

  // The sizes that the tensors themselves show; the head counts and the image size are the published ones.
  Problems problems;
  auto size_of = [&](const std::string& name, size_t dim) -> int {
    auto it = apm.tensors.find(name);
    if (it == apm.tensors.end() || it->second->tensor.sizes.size() <= dim) {
      problems.add("tensor " + name + " is missing (needed to read the APM's sizes)");
      return 1;
    }
    return static_cast<int>(it->second->tensor.sizes[dim]);
  };
  auto count = [&](const std::string& prefix, const std::string& suffix) {
    int n = 0;
    while (apm.tensors.count(prefix + std::to_string(n) + suffix)) ++n;
    return n;
  };
  ApmConfig& c = apm.config;
  const std::string body = "vis_model.backbone.0.body.";
  c.backbone_width = size_of(body + "conv1.weight", 0);
  for (int stage = 0; stage < 4; ++stage)
    c.backbone_blocks[static_cast<size_t>(stage)] = count(body + "layer" + std::to_string(stage + 1) + ".", ".conv1.weight");
  c.hidden_dim = size_of("vis_model.input_proj.weight", 0);
  c.ffn_dim = size_of("vis_model.transformer.encoder.layers.0.linear1.weight", 0);
  c.encoder_layers = count("vis_model.transformer.encoder.layers.", ".linear1.weight");
  c.decoder_layers = count("vis_model.transformer.decoder.layers.", ".linear1.weight");
  c.object_dim = size_of("vis_model.anat_obj_embs.linear.weight", 0);
  c.num_queries = size_of("vis_model.query_embed.weight", 0);
  c.num_image_labels = size_of("vis_model.image_class_embed.weight", 0);
  problems.throw_if_any("APM checkpoint " + path + " cannot be imported");

  std::set<std::string> expected;
  for (const auto& [name, shape] : apm::apm_tensor_shapes(c)) {
    expected.insert(name);
    auto it = apm.tensors.find(name);
    if (it == apm.tensors.end()) {
      problems.add("tensor " + name + " is missing (expected F32 " + shape_text(shape) + ")");
      continue;
    }
    const TensorRecord& record = it->second->tensor;
    if (record.sizes != shape || !is_float(record.dtype))
      problems.add("tensor " + name + " is " + found(record.dtype, record.sizes) + ", expected F32 " + shape_text(shape));
  }
  if (c.num_image_labels != static_cast<int>(chexpert_labels().size()))
    problems.add("vis_model.image_class_embed has " + std::to_string(c.num_image_labels) + " outputs, expected the " +
                 std::to_string(chexpert_labels().size()) + " CheXpert labels");
  problems.throw_if_any("APM checkpoint " + path + " cannot be imported");
  std::vector<std::string> ignored;
  for (auto it = apm.tensors.begin(); it != apm.tensors.end();) {
    if (expected.count(it->first)) {
      ++it;
    } else {
      ignored.push_back(it->first);
      it = apm.tensors.erase(it);
    }
  }
  if (!ignored.empty())
    named_logger("import")->warn("APM checkpoint: {} vis_model tensors the engine does not use are left out (first: {})",
                                 ignored.size(), ignored.front());
  return apm;
}

// ------------------------------------------------------------------------------------------ vector database

struct VectorDbCheckpoint {
  std::vector<std::string> names;             // sorted: the query order
  std::vector<std::vector<std::string>> sentences;
  std::vector<at::Tensor> embeddings;         // [n_i, s] fp32
};

VectorDbCheckpoint read_vector_db(const TorchArchive& archive, int object_dim, int anatomies) {
  const std::string& path = archive.path();
  const PickleValue& root = archive.root();
  if (!root.is_dict())
    throw EngineError("Vector database " + path + " is a " + root.describe() +
                      ", expected {anatomy name: {sentence: embedding}}.");
  Problems problems;
  std::map<std::string, const PickleValue*> by_name;  // std::map orders by bytes = Python's sorted() on UTF-8
  for (const auto& [key, value] : root.entries) {
    if (key->kind != PickleValue::Kind::String || !value->is_dict()) {
      problems.add("entry " + key->describe() + " is a " + value->describe() + ", expected {sentence: embedding}");
      continue;
    }
    by_name[key->text] = value.get();
  }
  if (static_cast<int>(by_name.size()) != anatomies)
    problems.add("it has " + std::to_string(by_name.size()) + " anatomies, the APM has " + std::to_string(anatomies) +
                 " queries");
  VectorDbCheckpoint db;
  for (const auto& [name, sentences] : by_name) {
    std::vector<std::string> texts;
    std::vector<at::Tensor> rows;
    for (const auto& [sentence, embedding] : sentences->entries) {
      const std::string where = "\"" + name + "\" / " + sentence->describe();
      if (sentence->kind != PickleValue::Kind::String || !embedding->is_tensor()) {
        problems.add(where + " is a " + embedding->describe() + ", expected a tensor");
        continue;
      }
      const TensorRecord& record = embedding->tensor;
      int64_t elements = 1;
      for (int64_t size : record.sizes) elements *= size;
      if (elements != object_dim || !is_float(record.dtype)) {
        problems.add(where + " is " + found(record.dtype, record.sizes) + ", expected F32 [1, " +
                     std::to_string(object_dim) + "]");
        continue;
      }
      texts.push_back(sentence->text);
      rows.push_back(read_tensor(archive, *embedding, name).to(torch::kFloat32).reshape({object_dim}));
    }
    if (texts.empty()) problems.add("anatomy \"" + name + "\" has no sentences");
    db.names.push_back(name);
    db.sentences.push_back(std::move(texts));
    db.embeddings.push_back(rows.empty() ? torch::zeros({0, object_dim}) : torch::stack(rows));
  }
  problems.throw_if_any("Vector database " + path + " cannot be imported");
  if (db.names == published_raw_anatomy_names()) db.names = published_anatomy_names();
  return db;
}

}  // namespace

ImportSummary import_published(const ImportOptions& options) {
  torch::NoGradGuard no_grad;
  auto log = named_logger("import");
  if (options.keep_lora)
    throw EngineError("--keep-lora is not supported: the engine runs the language model with merged weights only. "
                      "Import with --merge-lora (the default).");
  if (options.dtype != at::kBFloat16 && options.dtype != at::kFloat)
    throw EngineError("The language model can be written in bf16 or fp32 only.");
  for (const auto& [value, option] : {std::pair{options.apm, "--apm"}, {options.lm, "--lm"},
                                      {options.vector_db, "--vector-db"}, {options.base, "--base"},
                                      {options.out, "--out"}})
    if (value.empty()) throw EngineError(std::string(option) + " is required.");
  if (fs::exists(options.out)) throw EngineError("The output " + options.out + " exists already; choose a new directory.");
  if (!(options.lora_alpha > 0)) throw EngineError("The LoRA alpha must be positive.");

  // Inputs: everything is opened and checked before anything is written.
  const std::string apm_path = apm_checkpoint_file(options.apm);
  log->info("reading the APM checkpoint {}", apm_path);
  const TorchArchive apm_archive = open_archive(apm_path, "APM checkpoint");
  const ApmCheckpoint apm = read_apm_checkpoint(apm_archive);

  log->info("reading the base model {}", options.base);
  BaseModel base = open_base(options.base);
  const lm::Gemma3Config& lm_config = base.config;

  log->info("reading the language-model checkpoint {}", options.lm);
  const TorchArchive lm_archive = open_archive(options.lm, "Language-model checkpoint");
  Problems lm_problems;
  const LanguageModelCheckpoint checkpoint = read_lm_checkpoint(lm_archive, lm_problems);

  log->info("reading the vector database {}", options.vector_db);
  const TorchArchive db_archive = open_archive(options.vector_db, "Vector database");
  const VectorDbCheckpoint db = read_vector_db(db_archive, apm.config.object_dim, apm.config.num_queries);

  // The text decoder: base tensors checked against the config, LoRA pairs against the base tensors.
  Problems problems;
  lm::Gemma3Config tied_config = lm_config;
  tied_config.tie_word_embeddings = true;
  const auto decoder_shapes = lm::Gemma3Model::parameter_shapes(tied_config);
  std::map<std::string, std::vector<int64_t>> shape_of(decoder_shapes.begin(), decoder_shapes.end());
  auto check_base = [&](const std::string& name, const std::vector<int64_t>& shape) {
    if (!base.checkpoint.contains(name)) {
      problems.add("base tensor " + name + " is missing (expected " + shape_text(shape) + ")");
      return;
    }
    const auto& info = base.checkpoint.info(name);
    if (info.shape != shape || (info.dtype != "BF16" && info.dtype != "F32" && info.dtype != "F16"))
      problems.add("base tensor " + name + " in " + fs::path(base.checkpoint.file_of(name)).filename().string() +
                   " is " + info.dtype + " " + shape_text(info.shape) + ", expected BF16 or F32 " + shape_text(shape));
  };
  for (const auto& [name, shape] : decoder_shapes) check_base(base.prefix + name, shape);
  const std::vector<int64_t> table_shape{lm_config.vocab_size, lm_config.hidden_size};
  if (!base.head_name.empty()) check_base(base.head_name, table_shape);
  problems.throw_if_any("Base model " + options.base + " does not match its config.json");

  problems = lm_problems;
  int rank = 0;
  for (const auto& [module, pair] : checkpoint.lora) {
    if (!pair.a || !pair.b) continue;  // already reported
    auto it = shape_of.find(module + ".weight");
    if (it == shape_of.end() || it->second.size() != 2) {
      problems.add("LoRA " + pair.a_name + " belongs to " + module + ", which is not a linear layer of the decoder");
      continue;
    }
    const int64_t out = it->second[0], in = it->second[1];
    const TensorRecord& a = pair.a->tensor;
    const TensorRecord& b = pair.b->tensor;
    if (rank == 0 && a.sizes.size() == 2) rank = static_cast<int>(a.sizes[0]);
    const std::vector<int64_t> a_expected{rank, in}, b_expected{out, rank};
    if (a.sizes != a_expected || !is_float(a.dtype))
      problems.add("tensor " + pair.a_name + " is " + found(a.dtype, a.sizes) + ", expected BF16 or F32 " +
                   shape_text(a_expected));
    if (b.sizes != b_expected || !is_float(b.dtype))
      problems.add("tensor " + pair.b_name + " is " + found(b.dtype, b.sizes) + ", expected BF16 or F32 " +
                   shape_text(b_expected));
  }
  for (const auto& [name, table] : checkpoint.tables)
    if (table->tensor.sizes != table_shape || !is_float(table->tensor.dtype))
      problems.add("tensor " + name + " is " + found(table->tensor.dtype, table->tensor.sizes) +
                   ", expected BF16 or F32 " + shape_text(table_shape) + " (vocabulary x hidden size of the base model)");

  // The projectors, checked against the APM's sizes and the decoder's hidden size.
  const PickleValue* first_projection = nullptr;
  if (auto it = checkpoint.wrapper.find("image_projectionhead.proj.0.weight"); it != checkpoint.wrapper.end())
    first_projection = it->second;
  const int projector_hidden =
      first_projection && first_projection->tensor.sizes.size() == 2 ? static_cast<int>(first_projection->tensor.sizes[0]) : 512;
  std::vector<std::pair<std::string, std::vector<int64_t>>> projector_shapes =
      Projector::tensor_shapes("image_projectionhead", apm.config.hidden_dim, projector_hidden, lm_config.hidden_size);
  for (auto& entry : Projector::tensor_shapes("obj_projectionhead", apm.config.object_dim, projector_hidden,
                                              lm_config.hidden_size))
    projector_shapes.push_back(entry);
  for (const auto& [name, shape] : projector_shapes) {
    auto it = checkpoint.wrapper.find(name);
    if (it == checkpoint.wrapper.end()) {
      problems.add("wrapper tensor " + name + " is missing (expected F32 " + shape_text(shape) + ")");
      continue;
    }
    const TensorRecord& record = it->second->tensor;
    if (record.sizes != shape || !is_float(record.dtype))
      problems.add("wrapper tensor " + name + " is " + found(record.dtype, record.sizes) + ", expected F32 " +
                   shape_text(shape));
  }
  problems.throw_if_any("Language-model checkpoint " + options.lm + " does not fit the base model and the APM");

  // The tokenizer of the base model, with the AnatomiX tokens at the ids the published tokenizer gave them.
  const std::string tokenizer_path = (fs::path(options.base) / "tokenizer.model").string();
  std::unique_ptr<lm::Tokenizer> tokenizer;
  try {
    tokenizer = lm::Tokenizer::load(tokenizer_path);
  } catch (const std::exception& error) {
    throw EngineError(std::string("Base model tokenizer: ") + error.what());
  }
  base.files.push_back("tokenizer.model");
  if (tokenizer->vocab_size() > lm_config.vocab_size)
    throw EngineError("Base model: the tokenizer has " + std::to_string(tokenizer->vocab_size()) +
                      " ids (with the AnatomiX tokens) but the embedding only " + std::to_string(lm_config.vocab_size) +
                      " rows.");

  // The bundle, written next to its final place and renamed when complete.
  const fs::path out(options.out);
  fs::path staging = out;
  staging += ".importing";
  ImportSummary summary;
  try {
    fs::remove_all(staging);
    fs::create_directories(staging);
    log->info("writing the APM and the projectors");
    std::vector<std::pair<std::string, at::Tensor>> apm_tensors;
    for (const auto& [name, value] : apm.tensors)
      apm_tensors.emplace_back(name, read_tensor(apm_archive, *value, name).to(torch::kFloat32));
    for (const auto& [name, shape] : projector_shapes)
      apm_tensors.emplace_back(name, read_tensor(lm_archive, *checkpoint.wrapper.at(name), name).to(torch::kFloat32));
    safetensors::write_safetensors((staging / "anatomix.safetensors").string(), apm_tensors, {{"format", "pt"}});
    apm_tensors.clear();

    log->info("merging LoRA into {} modules and writing the language model ({})", checkpoint.lora.size(),
              dtype_name(options.dtype));
    const double scale = rank > 0 ? options.lora_alpha / rank : 0.0;
    // Each tensor is made when the writer reaches it: the full-size model never sits in memory twice.
    std::vector<safetensors::LazyTensor> lm_tensors;
    for (const auto& [tensor_name, tensor_shape] : decoder_shapes) {
      const std::string name = tensor_name;
      lm_tensors.push_back({name, options.dtype, tensor_shape, [&, name] {
        if (name == "embed_tokens.weight" && checkpoint.trained_embed) {
          if (checkpoint.original_embed) {
            const at::Tensor base_embed = base.checkpoint.tensor(base.prefix + name);
            const at::Tensor saved = read_tensor(lm_archive, *checkpoint.original_embed, "embed_tokens.original_module");
            if (!torch::equal(saved.to(base_embed.scalar_type()), base_embed))
              log->warn("lm.pt's copy of the original embedding differs from the base model's: was it trained on "
                        "another base?");
          }
          return read_tensor(lm_archive, *checkpoint.trained_embed, "embed_tokens.modules_to_save").to(options.dtype);
        }
        at::Tensor weight = base.checkpoint.tensor(base.prefix + name);
        const std::string module = name.substr(0, name.size() - std::string(".weight").size());
        if (auto lora = checkpoint.lora.find(module); lora != checkpoint.lora.end()) {
          const at::Tensor a = read_tensor(lm_archive, *lora->second.a, lora->second.a_name).to(torch::kFloat32);
          const at::Tensor b = read_tensor(lm_archive, *lora->second.b, lora->second.b_name).to(torch::kFloat32);
          weight = weight.to(torch::kFloat32) + torch::mm(b, a) * scale;  // peft: W + B A * (alpha / r)
        }
        return weight.to(options.dtype);
      }});
    }
    summary.trained_embedding = checkpoint.trained_embed != nullptr;
    bool tied = true;
    if (checkpoint.trained_head) {
      lm_tensors.push_back({"lm_head.weight", options.dtype, table_shape, [&] {
        return read_tensor(lm_archive, *checkpoint.trained_head, "lm_head.modules_to_save").to(options.dtype);
      }});
      summary.trained_head = true;
      tied = false;
    } else if (!base.head_name.empty()) {
      lm_tensors.push_back({"lm_head.weight", options.dtype, table_shape,
                            [&] { return base.checkpoint.tensor(base.head_name).to(options.dtype); }});
      tied = false;
    }
    safetensors::write_safetensors((staging / "lm.safetensors").string(), lm_tensors, {{"format", "pt"}});

    log->info("writing the vector database and the tokenizer");
    const apm::VectorDatabase database = apm::VectorDatabase::from_data(db.names, db.sentences, db.embeddings);
    database.save((staging / "vector_db.json").string(), (staging / "vector_db.safetensors").string());
    fs::copy_file(tokenizer_path, staging / "tokenizer.model");

    BundleConfig config;
    config.name = options.name;
    config.description = "AnatomiX imported from the published checkpoints with " + options.base;
    config.apm = apm.config;
    config.projector_hidden = projector_hidden;
    config.anatomies = db.names;
    config.image_labels = chexpert_labels();
    config.system_prompt = "";
    const std::pair<const char*, int*> tokens[] = {
        {"<image>", &config.tokens.image},     {"<image_start>", &config.tokens.image_start},
        {"<image_end>", &config.tokens.image_end}, {"<box>", &config.tokens.box},
        {"</box>", &config.tokens.box_end},    {"<emb>", &config.tokens.emb},
        {"</emb>", &config.tokens.emb_end},    {"<obj_0>", &config.tokens.object0},
        {"<ref>", &config.tokens.ref},         {"</ref>", &config.tokens.ref_end},
        {"<pad>", &config.tokens.pad},         {"<eos>", &config.tokens.eos},
        {"<bos>", &config.tokens.bos},         {"<start_of_turn>", &config.tokens.start_of_turn},
        {"<end_of_turn>", &config.tokens.end_of_turn}};
    for (const auto& [text, id] : tokens) *id = tokenizer->token_id(text);
    for (int i = 1; i < apm.config.num_queries; ++i)
      if (tokenizer->token_id("<obj_" + std::to_string(i) + ">") != config.tokens.object0 + i)
        throw EngineError("Base model tokenizer: <obj_" + std::to_string(i) + "> does not follow <obj_0>.");
    config.lm = lm_config_json(lm_config, tied);

    json document = config.to_json();
    json base_files = json::object();
    for (const auto& file : base.files) base_files[file] = sha256_file((fs::path(options.base) / file).string());
    document["source"] = {
        {"importer", "anatomix import"},
        {"apm", {{"file", absolute(apm_path)}, {"sha256", sha256_file(apm_path)},
                 {"tensors", apm.tensors.size()}, {"sentence_encoder_tensors_dropped", apm.dropped_text_model},
                 {"assumed", "heads 4, feature heads 2, image size 1024 (published; not stored in the tensors)"}}},
        {"lm", {{"file", absolute(options.lm)}, {"sha256", sha256_file(options.lm)},
                {"lora", {{"merged", true}, {"modules", checkpoint.lora.size()}, {"rank", rank},
                          {"alpha", options.lora_alpha}, {"scale", scale}}},
                {"embed_tokens", summary.trained_embedding ? "lm.pt modules_to_save" : "base model"},
                {"lm_head", summary.trained_head ? "lm.pt modules_to_save"
                                                 : (tied ? "tied to embed_tokens" : "base model")},
                {"projectors", "lm.pt wrapper"},
                {"dtype", options.dtype == at::kBFloat16 ? "bf16" : "fp32"}}},
        {"vector_db", {{"file", absolute(options.vector_db)}, {"sha256", sha256_file(options.vector_db)}}},
        {"base", {{"directory", absolute(options.base)}, {"decoder_prefix", base.prefix}, {"files", base_files}}}};
    std::ofstream stream(staging / "config.json");
    stream << document.dump(1) << "\n";
    stream.close();
    if (!stream) throw EngineError("Cannot write " + (staging / "config.json").string());

    // The written bundle passes the engine's own checks before it gets its name.
    const BundleConfig written = BundleConfig::load(staging.string());
    BundleWeights::open(written);
    apm::VectorDatabase::load((staging / "vector_db.json").string(), (staging / "vector_db.safetensors").string(),
                              written.anatomies, written.apm.object_dim);
    fs::rename(staging, out);
  } catch (const std::exception& error) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    if (dynamic_cast<const EngineError*>(&error)) throw;
    throw EngineError("Writing the bundle " + options.out + " failed: " + error.what());
  }
  summary.bundle = out.string();
  summary.lora_modules = static_cast<int>(checkpoint.lora.size());
  summary.lora_rank = rank;
  summary.anatomies = static_cast<int>(db.names.size());
  for (const auto& sentences : db.sentences) summary.sentences += static_cast<int>(sentences.size());
  log->info("bundle written to {}", summary.bundle);
  return summary;
}

}  // namespace anatomix::published
