// The training loop of the language-model stages (projector alignment, instruction tuning): the small Gemma 3
// and both projectors as parameter leaves run through the engine's own forward code, loss on the answer tokens
// (and <end_of_turn>) only, AdamW with warm-up and cosine decay, gradient clipping, checkpoints with exact
// resume, spdlog progress and a CSV loss log, validation loss and a few greedy generations.
// Included by training .cpp files only (it exposes at::Tensor).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "bundle_config.h"
#include "dataset/study_dataset.h"
#include "lm/tokenizer.h"
#include "train/lm_feature_cache.h"

namespace anatomix::training {

struct LanguageTrainOptions {
  std::string stage = "instruct";        // names logs and checkpoints: "align" or "instruct"
  std::string run_dir;
  int64_t steps = 1000;                  // length of the schedule
  int64_t stop_at = 0;                   // > 0: stop (checkpointed) after this step; continue with resume
  int batch = 4;                         // studies per optimizer step (gradient accumulation), each with all its
                                         // task samples on one reading
  double learning_rate = 1e-3;
  double final_learning_rate_fraction = 0.1;
  int64_t warmup_steps = 50;
  double weight_decay = 0.01;            // matrices only; norms, biases and embeddings are not decayed
  double clip_norm = 1.0;
  uint64_t seed = 1;
  double flip_probability = 0.5;
  std::set<std::string> tasks;           // task names trained on; empty = all
  bool train_language_model = true;      // false: projectors only (the published alignment stage)
  int64_t checkpoint_every = 200;
  int log_every = 10;
  int64_t validate_every = 0;            // 0: only at the end
  int validation_examples = 4;
  int max_new_tokens = 60;
  bool resume = false;
};

// Parameters of the two trained parts, by the names they are saved under.
struct LanguageModelState {
  nlohmann::json lm_config;                       // HF Gemma 3 text config
  std::map<std::string, at::Tensor> lm;           // Gemma3Model::parameter_shapes names
  std::map<std::string, at::Tensor> projectors;   // image_projectionhead.proj.*, obj_projectionhead.proj.*
};

// Random LM (HF init) and projectors (PyTorch defaults) for `config`.
LanguageModelState random_language_model_state(const BundleConfig& config, const nlohmann::json& lm_config,
                                               uint64_t seed);
// Saves / loads RUN_DIR-style weights: `dir`/lm.safetensors and `dir`/projectors.safetensors.
void save_language_model_state(const LanguageModelState& state, const std::string& dir);
LanguageModelState load_language_model_state(const std::string& dir, const nlohmann::json& lm_config);
// The language model and projectors of a complete bundle (its lm.safetensors, the projector tensors of its
// anatomix.safetensors) under its config.json "lm" section: a start for training on a new APM.
LanguageModelState bundle_language_model_state(const std::string& bundle_dir);

// Warm-up (linear from 0) then cosine decay to `final_fraction` of the peak, at step `step` (0-based).
double scheduled_learning_rate(int64_t step, int64_t total_steps, int64_t warmup_steps, double peak,
                               double final_fraction);

struct TrainingSummary {
  int64_t first_step = 0;                // > 0 when resumed
  int64_t steps = 0;                     // steps done after the run (== options.steps unless stopped early)
  double first_loss = 0, last_loss = 0;  // mean loss of the first and the last logged window
  double seconds_per_step = 0;
  int64_t examples = 0;                  // task samples trained on in this run
  double mean_tokens_per_example = 0;    // tokens run through the model per sample (the shared prefix once)
  double validation_loss = 0;            // NaN without validation data
};

// Trains `state` in place on the studies (in standard display) with their cached features; validation on
// `validation` (may be empty). Throws std::runtime_error naming the file on I/O problems.
TrainingSummary train_language_model(LanguageModelState& state, const BundleConfig& config,
                                     const lm::Tokenizer& tokenizer, const std::vector<StudyTruth>& studies,
                                     const FeatureCache& features, const std::vector<StudyTruth>& validation,
                                     const FeatureCache* validation_features, const LanguageTrainOptions& options);

}  // namespace anatomix::training
