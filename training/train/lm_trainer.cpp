#include "train/lm_trainer.h"

#include <torch/torch.h>

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <tuple>

#include "anatomix/named_logger.h"
#include "lm/gemma3.h"
#include "lm/generation.h"
#include "lm/safetensors.h"
#include "projector.h"
#include "train/lm_samples.h"

namespace anatomix::training {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The engine's model code over the state's leaves.
struct TrainableModel {
  std::unique_ptr<lm::Gemma3Model> language_model;
  std::unique_ptr<Projector> image_projector, object_projector;
};

TrainableModel make_model(const LanguageModelState& state) {
  TrainableModel model;
  const lm::Gemma3Config config = lm::Gemma3Config::from_json_text(state.lm_config.dump(), "language model config");
  model.language_model = lm::Gemma3Model::from_parameters(config, state.lm);
  auto lookup = [&](const std::string& name) {
    auto it = state.projectors.find(name);
    if (it == state.projectors.end()) throw std::runtime_error("projector parameter '" + name + "' is missing");
    return it->second;
  };
  model.image_projector = std::make_unique<Projector>("image_projectionhead", lookup, c10::Device(c10::kCPU));
  model.object_projector = std::make_unique<Projector>("obj_projectionhead", lookup, c10::Device(c10::kCPU));
  return model;
}

at::Tensor prompt_input(const TrainableModel& model, const BundleConfig& config, const std::vector<int64_t>& ids,
                        const ReadingFeatures& reading) {
  return prompt_embeddings(*model.language_model, ids, {config.tokens.image, config.tokens.object0},
                           *model.image_projector, reading.memory, *model.object_projector, reading.objects);
}

// Mean over `samples` (all on one reading) of each answer's mean cross-entropy (answer tokens and <end_of_turn>).
// The token prefix the prompts share (image, anatomy lines, "Task:") runs once; each sample's rest runs on a copy
// of that KV cache, as Engine::ask answers a follow-up question. Same loss as one forward_train per sample.
at::Tensor shared_prefix_loss(const TrainableModel& model, const BundleConfig& config,
                              const std::vector<TokenizedSample>& samples, const ReadingFeatures& reading,
                              int64_t* tokens_run = nullptr) {
  const std::vector<int64_t>& first = samples.front().ids;
  // Every sample keeps at least its last prompt token: its logits predict the first answer token.
  int64_t shared = samples.front().answer_begin - 1;
  for (const TokenizedSample& sample : samples)
    shared = std::min({shared, lm::shared_prefix_length(first, sample.ids), sample.answer_begin - 1});
  const lm::Gemma3Model& language_model = *model.language_model;
  lm::KvCache prefix = language_model.new_cache(shared);
  language_model.forward(prompt_input(model, config, first, reading).narrow(0, 0, shared), prefix);
  at::Tensor total;
  int64_t run = shared;
  for (const TokenizedSample& sample : samples) {
    const auto T = static_cast<int64_t>(sample.ids.size());
    lm::KvCache cache = prefix.prefix_copy(shared, T);
    const at::Tensor logits = language_model.forward_all_logits(
        prompt_input(model, config, sample.ids, reading).narrow(0, shared, T - shared), cache);
    const at::Tensor predicted = logits.narrow(0, sample.answer_begin - 1 - shared, T - sample.answer_begin);
    const at::Tensor targets =
        torch::tensor(std::vector<int64_t>(sample.ids.begin() + sample.answer_begin, sample.ids.end()), torch::kLong);
    const at::Tensor loss = torch::nn::functional::cross_entropy(predicted, targets);
    total = total.defined() ? total + loss : loss;
    run += T - shared;
  }
  if (tokens_run) *tokens_run = run;
  return total / static_cast<double>(samples.size());
}

std::vector<std::pair<std::string, at::Tensor>> as_list(const std::map<std::string, at::Tensor>& tensors) {
  std::vector<std::pair<std::string, at::Tensor>> list;
  for (const auto& [name, tensor] : tensors) list.emplace_back(name, tensor.detach());
  return list;
}

std::map<std::string, at::Tensor> read_all(const std::string& path) {
  const auto file = safetensors::SafetensorsFile::open(path);
  std::map<std::string, at::Tensor> tensors;
  // Owned copies: the optimizer updates them in place and the file mapping is read-only.
  for (const auto& name : file->names()) tensors.emplace(name, file->tensor(name).to(torch::kFloat32).clone());
  return tensors;
}

std::string shorten(std::string text, size_t limit = 160) {
  for (char& c : text)
    if (c == '\n') c = '|';
  return text.size() > limit ? text.substr(0, limit) + "..." : text;
}

void write_json(const fs::path& path, const json& document) {
  std::ofstream stream(path);
  stream << document.dump(2) << "\n";
  if (!stream) throw std::runtime_error("Cannot write " + path.string() + ".");
}

}  // namespace

LanguageModelState random_language_model_state(const BundleConfig& config, const json& lm_config, uint64_t seed) {
  LanguageModelState state;
  state.lm_config = lm_config;
  const lm::Gemma3Config parsed = lm::Gemma3Config::from_json_text(lm_config.dump(), "language model config");
  state.lm = lm::Gemma3Model::random_parameters(parsed, seed);
  const int64_t hidden = parsed.hidden_size;
  for (const auto& [prefix, in, offset] :
       {std::tuple<const char*, int64_t, uint64_t>{"image_projectionhead", config.apm.hidden_dim, 1},
        {"obj_projectionhead", config.apm.object_dim, 2}})
    for (auto& [name, tensor] : Projector::random_parameters(prefix, in, config.projector_hidden, hidden, seed + offset))
      state.projectors.emplace(name, tensor);
  return state;
}

void save_language_model_state(const LanguageModelState& state, const std::string& dir) {
  fs::create_directories(dir);
  safetensors::write_safetensors((fs::path(dir) / "lm.safetensors").string(), as_list(state.lm), {{"format", "pt"}});
  safetensors::write_safetensors((fs::path(dir) / "projectors.safetensors").string(), as_list(state.projectors),
                                 {{"format", "pt"}});
}

LanguageModelState load_language_model_state(const std::string& dir, const json& lm_config) {
  LanguageModelState state;
  state.lm_config = lm_config;
  state.lm = read_all((fs::path(dir) / "lm.safetensors").string());
  state.projectors = read_all((fs::path(dir) / "projectors.safetensors").string());
  return state;
}

LanguageModelState bundle_language_model_state(const std::string& bundle_dir) {
  const fs::path dir(bundle_dir);
  std::ifstream stream(dir / "config.json");
  if (!stream) throw std::runtime_error("no bundle at " + bundle_dir + " (config.json is missing)");
  const json config = json::parse(stream, nullptr, false);
  if (config.is_discarded() || !config.contains("lm"))
    throw std::runtime_error((dir / "config.json").string() + " has no \"lm\" section: not a complete bundle");
  LanguageModelState state;
  state.lm_config = config.at("lm");
  state.lm = read_all((dir / "lm.safetensors").string());
  for (auto& [name, tensor] : read_all((dir / "anatomix.safetensors").string()))
    if (name.rfind("image_projectionhead.", 0) == 0 || name.rfind("obj_projectionhead.", 0) == 0)
      state.projectors.emplace(name, tensor);
  if (state.projectors.empty()) throw std::runtime_error(bundle_dir + " holds no projector weights");
  return state;
}

double scheduled_learning_rate(int64_t step, int64_t total_steps, int64_t warmup_steps, double peak,
                               double final_fraction) {
  if (warmup_steps > 0 && step < warmup_steps) return peak * static_cast<double>(step + 1) / warmup_steps;
  const int64_t decay_steps = std::max<int64_t>(1, total_steps - warmup_steps);
  const double progress = std::min(1.0, static_cast<double>(step - warmup_steps) / decay_steps);
  const double cosine = 0.5 * (1.0 + std::cos(M_PI * progress));
  return peak * (final_fraction + (1.0 - final_fraction) * cosine);
}

TrainingSummary train_language_model(LanguageModelState& state, const BundleConfig& config,
                                     const lm::Tokenizer& tokenizer, const std::vector<StudyTruth>& studies,
                                     const FeatureCache& features, const std::vector<StudyTruth>& validation,
                                     const FeatureCache* validation_features, const LanguageTrainOptions& options) {
  if (studies.empty()) throw std::runtime_error("the training set is empty");
  if (features.size() != studies.size()) throw std::runtime_error("the APM feature cache does not match the studies");
  const fs::path run_dir(options.run_dir);
  fs::create_directories(run_dir);

  // Leaves: the LM trains unless frozen; the projectors always train.
  std::vector<at::Tensor> decayed, undecayed;
  for (auto& [name, tensor] : state.lm) {
    tensor.set_requires_grad(options.train_language_model);
    if (!options.train_language_model) continue;
    (tensor.dim() == 2 && name != "embed_tokens.weight" ? decayed : undecayed).push_back(tensor);
  }
  for (auto& [name, tensor] : state.projectors) {
    tensor.set_requires_grad(true);
    (tensor.dim() == 2 ? decayed : undecayed).push_back(tensor);
  }
  std::vector<at::Tensor> all_parameters = decayed;
  all_parameters.insert(all_parameters.end(), undecayed.begin(), undecayed.end());
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(decayed, std::make_unique<torch::optim::AdamWOptions>(
                                   torch::optim::AdamWOptions(options.learning_rate).weight_decay(options.weight_decay)));
  groups.emplace_back(undecayed, std::make_unique<torch::optim::AdamWOptions>(
                                     torch::optim::AdamWOptions(options.learning_rate).weight_decay(0.0)));
  torch::optim::AdamW optimizer(std::move(groups), torch::optim::AdamWOptions(options.learning_rate));

  const fs::path checkpoint_dir = run_dir / (options.stage + "_checkpoint");
  TrainingSummary summary;
  if (options.resume) {
    if (!fs::exists(checkpoint_dir / "state.json"))
      throw std::runtime_error("--resume: " + checkpoint_dir.string() + " holds no checkpoint");
    std::ifstream stream(checkpoint_dir / "state.json");
    const json saved = json::parse(stream);
    const LanguageModelState loaded = load_language_model_state(checkpoint_dir.string(), state.lm_config);
    torch::NoGradGuard no_grad;
    for (auto* part : {&state.lm, &state.projectors}) {
      const auto& source = part == &state.lm ? loaded.lm : loaded.projectors;
      for (auto& [name, tensor] : *part) {
        auto it = source.find(name);
        if (it == source.end() || !it->second.sizes().equals(tensor.sizes()))
          throw std::runtime_error("--resume: checkpoint " + checkpoint_dir.string() + " lacks or misshapes '" + name + "'");
        tensor.copy_(it->second);
      }
    }
    torch::load(optimizer, (checkpoint_dir / "optimizer.pt").string());
    summary.first_step = saved.at("step").get<int64_t>();
    named_logger("training")->info("{}: resumed from {} at step {}", options.stage, checkpoint_dir.string(), summary.first_step);
  }

  const TrainableModel model = make_model(state);
  const SampleBuilder builder(tokenizer, config);
  auto save_checkpoint = [&](int64_t step) {
    const fs::path temporary = run_dir / (options.stage + "_checkpoint.tmp");
    fs::remove_all(temporary);
    save_language_model_state(state, temporary.string());
    torch::save(optimizer, (temporary / "optimizer.pt").string());
    write_json(temporary / "state.json", {{"stage", options.stage}, {"step", step}, {"seed", options.seed}});
    fs::remove_all(checkpoint_dir);
    fs::rename(temporary, checkpoint_dir);
  };

  // Validation: teacher-forced loss on a fixed example of each of the first studies, plus greedy answers.
  auto validate = [&](bool print_generations) {
    if (!validation_features || validation.empty()) return std::numeric_limits<double>::quiet_NaN();
    double total = 0;
    int count = 0;
    const size_t limit = std::min<size_t>(validation.size(), static_cast<size_t>(std::max(options.validation_examples, 0)));
    for (size_t i = 0; i < limit; ++i) {
      const StudyTruth& study = validation[i];
      std::vector<size_t> candidates;
      for (size_t t = 0; t < study.tasks.size(); ++t)
        if ((options.tasks.empty() || options.tasks.count(study.tasks[t].task)) && !study.tasks[t].answers.empty())
          candidates.push_back(t);
      if (candidates.empty()) continue;
      const ReadingFeatures& reading = validation_features->study(i).standard;
      const TokenizedSample sample = builder.build(reading, study.tasks[candidates[i % candidates.size()]], 0, 0);
      {
        torch::NoGradGuard no_grad;
        total += shared_prefix_loss(model, config, {sample}, reading).item<double>();
        ++count;
      }
      if (!print_generations) continue;
      c10::InferenceMode inference_mode;
      const std::vector<int64_t> prompt(sample.ids.begin(), sample.ids.begin() + sample.answer_begin);
      lm::GenerationOptions generation;
      generation.max_new_tokens = options.max_new_tokens;
      generation.stop_ids = {config.tokens.end_of_turn, config.tokens.eos};
      lm::KvCache cache =
          model.language_model->new_cache(static_cast<int64_t>(prompt.size()) + options.max_new_tokens);
      const lm::GenerationResult result = lm::generate(*model.language_model, tokenizer,
                                                       prompt_input(model, config, prompt, reading), cache, generation);
      named_logger("training")->info("{} validation {} [{}] {}\n  expected:  {}\n  generated: {}", options.stage, study.id, sample.task,
                   shorten(sample.instruction, 100), shorten(sample.answer), shorten(result.text));
    }
    return count ? total / count : std::numeric_limits<double>::quiet_NaN();
  };

  const fs::path csv_path = run_dir / (options.stage + "_loss.csv");
  const bool fresh_csv = !options.resume || !fs::exists(csv_path);
  std::ofstream csv(csv_path, fresh_csv ? std::ios::trunc : std::ios::app);
  if (!csv) throw std::runtime_error("Cannot write " + csv_path.string() + ".");
  if (fresh_csv) csv << "step,loss,learning_rate,examples,tokens_run,answer_tokens,seconds,validation_loss\n";

  named_logger("training")->info("{}: {} studies, steps {}..{} of batch {}, lr {} (warm-up {}), LM {}", options.stage, studies.size(),
               summary.first_step, options.steps, options.batch, options.learning_rate, options.warmup_steps,
               options.train_language_model ? "trained" : "frozen");
  double window_loss = 0, tokens = 0;
  int window_steps = 0;
  int64_t examples = 0;
  bool first_window = true;
  const auto run_start = std::chrono::steady_clock::now();
  const int64_t end_step = options.stop_at > 0 ? std::min(options.stop_at, options.steps) : options.steps;
  for (int64_t step = summary.first_step; step < end_step; ++step) {
    const auto step_start = std::chrono::steady_clock::now();
    const double learning_rate = scheduled_learning_rate(step, options.steps, options.warmup_steps,
                                                         options.learning_rate, options.final_learning_rate_fraction);
    for (auto& group : optimizer.param_groups())
      static_cast<torch::optim::AdamWOptions&>(group.options()).lr(learning_rate);
    optimizer.zero_grad();
    double step_loss = 0;
    int64_t step_tokens = 0, step_answer = 0, step_examples = 0;
    for (int slot = 0; slot < options.batch; ++slot) {
      const StudyDraw draw = draw_study(studies, options.tasks, options.seed, step, slot, options.flip_probability);
      const StudyTruth reading_truth = reading_of(studies[draw.study], draw.mirrored);
      const StudyFeatures& study_features = features.study(draw.study);
      const ReadingFeatures& reading = draw.mirrored ? study_features.mirrored : study_features.standard;
      if (!reading.memory.defined()) throw std::runtime_error("the APM feature cache holds no mirrored readings");
      std::vector<TokenizedSample> samples;
      for (const TaskDraw& task : draw.tasks) {
        samples.push_back(builder.build(reading, reading_truth.tasks.at(task.task), task.instruction, task.answer));
        step_answer += static_cast<int64_t>(samples.back().ids.size()) - samples.back().answer_begin;
      }
      int64_t tokens_run = 0;
      const at::Tensor loss = shared_prefix_loss(model, config, samples, reading, &tokens_run);
      (loss / options.batch).backward();
      step_loss += loss.item<double>() / options.batch;
      step_tokens += tokens_run;
      step_examples += static_cast<int64_t>(samples.size());
    }
    if (!std::isfinite(step_loss)) throw std::runtime_error(options.stage + ": the loss is not finite at step " +
                                                            std::to_string(step));
    if (options.clip_norm > 0) torch::nn::utils::clip_grad_norm_(all_parameters, options.clip_norm);
    optimizer.step();

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - step_start).count();
    examples += step_examples;
    tokens += static_cast<double>(step_tokens);
    window_loss += step_loss;
    ++window_steps;
    const bool last = step + 1 == end_step;
    double validation_loss = std::numeric_limits<double>::quiet_NaN();
    if (options.validate_every > 0 && (step + 1) % options.validate_every == 0 && !last) validation_loss = validate(false);
    csv << step + 1 << ',' << step_loss << ',' << learning_rate << ',' << step_examples << ',' << step_tokens << ','
        << step_answer << ',' << seconds << ',' << (std::isnan(validation_loss) ? std::string() : std::to_string(validation_loss)) << '\n';
    csv.flush();
    if (window_steps == options.log_every || last) {
      const double mean = window_loss / window_steps;
      if (first_window) summary.first_loss = mean;
      first_window = false;
      summary.last_loss = mean;
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - run_start).count();
      const double per_step = elapsed / static_cast<double>(step + 1 - summary.first_step);
      named_logger("training")->info("{} step {}/{} loss {:.4f} lr {:.2e} {:.2f} s/step ({} examples, {} tokens run) ETA {:.0f} min",
                   options.stage, step + 1, options.steps, mean, learning_rate, per_step, step_examples, step_tokens,
                   per_step * static_cast<double>(options.steps - step - 1) / 60.0);
      window_loss = 0;
      window_steps = 0;
    }
    if (options.checkpoint_every > 0 && (step + 1) % options.checkpoint_every == 0 && !last) save_checkpoint(step + 1);
  }
  const int64_t trained = end_step - summary.first_step;
  summary.steps = end_step;
  if (trained > 0) {
    summary.seconds_per_step =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - run_start).count() / static_cast<double>(trained);
    summary.mean_tokens_per_example = tokens / static_cast<double>(examples);
    summary.examples = examples;
    save_checkpoint(end_step);
  }
  for (auto* part : {&state.lm, &state.projectors})
    for (auto& [name, tensor] : *part) tensor.set_requires_grad(false);
  summary.validation_loss = validate(true);
  if (!std::isnan(summary.validation_loss)) {
    named_logger("training")->info("{}: validation loss {:.4f}", options.stage, summary.validation_loss);
    csv << end_step << ",,,,,,," << summary.validation_loss << '\n';
  }
  return summary;
}

}  // namespace anatomix::training
