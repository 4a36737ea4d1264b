#include "train/apm_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "anatomix/engine.h"
#include "anatomix/laterality.h"
#include "anatomix/named_logger.h"
#include "apm/apm.h"
#include "bundle_config.h"
#include "dataset/real_box_set.h"
#include "dataset/study_dataset.h"
#include "lm/safetensors.h"
#include "train/apm_bundle_writer.h"
#include "train/apm_initial_weights.h"
#include "train/apm_sentence_table.h"
#include "train/apm_training_set.h"

namespace anatomix::training {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kCheckpointFormat = "anatomix-apm-checkpoint";

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {  // SplitMix64 of a combined key
  std::uint64_t z = a * 0x9e3779b97f4a7c15ull + b + 0x632be59bd9b4e019ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Model sizes go through the bundle's own config reader (one set of checks for both).
ApmConfig read_model_config(const json& document, const std::string& origin) {
  json bundle{{"format", "anatomix-bundle"}, {"format_version", 1}, {"anatomies", published_anatomy_names()}};
  if (document.contains("image_size")) bundle["image_size"] = document.at("image_size");
  if (document.contains("apm")) bundle["apm"] = document.at("apm");
  try {
    return BundleConfig::apm_part_from_json(bundle, origin).apm;
  } catch (const EngineError& error) {
    throw std::runtime_error("Training config " + origin + " has invalid model sizes: " + error.what());
  }
}

// Each step's batch: the k-th sample overall is position k % N of epoch k / N's permutation.
class BatchSchedule {
 public:
  BatchSchedule(std::uint64_t seed, int64_t count) : seed_(seed), count_(count) {}
  std::vector<int64_t> indices(int step, int batch) {
    std::vector<int64_t> out;
    for (int64_t k = static_cast<int64_t>(step - 1) * batch; k < static_cast<int64_t>(step) * batch; ++k)
      out.push_back(permutation(k / count_)[static_cast<size_t>(k % count_)]);
    return out;
  }

 private:
  const std::vector<int64_t>& permutation(int64_t epoch) {
    if (epoch != epoch_) {
      at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(mix(seed_, 0x5eedull + static_cast<std::uint64_t>(epoch)));
      const torch::Tensor order = torch::randperm(count_, generator, torch::kInt64);
      permutation_.assign(order.data_ptr<int64_t>(), order.data_ptr<int64_t>() + count_);
      epoch_ = epoch;
    }
    return permutation_;
  }
  std::uint64_t seed_;
  int64_t count_;
  int64_t epoch_ = -1;
  std::vector<int64_t> permutation_;
};

double learning_rate(const ApmTrainingOptions& o, int step) {
  if (step <= o.warmup_steps) return o.lr * step / std::max(1, o.warmup_steps);
  const double progress = static_cast<double>(step - o.warmup_steps) / std::max(1, o.steps - o.warmup_steps);
  return o.lr * 0.5 * (1 + std::cos(M_PI * std::min(1.0, progress)));
}

struct Parameters {
  std::map<std::string, torch::Tensor> apm;         // every vis_model.* tensor
  std::map<std::string, torch::Tensor> projection;  // P_S
  bool batch_norm_trains = false;
  std::vector<std::pair<std::string, torch::Tensor>> trainable() const {
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& [name, tensor] : apm)
      if (!is_frozen_apm_weight(name, batch_norm_trains)) out.emplace_back(name, tensor);
    for (const auto& entry : projection) out.push_back(entry);
    return out;
  }
};

torch::Tensor project_sentences(const Parameters& p, const torch::Tensor& vectors) {
  const std::string prefix = kSentenceProjectionPrefix;
  const auto& w = p.projection;
  return torch::linear(torch::relu(torch::linear(vectors, w.at(prefix + "0.weight"), w.at(prefix + "0.bias"))),
                       w.at(prefix + "2.weight"), w.at(prefix + "2.bias"));
}

std::string state_key(const torch::Tensor& parameter) { return c10::guts::to_string(parameter.unsafeGetTensorImpl()); }

void write_atomically(const fs::path& path, const std::function<void(const std::string&)>& write) {
  const std::string temporary = path.string() + ".partial";
  write(temporary);
  fs::rename(temporary, path);
}

void save_checkpoint(const fs::path& run_dir, const Parameters& parameters, torch::optim::AdamW& optimizer, int step,
                     const ApmTrainingOptions& options, double validation_iou) {
  std::vector<std::pair<std::string, at::Tensor>> tensors;
  for (const auto& [name, tensor] : parameters.apm) tensors.emplace_back("param/" + name, tensor.detach());
  for (const auto& [name, tensor] : parameters.projection) tensors.emplace_back("param/" + name, tensor.detach());
  json adam_steps = json::object();
  for (const auto& [name, tensor] : parameters.trainable()) {
    const auto it = optimizer.state().find(state_key(tensor));
    if (it == optimizer.state().end()) continue;
    const auto& state = static_cast<const torch::optim::AdamWParamState&>(*it->second);
    tensors.emplace_back("exp_avg/" + name, state.exp_avg());
    tensors.emplace_back("exp_avg_sq/" + name, state.exp_avg_sq());
    adam_steps[name] = state.step();
  }
  write_atomically(run_dir / "checkpoint.safetensors",
                   [&](const std::string& path) { safetensors::write_safetensors(path, tensors); });
  write_atomically(run_dir / "checkpoint.json", [&](const std::string& path) {
    std::ofstream stream(path);
    stream << json{{"format", kCheckpointFormat}, {"step", step}, {"validation_iou", validation_iou},
                   {"options", options.to_json()}, {"adam_steps", adam_steps}}.dump(1)
           << "\n";
    if (!stream) throw std::runtime_error("Cannot write " + path + ".");
  });
}

json read_checkpoint_json(const fs::path& run_dir) {
  const fs::path path = run_dir / "checkpoint.json";
  std::ifstream stream(path);
  if (!stream) throw std::runtime_error("--resume: " + path.string() + " is missing (no checkpoint to resume from).");
  try {
    json document = json::parse(stream);
    if (document.value("format", "") != kCheckpointFormat) throw std::runtime_error("\"format\" is not " + std::string(kCheckpointFormat));
    document.at("step").get<int>();
    document.at("options");
    return document;
  } catch (const std::exception& error) {
    throw std::runtime_error("--resume: " + path.string() + " is not an APM checkpoint: " + error.what());
  }
}

// `tensor` takes the stored `key` of `file` (at `path`); a missing tensor or another shape is an error that
// starts with `context` and names both.
void copy_stored(torch::Tensor& tensor, const safetensors::SafetensorsFile& file, const std::string& key,
                 const std::string& path, const std::string& context) {
  if (!file.contains(key)) throw std::runtime_error(context + ": " + path + " lacks " + key + ".");
  const torch::Tensor stored = file.tensor(key);
  if (stored.sizes() != tensor.sizes())
    throw std::runtime_error(context + ": " + key + " in " + path + " is " + c10::str(stored.sizes()) +
                             ", the model has " + c10::str(tensor.sizes()) + ".");
  tensor.copy_(stored);
}

void load_checkpoint(const fs::path& run_dir, const json& document, Parameters& parameters, torch::optim::AdamW& optimizer) {
  const std::string path = (run_dir / "checkpoint.safetensors").string();
  std::shared_ptr<const safetensors::SafetensorsFile> file;
  try {
    file = safetensors::SafetensorsFile::open(path);
  } catch (const std::exception& error) {
    throw std::runtime_error(std::string("--resume: ") + error.what());
  }
  torch::NoGradGuard no_grad;
  auto restore = [&](std::map<std::string, torch::Tensor>& tensors) {
    for (auto& [name, tensor] : tensors) copy_stored(tensor, *file, "param/" + name, path, "--resume");
  };
  restore(parameters.apm);
  restore(parameters.projection);
  const json& steps = document.at("adam_steps");
  for (const auto& [name, tensor] : parameters.trainable()) {
    if (!steps.contains(name)) continue;
    auto state = std::make_unique<torch::optim::AdamWParamState>();
    state->step(steps.at(name).get<int64_t>());
    state->exp_avg(file->tensor("exp_avg/" + name).clone());
    state->exp_avg_sq(file->tensor("exp_avg_sq/" + name).clone());
    optimizer.state()[state_key(tensor)] = std::move(state);
  }
}

// The queries the losses on real films read (side_loss, clavicle_reach_loss), by published name.
struct RealFilmQueries {
  std::vector<std::pair<int64_t, int64_t>> pairs;
  int64_t heart = 0, left_lung = 0, right_lung = 0, left_clavicle = 0, right_clavicle = 0;
};

RealFilmQueries real_film_queries() {
  const std::vector<std::string>& names = published_anatomy_names();
  const std::vector<int> partner = lateral_partner_indices(names);
  RealFilmQueries q;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (partner[i] != static_cast<int>(i) && names_patient_left(names[i])) q.pairs.emplace_back(static_cast<int64_t>(i), partner[i]);
  }
  auto index = [&](const char* name) {
    return static_cast<int64_t>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  q.heart = index("Cardiac shadow viewed radiologically or Heart");
  q.left_lung = index("Left lung");
  q.right_lung = index("Right lung");
  q.left_clavicle = index("Left clavicle");
  q.right_clavicle = index("Right clavicle");
  return q;
}

// The APM weights of a bundle (its weights file) replace the initial ones; every tensor must match.
void start_from_bundle(const std::string& bundle_dir, std::map<std::string, torch::Tensor>& apm) {
  const fs::path config_path = fs::path(bundle_dir) / "config.json";
  std::ifstream stream(config_path);
  if (!stream) throw std::runtime_error("init_from: cannot open " + config_path.string() + ".");
  const BundleConfig bundle = BundleConfig::apm_part_from_json(json::parse(stream), bundle_dir);
  const std::string path = (fs::path(bundle_dir) / bundle.files.weights.front()).string();
  const auto file = safetensors::SafetensorsFile::open(path);
  torch::NoGradGuard no_grad;
  std::size_t copied = 0;
  for (auto& [name, tensor] : apm) {
    if (name.rfind("vis_model.", 0) != 0) continue;
    copy_stored(tensor, *file, name, path, "init_from");
    ++copied;
  }
  named_logger("training")->info("init_from: {} APM tensors from {}", copied, path);
}

// Cumulative histograms of the radiographs in `directory` (PNG, JPEG, TIFF, DICOM) as the model reads them.
std::vector<std::array<float, 256>> reference_histograms(const std::string& directory) {
  std::vector<std::array<float, 256>> cdfs;
  for_each_film(directory, "histogram references", [&](const std::string&, const image::Gray8Image& pixels) {
    cdfs.push_back(cumulative_histogram(pixels.pixels.data(), pixels.pixels.size()));
  });
  if (cdfs.empty()) throw std::runtime_error("histogram references: no readable image in " + directory + ".");
  return cdfs;
}

double validation_iou(apm::Apm& model, const ApmTrainingSet& set, int batch, bool batch_norm_trains) {
  torch::NoGradGuard no_grad;
  model.set_batch_statistics(false);  // the running statistics, as inference uses them
  double sum = 0;
  int64_t count = 0;
  for (int64_t start = 0; start < set.count; start += batch) {
    const int64_t length = std::min<int64_t>(batch, set.count - start);
    const torch::Tensor images = set.pixels.narrow(0, start, length).unsqueeze(1).to(torch::kFloat32).div_(255.0);
    const apm::ApmOutput out = model.forward(images);
    const torch::Tensor iou = paired_iou(cxcywh_to_xyxy(out.boxes), cxcywh_to_xyxy(set.boxes.narrow(0, start, length)));
    sum += iou.sum().item<double>();
    count += iou.numel();
  }
  model.set_batch_statistics(batch_norm_trains);
  return count ? sum / static_cast<double>(count) : 0;
}

// Every sentence each anatomy carries in the training set: the rows of the
// sentence table its sub-database holds, padded with row 0 where `mask` is false. [Q, C] each.
struct SubDatabases {
  torch::Tensor rows, mask;
};

SubDatabases sub_databases(const ApmTrainingSet& set) {
  const int64_t Q = set.sentence_rows.size(1);
  std::vector<std::set<int64_t>> lists(static_cast<size_t>(Q));
  const auto table = set.sentence_rows.accessor<int64_t, 2>();
  for (int64_t i = 0; i < set.sentence_rows.size(0); ++i)
    for (int64_t q = 0; q < Q; ++q) lists[static_cast<size_t>(q)].insert(table[i][q]);
  size_t longest = 1;
  for (const auto& list : lists) longest = std::max(longest, list.size());
  SubDatabases database{torch::zeros({Q, static_cast<int64_t>(longest)}, torch::kInt64),
                        torch::zeros({Q, static_cast<int64_t>(longest)}, torch::kBool)};
  auto rows = database.rows.accessor<int64_t, 2>();
  auto mask = database.mask.accessor<bool, 2>();
  for (int64_t q = 0; q < Q; ++q) {
    int64_t c = 0;
    for (int64_t row : lists[static_cast<size_t>(q)]) {
      rows[q][c] = row;
      mask[q][c++] = true;
    }
  }
  return database;
}

// loss.csv: a header, one row per step; on resume the rows after the checkpoint are dropped.
std::ofstream open_loss_log(const fs::path& path, int resume_step) {
  const std::string header = "step,lr,loss,box_l1,box_giou,image_labels,contrastive,validation_iou,seconds,database_contrastive,real_sides,real_boxes,real_labels,real_mirror_consistency,real_clavicle_reach";
  std::vector<std::string> kept;
  if (resume_step > 0) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line.rfind("step,", 0) == 0) continue;  // this header or an older one
      if (std::stoi(line.substr(0, line.find(','))) <= resume_step) kept.push_back(line);
    }
  }
  std::ofstream out(path, std::ios::trunc);
  out << header << "\n";
  for (const auto& line : kept) out << line << "\n";
  if (!out) throw std::runtime_error("Cannot write " + path.string() + ".");
  return out;
}

}  // namespace

ApmTrainingOptions ApmTrainingOptions::from_json(const json& d, const std::string& origin) {
  static const std::set<std::string> known{
      "data_dir", "val_dir", "run_dir", "image_size", "apm", "steps", "batch", "lr", "backbone_lr_scale",
      "weight_decay", "warmup_steps", "grad_clip", "backbone_batch_norm", "sentence_projector_hidden", "augmentation", "loss_weights", "init_from", "real_images", "real_boxes", "real_batch", "real_labels", "real_labels_split",
      "checkpoint_every", "validate_every", "log_every", "threads", "limit", "val_limit", "seed"};
  if (!d.is_object()) throw std::runtime_error("Training config " + origin + " is not a JSON object.");
  for (const auto& item : d.items())
    if (!known.count(item.key())) throw std::runtime_error("Training config " + origin + " has an unknown key \"" + item.key() + "\".");
  ApmTrainingOptions o;
  try {
    auto read = [](const json& object, const char* key, auto& target) {
      if (object.contains(key)) target = object.at(key).get<std::decay_t<decltype(target)>>();
    };
    read(d, "data_dir", o.data_dir);
    read(d, "val_dir", o.val_dir);
    read(d, "run_dir", o.run_dir);
    read(d, "steps", o.steps);
    read(d, "batch", o.batch);
    read(d, "lr", o.lr);
    read(d, "backbone_lr_scale", o.backbone_lr_scale);
    read(d, "weight_decay", o.weight_decay);
    read(d, "warmup_steps", o.warmup_steps);
    read(d, "grad_clip", o.grad_clip);
    read(d, "backbone_batch_norm", o.backbone_batch_norm);
    read(d, "sentence_projector_hidden", o.sentence_projector_hidden);
    read(d, "checkpoint_every", o.checkpoint_every);
    read(d, "validate_every", o.validate_every);
    read(d, "log_every", o.log_every);
    read(d, "threads", o.threads);
    read(d, "limit", o.limit);
    read(d, "val_limit", o.val_limit);
    read(d, "seed", o.seed);
    read(d, "init_from", o.init_from);
    read(d, "real_images", o.real_images);
    read(d, "real_boxes", o.real_boxes);
    read(d, "real_batch", o.real_batch);
    read(d, "real_labels", o.real_labels);
    read(d, "real_labels_split", o.real_labels_split);
    if (d.contains("augmentation")) {
      const json& a = d.at("augmentation");
      read(a, "enabled", o.augmentation.enabled);
      read(a, "flip_probability", o.augmentation.flip_probability);
      read(a, "max_rotation_degrees", o.augmentation.max_rotation_degrees);
      read(a, "max_translation", o.augmentation.max_translation);
      read(a, "max_scale_change", o.augmentation.max_scale_change);
      read(a, "max_zoom", o.augmentation.max_zoom);
      read(a, "appearance_probability", o.augmentation.appearance_probability);
      read(a, "crop_probability", o.augmentation.crop_probability);
      read(a, "max_crop", o.augmentation.max_crop);
      read(a, "collimation_probability", o.augmentation.collimation_probability);
      read(a, "text_probability", o.augmentation.text_probability);
      read(a, "opacity_probability", o.augmentation.opacity_probability);
      read(a, "histogram_probability", o.augmentation.histogram_probability);
      read(a, "histogram_references", o.augmentation.histogram_references);
    }
    if (d.contains("loss_weights")) {
      const json& w = d.at("loss_weights");
      read(w, "box_l1", o.loss_weights.box_l1);
      read(w, "box_giou", o.loss_weights.box_giou);
      read(w, "image_labels", o.loss_weights.image_labels);
      read(w, "contrastive", o.loss_weights.contrastive);
      read(w, "database_contrastive", o.loss_weights.database_contrastive);
      read(w, "real_sides", o.loss_weights.real_sides);
      read(w, "real_boxes", o.loss_weights.real_boxes);
      read(w, "real_labels", o.loss_weights.real_labels);
      read(w, "real_mirror_consistency", o.loss_weights.real_mirror_consistency);
      read(w, "real_clavicle_reach", o.loss_weights.real_clavicle_reach);
    }
  } catch (const json::exception& error) {
    throw std::runtime_error("Training config " + origin + " has a value of the wrong type: " + error.what());
  }
  o.model = read_model_config(d, origin);
  std::vector<std::string> problems;
  if (o.steps <= 0) problems.push_back("steps must be positive");
  if (o.batch <= 0 || o.batch > 4096) problems.push_back("batch must be in 1..4096");
  if (!(o.lr > 0 && o.lr < 1)) problems.push_back("lr must be in (0, 1)");
  if (o.warmup_steps < 0) problems.push_back("warmup_steps must not be negative");
  if (!(o.grad_clip > 0)) problems.push_back("grad_clip must be positive");
  if (o.checkpoint_every <= 0 || o.validate_every <= 0 || o.log_every <= 0)
    problems.push_back("checkpoint_every, validate_every and log_every must be positive");
  for (const auto& [name, p] : {std::pair<const char*, double>{"flip_probability", o.augmentation.flip_probability},
                                {"appearance_probability", o.augmentation.appearance_probability},
                                {"crop_probability", o.augmentation.crop_probability},
                                {"collimation_probability", o.augmentation.collimation_probability},
                                {"text_probability", o.augmentation.text_probability},
                                {"opacity_probability", o.augmentation.opacity_probability},
                                {"histogram_probability", o.augmentation.histogram_probability}})
    if (p < 0 || p > 1) problems.push_back(std::string("augmentation.") + name + " must be in [0, 1]");
  if (!(o.augmentation.max_crop >= 0 && o.augmentation.max_crop <= 0.4))
    problems.push_back("augmentation.max_crop must be in [0, 0.4]");
  if (o.augmentation.histogram_probability > 0 && o.augmentation.histogram_references.empty())
    problems.push_back("augmentation.histogram_probability needs augmentation.histogram_references (a folder)");
  if (o.sentence_projector_hidden <= 0) problems.push_back("sentence_projector_hidden must be positive");
  if (o.loss_weights.real_sides > 0 && (o.real_images.empty() || o.real_batch < 2))
    problems.push_back("loss_weights.real_sides needs real_images (a folder) and real_batch >= 2");
  if (o.loss_weights.real_boxes > 0 && (o.real_images.empty() || o.real_boxes.empty() || o.real_batch < 1))
    problems.push_back("loss_weights.real_boxes needs real_images (a folder), real_boxes (a boxes.json) and real_batch >= 1");
  if (o.loss_weights.real_labels > 0 && (o.real_images.empty() || o.real_labels.empty() || o.real_batch < 1))
    problems.push_back("loss_weights.real_labels needs real_images (a folder), real_labels (a files.tsv) and real_batch >= 1");
  if (o.loss_weights.real_mirror_consistency > 0 && (o.real_images.empty() || o.real_batch < 1))
    problems.push_back("loss_weights.real_mirror_consistency needs real_images (a folder) and real_batch >= 1");
  if (o.loss_weights.real_clavicle_reach > 0 && (o.real_images.empty() || o.real_batch < 1))
    problems.push_back("loss_weights.real_clavicle_reach needs real_images (a folder) and real_batch >= 1");
  if (!problems.empty()) {
    std::string message = "Training config " + origin + ":";
    for (const auto& p : problems) message += "\n  - " + p;
    throw std::runtime_error(message);
  }
  return o;
}

json ApmTrainingOptions::to_json() const {
  BundleConfig bundle;
  bundle.apm = model;
  const json sizes = bundle.to_json();
  return json{{"data_dir", data_dir}, {"val_dir", val_dir}, {"run_dir", run_dir},
              {"image_size", sizes.at("image_size")}, {"apm", sizes.at("apm")}, {"steps", steps}, {"batch", batch},
              {"lr", lr}, {"backbone_lr_scale", backbone_lr_scale}, {"weight_decay", weight_decay},
              {"warmup_steps", warmup_steps}, {"grad_clip", grad_clip}, {"backbone_batch_norm", backbone_batch_norm},
              {"sentence_projector_hidden", sentence_projector_hidden},
              {"augmentation",
               {{"enabled", augmentation.enabled}, {"flip_probability", augmentation.flip_probability},
                {"max_rotation_degrees", augmentation.max_rotation_degrees},
                {"max_translation", augmentation.max_translation}, {"max_scale_change", augmentation.max_scale_change}, {"max_zoom", augmentation.max_zoom},
                {"appearance_probability", augmentation.appearance_probability},
                {"crop_probability", augmentation.crop_probability}, {"max_crop", augmentation.max_crop},
                {"collimation_probability", augmentation.collimation_probability},
                {"text_probability", augmentation.text_probability},
                {"opacity_probability", augmentation.opacity_probability},
                {"histogram_probability", augmentation.histogram_probability},
                {"histogram_references", augmentation.histogram_references}}},
              {"init_from", init_from},
              {"loss_weights",
               {{"box_l1", loss_weights.box_l1}, {"box_giou", loss_weights.box_giou},
                {"image_labels", loss_weights.image_labels}, {"contrastive", loss_weights.contrastive},
                {"database_contrastive", loss_weights.database_contrastive}, {"real_sides", loss_weights.real_sides},
                {"real_boxes", loss_weights.real_boxes}, {"real_labels", loss_weights.real_labels},
                {"real_mirror_consistency", loss_weights.real_mirror_consistency},
                {"real_clavicle_reach", loss_weights.real_clavicle_reach}}},
              {"real_images", real_images}, {"real_boxes", real_boxes}, {"real_batch", real_batch},
              {"real_labels", real_labels}, {"real_labels_split", real_labels_split},
              {"checkpoint_every", checkpoint_every}, {"validate_every", validate_every}, {"log_every", log_every},
              {"threads", threads}, {"limit", limit}, {"val_limit", val_limit}, {"seed", seed}};
}

ApmTrainingResult train_apm(const ApmTrainingOptions& requested, bool resume) {
  const fs::path run_dir(requested.run_dir);
  if (requested.run_dir.empty()) throw std::runtime_error("No run directory (--out) given.");
  fs::create_directories(run_dir);
  ApmTrainingOptions options = requested;
  int start_step = 0;
  json checkpoint;
  if (resume) {
    checkpoint = read_checkpoint_json(run_dir);
    options = ApmTrainingOptions::from_json(checkpoint.at("options"), (run_dir / "checkpoint.json").string());
    if (requested.steps > 0) options.steps = requested.steps;
    options.threads = requested.threads;
    options.until = requested.until;
    start_step = checkpoint.at("step").get<int>();
  }
  if (options.threads > 0) torch::set_num_threads(options.threads);
  const int decode_threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const ApmConfig& config = options.model;

  named_logger("training")->info("train apm: data {}, validation {}, run {}, {} steps of batch {}{}", options.data_dir,
               options.val_dir.empty() ? "(none)" : options.val_dir, options.run_dir, options.steps, options.batch,
               resume ? ", resuming after step " + std::to_string(start_step) : std::string());
  const std::vector<StudyTruth> studies = load_study_set(options.data_dir, options.limit);
  const SentenceTable sentences = SentenceTable::load(options.data_dir);
  const ApmTrainingSet train_set =
      prepare_apm_training_set(studies, config.image_size, &sentences, (run_dir / "cache.bin").string(), decode_threads);
  ApmTrainingSet val_set;
  if (!options.val_dir.empty())
    val_set = prepare_apm_training_set(load_study_set(options.val_dir, options.val_limit), config.image_size, nullptr,
                                       (run_dir / "cache_val.bin").string(), decode_threads);

  if (options.augmentation.histogram_probability > 0) {
    options.augmentation.reference_cdfs = reference_histograms(options.augmentation.histogram_references);
    named_logger("training")->info("histogram matching: {} reference radiographs from {}", options.augmentation.reference_cdfs.size(),
                 options.augmentation.histogram_references);
  }

  Parameters parameters;
  parameters.batch_norm_trains = options.backbone_batch_norm;
  parameters.apm = initial_apm_weights(config, mix(options.seed, 1), options.backbone_batch_norm);
  if (!options.init_from.empty() && !resume) start_from_bundle(options.init_from, parameters.apm);
  parameters.projection = initial_sentence_projection(static_cast<int>(sentences.dimension()),
                                                      options.sentence_projector_hidden, config.object_dim,
                                                      mix(options.seed, 2));
  std::vector<torch::Tensor> backbone, rest;
  for (auto& [name, tensor] : parameters.trainable()) {
    tensor.requires_grad_(true);
    (name.find("vis_model.backbone.") == 0 ? backbone : rest).push_back(tensor);
  }
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(backbone, std::make_unique<torch::optim::AdamWOptions>(
                                    torch::optim::AdamWOptions(options.lr * options.backbone_lr_scale).weight_decay(options.weight_decay)));
  groups.emplace_back(rest, std::make_unique<torch::optim::AdamWOptions>(
                                torch::optim::AdamWOptions(options.lr).weight_decay(options.weight_decay)));
  torch::optim::AdamW optimizer(std::move(groups));
  if (resume) load_checkpoint(run_dir, checkpoint, parameters, optimizer);

  apm::Apm model(
      config,
      [&](const std::string& name) {
        const auto it = parameters.apm.find(name);
        if (it == parameters.apm.end()) throw std::runtime_error("APM weight " + name + " was not initialised.");
        return it->second;
      },
      c10::Device(c10::kCPU), apm::WeightUse::kTraining);
  model.set_batch_statistics(options.backbone_batch_norm);
  int64_t parameter_count = 0;
  for (const auto& [name, tensor] : parameters.trainable()) parameter_count += tensor.numel();
  named_logger("training")->info("APM {} px, backbone width {} blocks [{},{},{},{}], d {}, {} trainable parameters, {} training studies",
               config.image_size, config.backbone_width, config.backbone_blocks[0], config.backbone_blocks[1],
               config.backbone_blocks[2], config.backbone_blocks[3], config.hidden_dim, parameter_count, train_set.count);

  const SubDatabases database = sub_databases(train_set);
  ApmTrainingSet real_set;
  AugmentationOptions real_augmentation = options.augmentation;
  real_augmentation.histogram_probability = 0;  // they are real already
  if (options.loss_weights.real_sides > 0 || options.loss_weights.real_boxes > 0 || options.loss_weights.real_labels > 0 ||
      options.loss_weights.real_mirror_consistency > 0 || options.loss_weights.real_clavicle_reach > 0)
    real_set = real_film_set(options.real_images, options.loss_weights.real_boxes > 0 ? options.real_boxes : "",
                             config.image_size, options.loss_weights.real_labels > 0 ? options.real_labels : "",
                             options.real_labels_split);
  const RealFilmQueries queries = real_film_queries();
  // Opacity goes into the real films' known lung boxes only: a generated study's labels and sentences would
  // contradict the painted opacity, a real film's labels are dropped where it is painted.
  real_augmentation.opacity_queries = {queries.left_lung, queries.right_lung};
  AugmentationOptions generated_augmentation = options.augmentation;
  generated_augmentation.opacity_probability = 0;
  BatchSchedule schedule(options.seed, train_set.count);
  std::ofstream loss_log = open_loss_log(run_dir / "loss.csv", start_step);
  std::vector<torch::Tensor> clipped;
  for (const auto& entry : parameters.trainable()) clipped.push_back(entry.second);

  auto write_outputs = [&](int step, double iou) {
    save_checkpoint(run_dir, parameters, optimizer, step, options, iou);
    write_apm_bundle((run_dir / "bundle").string(), config, parameters.apm, studies, sentences,
                     [&](const torch::Tensor& vectors) { return project_sentences(parameters, vectors); });
  };

  ApmTrainingResult result;
  result.last_step = start_step;
  double timed_seconds = 0;
  int timed_steps = 0;
  double window_loss = 0;
  int window_steps = 0;
  const int final_step = options.until > 0 ? std::min(options.until, options.steps) : options.steps;
  for (int step = start_step + 1; step <= final_step; ++step) {
    const auto started = std::chrono::steady_clock::now();
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(mix(options.seed, 0xa06ull * 1000003ull + step));
    const ApmBatch batch = make_apm_batch(train_set, schedule.indices(step, options.batch), generated_augmentation,
                                          generator);
    const double lr = learning_rate(options, step);
    auto& group_options = optimizer.param_groups();
    static_cast<torch::optim::AdamWOptions&>(group_options[0].options()).lr(lr * options.backbone_lr_scale);
    static_cast<torch::optim::AdamWOptions&>(group_options[1].options()).lr(lr);

    apm::ApmOutput out;
    torch::Tensor real_sides = torch::zeros({});
    torch::Tensor real_boxes = torch::zeros({});
    torch::Tensor real_labels = torch::zeros({});
    torch::Tensor real_mirror = torch::zeros({});
    torch::Tensor real_clavicles = torch::zeros({});
    if (real_set.count > 0) {
      // One forward over both, so that the batch norms see generated and real films together.
      std::vector<int64_t> picks;
      const torch::Tensor drawn = torch::randint(real_set.count, {options.real_batch}, generator);
      for (int64_t r = 0; r < options.real_batch; ++r) picks.push_back(drawn[r].item<int64_t>());
      const ApmBatch real = make_apm_batch(real_set, picks, real_augmentation, generator);
      const bool with_mirrors = options.loss_weights.real_mirror_consistency > 0;
      std::vector<torch::Tensor> images{batch.images, real.images};
      if (with_mirrors) images.push_back(real.images.flip({3}));
      const apm::ApmOutput both = model.forward(torch::cat(images, 0));
      const int64_t B = batch.images.size(0);
      out = both;
      out.boxes = both.boxes.narrow(0, 0, B);
      out.image_logits = both.image_logits.narrow(0, 0, B);
      out.objects = both.objects.narrow(0, 0, B);
      const torch::Tensor real_predicted = both.boxes.narrow(0, B, options.real_batch);
      torch::Tensor read_boxes = real_predicted, left_at_image_right = real.flipped.logical_not();
      if (with_mirrors) {
        const torch::Tensor mirror_predicted = both.boxes.narrow(0, B + options.real_batch, options.real_batch);
        real_mirror = mirror_consistency_loss(real_predicted, mirror_predicted);
        read_boxes = torch::cat({real_predicted, mirror_predicted}, 0);
        left_at_image_right = torch::cat({left_at_image_right, real.flipped}, 0);
      }
      real_sides = side_loss(read_boxes, left_at_image_right, queries.pairs, queries.heart, queries.left_lung,
                             queries.right_lung);
      if (options.loss_weights.real_clavicle_reach > 0)
        real_clavicles = clavicle_reach_loss(read_boxes, left_at_image_right, queries.left_clavicle,
                                             queries.right_clavicle, queries.left_lung, queries.right_lung);
      if (real.box_mask.defined() && real.box_mask.any().item<bool>()) {
        const torch::Tensor predicted = real_predicted.index({real.box_mask});
        const torch::Tensor known = real.boxes.index({real.box_mask});
        real_boxes = options.loss_weights.box_l1 * box_l1_loss(predicted, known) +
                     options.loss_weights.box_giou * box_giou_loss(predicted, known);
      }
      if (real.label_mask.defined())
        real_labels = masked_image_label_loss(both.image_logits.narrow(0, B, options.real_batch), real.labels,
                                              real.label_mask & real.opacified.logical_not().unsqueeze(1));
    } else {
      out = model.forward(batch.images);
    }
    const torch::Tensor l1 = box_l1_loss(out.boxes, batch.boxes);
    const torch::Tensor giou = box_giou_loss(out.boxes, batch.boxes);
    const torch::Tensor labels = image_label_loss(out.image_logits, batch.labels);
    const torch::Tensor rows = batch.sentence_rows.reshape({-1});
    const torch::Tensor vectors = sentences.vectors().index_select(0, rows);
    const torch::Tensor contrastive = soft_kl_contrastive_loss(out.objects.reshape({-1, config.object_dim}),
                                                               project_sentences(parameters, vectors), vectors);
    const ApmLossWeights& w = options.loss_weights;
    torch::Tensor total = w.box_l1 * l1 + w.box_giou * giou + w.image_labels * labels + w.contrastive * contrastive +
                          w.real_sides * real_sides + w.real_boxes * real_boxes + w.real_labels * real_labels +
                          w.real_mirror_consistency * real_mirror + w.real_clavicle_reach * real_clavicles;
    torch::Tensor database_contrastive = torch::zeros({});
    if (w.database_contrastive > 0) {
      const int64_t Q = database.rows.size(0), C = database.rows.size(1);
      const torch::Tensor candidate_vectors = sentences.vectors().index_select(0, database.rows.reshape({-1}));
      database_contrastive = database_contrastive_loss(
          out.objects, project_sentences(parameters, candidate_vectors).view({Q, C, -1}), database.mask,
          vectors.view({out.objects.size(0), Q, -1}), candidate_vectors.view({Q, C, -1}));
      total = total + w.database_contrastive * database_contrastive;
    }
    const double loss = total.item<double>();
    if (!std::isfinite(loss))
      throw std::runtime_error("The APM loss is not finite at step " + std::to_string(step) +
                               " (lower --lr or check the data); the last checkpoint is in " + run_dir.string() + ".");
    optimizer.zero_grad();
    total.backward();
    torch::nn::utils::clip_grad_norm_(clipped, options.grad_clip);
    optimizer.step();

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (step > start_step + 1) {  // the first step warms up allocations
      timed_seconds += seconds;
      ++timed_steps;
    }
    if (step == start_step + 1) result.first_loss = loss;
    result.last_loss = loss;
    result.last_step = step;
    window_loss += loss;
    ++window_steps;

    double iou = -1;
    const bool last = step == final_step;
    if (val_set.count > 0 && (step % options.validate_every == 0 || last)) {
      iou = validation_iou(model, val_set, options.batch, options.backbone_batch_norm);
      result.validation_iou = iou;
      named_logger("training")->info("step {}: validation mean anatomy IoU {:.4f} on {} studies", step, iou, val_set.count);
    }
    loss_log << step << "," << lr << "," << loss << "," << l1.item<double>() << "," << giou.item<double>() << ","
             << labels.item<double>() << "," << contrastive.item<double>() << ","
             << (iou >= 0 ? std::to_string(iou) : std::string()) << "," << seconds << ","
             << database_contrastive.item<double>() << "," << real_sides.item<double>() << ","
             << real_boxes.item<double>() << "," << real_labels.item<double>() << "," << real_mirror.item<double>()
             << "," << real_clavicles.item<double>() << "\n";
    loss_log.flush();
    if (step % options.log_every == 0 || last || step == start_step + 1) {
      named_logger("training")->info("step {}/{} loss {:.4f} (mean of last {}: {:.4f}; box L1 {:.4f}, GIoU {:.4f}, labels {:.4f}, "
                   "contrastive {:.4f}, sub-database {:.4f}, real sides {:.4f}, real boxes {:.4f}, real labels {:.4f}, "
                   "real mirror {:.4f}, real clavicles {:.4f}) lr {:.2e}, {:.2f} s/step",
                   step, options.steps, loss, window_steps, window_loss / window_steps, l1.item<double>(),
                   giou.item<double>(), labels.item<double>(), contrastive.item<double>(), database_contrastive.item<double>(),
                   real_sides.item<double>(), real_boxes.item<double>(), real_labels.item<double>(),
                   real_mirror.item<double>(), real_clavicles.item<double>(), lr,
                   timed_steps ? timed_seconds / timed_steps : seconds);
      window_loss = 0;
      window_steps = 0;
    }
    if (step % options.checkpoint_every == 0 || last) {
      write_outputs(step, iou);
      named_logger("training")->info("step {}: checkpoint and bundle written to {}", step, run_dir.string());
    }
  }
  if (start_step >= final_step) {
    named_logger("training")->info("the checkpoint is at step {} >= {} steps: nothing to train, rewriting the bundle", start_step,
                 options.steps);
    write_outputs(start_step, -1);
  }
  result.seconds_per_step = timed_steps ? timed_seconds / timed_steps : 0;
  return result;
}

}  // namespace anatomix::training
