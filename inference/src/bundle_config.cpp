#include "bundle_config.h"

#include "anatomix/engine.h"
#include "json_numbers.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

namespace anatomix {

namespace {

using nlohmann::json;

// Collects every problem of a config so that one message lists them all.
struct Problems {
  std::vector<std::string> items;
  void add(std::string text) { items.push_back(std::move(text)); }
};

template <typename T>
void read_value(const json& object, const char* key, T& value, const std::string& where, Problems& problems) {
  if (!object.contains(key)) return;
  try {
    value = object.at(key).get<T>();
  } catch (const json::exception&) {
    problems.add(where + "\"" + key + "\" has the wrong type (found " + object.at(key).dump() + ")");
  }
}

void read_value(const json& object, const char* key, int& value, const std::string& where, Problems& problems) {
  if (!object.contains(key)) return;
  if (const std::optional<int> number = json_integer<int>(object.at(key)))
    value = *number;
  else
    problems.add(where + "\"" + key + "\" must be a whole number that fits an int (found " + object.at(key).dump() + ")");
}

void read_value(const json& object, const char* key, std::vector<int>& values, const std::string& where,
                Problems& problems) {
  if (!object.contains(key)) return;
  const json& list = object.at(key);
  std::vector<int> read;
  for (const json& item : list.is_array() ? list : json::array()) {
    const std::optional<int> number = json_integer<int>(item);
    if (!number) break;
    read.push_back(*number);
  }
  if (!list.is_array() || read.size() != list.size()) {
    problems.add(where + "\"" + key + "\" must list whole numbers that fit an int (found " + list.dump() + ")");
    return;
  }
  values = std::move(read);
}

void require_positive(int value, const std::string& what, Problems& problems) {
  if (value <= 0 || value > (1 << 20)) problems.add(what + " must be a positive size, found " + std::to_string(value));
}

}  // namespace

const std::vector<std::string>& chexpert_labels() {
  static const std::vector<std::string> labels{
      "Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Enlarged Cardiomediastinum", "Fracture",
      "Lung Lesion", "Lung Opacity", "No Finding", "Pleural Effusion", "Pleural Other", "Pneumonia",
      "Pneumothorax", "Support Devices"};
  return labels;
}

const std::vector<std::string>& published_anatomy_names() {
  static const std::vector<std::string> names{
      "Abdominal cavity", "Aortic arch structure", "Apical zone of left lung", "Apical zone of right lung",
      "Cardiac shadow viewed radiologically or Heart", "Descending aorta", "Hilar Area of the Left Lung",
      "Hilar Area of the Right Lung", "Left clavicle", "Left hemidiaphragm", "Left lower lung zone", "Left lung",
      "Left mid lung zone", "Left upper lung zone", "Mediastinum", "Right atrial structure",
      "Right border of heart viewed radiologically", "Right clavicle", "Right hemidiaphragm",
      "Right lower lung zone", "Right lung", "Right mid lung zone", "Right upper lung zone",
      "Structure of carina", "Structure of left margin of heart", "Structure of left upper quadrant of abdomen",
      "Structure of right upper quadrant of abdomen", "Superior mediastinum", "Superior vena cava structure",
      "Trachea and Main Bronchus", "Vertebral column", "cavoatrial", "left cardiophrenic sulcus",
      "Left costodiaphragmatic recess", "right cardiophrenic sulcus", "Right costodiaphragmatic recess"};
  return names;
}

const std::vector<std::string>& published_raw_anatomy_names() {
  // The published display names but for four: anatomix.py shows "A;;B" as "A or B" or as B, "A&&B" as "A and B".
  static const std::vector<std::string> names = [] {
    static const std::pair<const char*, const char*> raw_of_shown[] = {
        {"Cardiac shadow viewed radiologically or Heart", "Cardiac shadow viewed radiologically;;Heart"},
        {"Trachea and Main Bronchus", "Trachea&&Main Bronchus"},
        {"Left costodiaphragmatic recess", "left costophrenic sulcus;;Left costodiaphragmatic recess"},
        {"Right costodiaphragmatic recess", "right costophrenic sulcus;;Right costodiaphragmatic recess"}};
    std::vector<std::string> raw = published_anatomy_names();
    for (std::string& name : raw)
      for (const auto& [shown, chest_imagenome] : raw_of_shown)
        if (name == shown) name = chest_imagenome;
    return raw;
  }();
  return names;
}

int BundleConfig::lm_hidden_size() const {
  if (!lm.is_object() || !lm.contains("hidden_size") || !lm.at("hidden_size").is_number_integer()) return 0;
  return json_integer<int>(lm.at("hidden_size")).value_or(0);
}

BundleConfig BundleConfig::from_json(const json& document, const std::string& directory) {
  return parse(document, directory, /*language_model_required=*/true);
}

BundleConfig BundleConfig::apm_part_from_json(const json& document, const std::string& directory) {
  return parse(document, directory, /*language_model_required=*/false);
}

BundleConfig BundleConfig::parse(const json& document, const std::string& directory, bool language_model_required) {
  const std::string file = (std::filesystem::path(directory) / "config.json").string();
  BundleConfig config;
  config.directory = directory;
  Problems problems;
  if (!document.is_object()) throw EngineError(file + ": the document is not a JSON object.");

  std::string format;
  read_value(document, "format", format, "", problems);
  if (format != "anatomix-bundle") problems.add("\"format\" must be \"anatomix-bundle\", found \"" + format + "\"");
  read_value(document, "format_version", config.format_version, "", problems);
  if (config.format_version != 1)
    problems.add("\"format_version\" " + std::to_string(config.format_version) + " is not supported (expected 1)");
  read_value(document, "name", config.name, "", problems);
  read_value(document, "description", config.description, "", problems);
  read_value(document, "prompt_layout_version", config.prompt_layout_version, "", problems);
  if (config.prompt_layout_version != 1)
    problems.add("\"prompt_layout_version\" " + std::to_string(config.prompt_layout_version) +
                 " is not supported (expected 1)");
  read_value(document, "image_size", config.apm.image_size, "", problems);
  read_value(document, "projector_hidden", config.projector_hidden, "", problems);
  read_value(document, "system_prompt", config.system_prompt, "", problems);

  if (document.contains("apm")) {
    const json& apm = document.at("apm");
    ApmConfig& a = config.apm;
    read_value(apm, "backbone_width", a.backbone_width, "apm.", problems);
    read_value(apm, "backbone_blocks", a.backbone_blocks, "apm.", problems);
    read_value(apm, "hidden_dim", a.hidden_dim, "apm.", problems);
    read_value(apm, "heads", a.heads, "apm.", problems);
    read_value(apm, "ffn_dim", a.ffn_dim, "apm.", problems);
    read_value(apm, "encoder_layers", a.encoder_layers, "apm.", problems);
    read_value(apm, "decoder_layers", a.decoder_layers, "apm.", problems);
    read_value(apm, "feature_heads", a.feature_heads, "apm.", problems);
    read_value(apm, "object_dim", a.object_dim, "apm.", problems);
  }
  const ApmConfig& a = config.apm;
  require_positive(a.image_size, "\"image_size\"", problems);
  if (a.image_size % 32 != 0)
    problems.add("\"image_size\" must be a multiple of 32 (the backbone stride), found " + std::to_string(a.image_size));
  require_positive(a.backbone_width, "\"apm.backbone_width\"", problems);
  if (a.backbone_blocks.size() != 4) problems.add("\"apm.backbone_blocks\" must list 4 stage depths");
  for (int blocks : a.backbone_blocks) require_positive(blocks, "each of \"apm.backbone_blocks\"", problems);
  require_positive(a.hidden_dim, "\"apm.hidden_dim\"", problems);
  require_positive(a.ffn_dim, "\"apm.ffn_dim\"", problems);
  require_positive(a.encoder_layers, "\"apm.encoder_layers\"", problems);
  require_positive(a.decoder_layers, "\"apm.decoder_layers\"", problems);
  require_positive(a.object_dim, "\"apm.object_dim\"", problems);
  require_positive(config.projector_hidden, "\"projector_hidden\"", problems);
  if (a.heads <= 0 || a.hidden_dim % a.heads != 0)
    problems.add("\"apm.heads\" (" + std::to_string(a.heads) + ") must divide \"apm.hidden_dim\" (" +
                 std::to_string(a.hidden_dim) + ")");
  if (a.feature_heads <= 0 || a.hidden_dim % a.feature_heads != 0)
    problems.add("\"apm.feature_heads\" (" + std::to_string(a.feature_heads) + ") must divide \"apm.hidden_dim\"");
  if (a.hidden_dim % 2 != 0) problems.add("\"apm.hidden_dim\" must be even (sine positions)");

  read_value(document, "anatomies", config.anatomies, "", problems);
  if (config.anatomies.empty()) problems.add("\"anatomies\" must list the anatomy names in query order");
  config.apm.num_queries = static_cast<int>(config.anatomies.size());
  config.image_labels = chexpert_labels();
  read_value(document, "image_labels", config.image_labels, "", problems);
  config.apm.num_image_labels = static_cast<int>(config.image_labels.size());

  if (document.contains("tokens")) {
    const json& tokens = document.at("tokens");
    TokenIds& t = config.tokens;
    const std::pair<const char*, int*> named[] = {
        {"<image>", &t.image}, {"<image_start>", &t.image_start}, {"<image_end>", &t.image_end},
        {"<box>", &t.box},     {"</box>", &t.box_end},            {"<emb>", &t.emb},
        {"</emb>", &t.emb_end}, {"<obj_0>", &t.object0},          {"<ref>", &t.ref},
        {"</ref>", &t.ref_end}, {"<pad>", &t.pad},                {"<eos>", &t.eos},
        {"<bos>", &t.bos},     {"<start_of_turn>", &t.start_of_turn}, {"<end_of_turn>", &t.end_of_turn}};
    for (const auto& [key, id] : named) read_value(tokens, key, *id, "tokens.", problems);
    for (int i = 1; i < config.apm.num_queries; ++i) {
      const std::string key = "<obj_" + std::to_string(i) + ">";
      if (tokens.contains(key) && tokens.at(key) != t.object0 + i)
        problems.add("tokens.\"" + key + "\" must be <obj_0> + " + std::to_string(i) + " (" +
                     std::to_string(t.object0 + i) + "), found " + tokens.at(key).dump());
    }
  }

  if (document.contains("files")) {
    const json& files = document.at("files");
    read_value(files, "weights", config.files.weights, "files.", problems);
    read_value(files, "lm", config.files.lm, "files.", problems);
    read_value(files, "tokenizer", config.files.tokenizer, "files.", problems);
    read_value(files, "vector_db", config.files.vector_db, "files.", problems);
    read_value(files, "vector_db_sentences", config.files.vector_db_sentences, "files.", problems);
  }
  if (document.contains("chest_gate")) {
    const json& gate = document.at("chest_gate");
    ChestGateConfig chest_gate;
    if (!gate.is_object() || !gate.contains("file") || !gate.at("file").is_string() || gate.at("file").get<std::string>().empty())
      problems.add("\"chest_gate\" must name its weights: {\"file\": \"chest_gate.safetensors\", \"threshold\": 0.5}");
    else
      chest_gate.file = gate.at("file").get<std::string>();
    if (gate.is_object()) read_value(gate, "threshold", chest_gate.threshold, "chest_gate.", problems);
    if (!(chest_gate.threshold > 0.f && chest_gate.threshold < 1.f))
      problems.add("\"chest_gate.threshold\" must lie between 0 and 1");
    config.chest_gate = chest_gate;
  }
  if (language_model_required || document.contains("lm")) {
    if (!document.contains("lm") || !document.at("lm").is_object())
      problems.add("\"lm\" must hold the language model's configuration (hidden_size, layers, ...)");
    else
      config.lm = document.at("lm");
    if (config.lm_hidden_size() <= 0) problems.add("\"lm.hidden_size\" must be a positive size");
  }

  if (!problems.items.empty()) {
    std::ostringstream message;
    message << file << " is not a valid bundle configuration (" << problems.items.size() << " problem"
            << (problems.items.size() > 1 ? "s" : "") << "):";
    for (const auto& item : problems.items) message << "\n  - " << item;
    throw EngineError(message.str());
  }
  return config;
}

BundleConfig BundleConfig::load(const std::string& directory) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(directory))
    throw EngineError("Model bundle " + directory + " is not a directory.");
  const std::string file = (fs::path(directory) / "config.json").string();
  std::ifstream stream(file);
  if (!stream) throw EngineError("Model bundle " + directory + " has no readable config.json.");
  json document;
  try {
    document = json::parse(stream);
  } catch (const json::exception& error) {
    throw EngineError(file + " is not valid JSON: " + error.what());
  }
  return from_json(document, directory);
}

nlohmann::json BundleConfig::to_json() const {
  json tokens{{"<image>", this->tokens.image},       {"<image_start>", this->tokens.image_start},
                {"<image_end>", this->tokens.image_end}, {"<box>", this->tokens.box},
                {"</box>", this->tokens.box_end},      {"<emb>", this->tokens.emb},
                {"</emb>", this->tokens.emb_end},      {"<ref>", this->tokens.ref},
                {"</ref>", this->tokens.ref_end},      {"<pad>", this->tokens.pad},
                {"<eos>", this->tokens.eos},           {"<bos>", this->tokens.bos},
                {"<start_of_turn>", this->tokens.start_of_turn}, {"<end_of_turn>", this->tokens.end_of_turn}};
  for (int i = 0; i < apm.num_queries; ++i) tokens["<obj_" + std::to_string(i) + ">"] = this->tokens.object0 + i;
  json document{{"format", "anatomix-bundle"},
              {"format_version", format_version},
              {"name", name},
              {"description", description},
              {"prompt_layout_version", prompt_layout_version},
              {"image_size", apm.image_size},
              {"apm",
               {{"backbone_width", apm.backbone_width},
                {"backbone_blocks", apm.backbone_blocks},
                {"hidden_dim", apm.hidden_dim},
                {"heads", apm.heads},
                {"ffn_dim", apm.ffn_dim},
                {"encoder_layers", apm.encoder_layers},
                {"decoder_layers", apm.decoder_layers},
                {"feature_heads", apm.feature_heads},
                {"object_dim", apm.object_dim}}},
              {"projector_hidden", projector_hidden},
              {"anatomies", anatomies},
              {"image_labels", image_labels},
              {"tokens", tokens},
              {"system_prompt", system_prompt},
              {"files",
               {{"weights", files.weights},
                {"lm", files.lm},
                {"tokenizer", files.tokenizer},
                {"vector_db", files.vector_db},
                {"vector_db_sentences", files.vector_db_sentences}}},
              {"lm", lm}};
  if (chest_gate) document["chest_gate"] = {{"file", chest_gate->file}, {"threshold", chest_gate->threshold}};
  return document;
}

}  // namespace anatomix
