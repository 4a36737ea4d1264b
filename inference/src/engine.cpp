// The Engine pimpl: bundle loading, analyse (letterbox -> APM -> retrieval) and ask (prompt -> ids ->
// embeddings with the projected soft tokens -> Gemma 3 generation -> parsed answer).
#include "anatomix/engine.h"

#include "anatomix/letterbox.h"
#include "anatomix/named_logger.h"

#include "answer_parser.h"
#include "apm/apm.h"
#include "apm/vector_db.h"
#include "bundle_config.h"
#include "bundle_weights.h"
#include "lm/gemma3.h"
#include "lm/generation.h"
#include "lm/safetensors.h"
#include "lm/tokenizer.h"
#include "projector.h"
#include "prompts.h"

#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

namespace anatomix {

namespace {

namespace fs = std::filesystem;

const std::string kHealthySuffix = " is healthy.";

// What analyse() keeps for ask(): the letterbox, the APM outputs the LM needs, and the prompt context.
struct AnalysisFeatures {
  const void* owner = nullptr;        // the Engine::Impl that produced it
  LetterboxGeometry geometry;
  at::Tensor memory;                  // [P, d] on the engine device
  at::Tensor objects;                 // [Q, s]
  std::vector<SquareBox> square_boxes;
  std::vector<std::string> sentences;
};

// What an AskSession keeps between questions: the last prompt's ids and its KV cache (prompt positions only).
struct PromptCache {
  std::vector<int64_t> ids;
  lm::KvCache cache;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trim(const std::string& text) {
  const char* whitespace = " \t\n\r\f\v";
  const size_t begin = text.find_first_not_of(whitespace);
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(whitespace) - begin + 1);
}

// AskRequest::instruction, checked like user text (the open-question rule keeps text as it is); the
// region tasks append the engine's own <box> strings of the regions.
std::string given_instruction(const AskRequest& request, const std::vector<SquareBox>& regions) {
  if (trim(request.instruction).empty())
    throw EngineError("The given instruction is blank; leave it empty to use the task's own phrasing.");
  std::string instruction = task_instruction(Task::OpenVqa, request.instruction, {});
  if (request.task == Task::GroundedDiagnosis || request.task == Task::GroundedCaptioning) {
    const std::string own = task_instruction(request.task, "", regions);
    instruction += " " + own.substr(own.find("<box>"));
  }
  return instruction;
}

// Every failure inside the engine reaches the caller as EngineError (or Cancelled) with context.
template <typename Function>
auto with_context(const std::string& what, Function&& function) -> decltype(function()) {
  try {
    return function();
  } catch (const EngineError&) {
    throw;
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& error) {
    throw EngineError(what + ": " + error.what());
  }
}

}  // namespace

struct Engine::Impl {
  BundleConfig config;
  c10::Device device{c10::kCPU};
  std::unique_ptr<apm::Apm> apm;
  std::unique_ptr<Projector> image_projector, object_projector;
  std::unique_ptr<apm::VectorDatabase> database;
  std::unique_ptr<lm::Tokenizer> tokenizer;
  std::unique_ptr<lm::Gemma3Model> language_model;
  at::Tensor chest_gate_weight, chest_gate_bias;  // [2d], [1] on the CPU; undefined without a learned check
};

Engine::Engine() = default;
Engine::~Engine() = default;

bool Engine::loaded() const { return impl_ != nullptr; }

void Engine::load(const LoadOptions& options) {
  auto report = [&](float fraction, const std::string& stage) {
    if (options.progress && !options.progress(fraction, stage)) throw Cancelled();
  };
  auto impl = std::make_unique<Impl>();
  report(0.f, "reading config.json");
  impl->config = BundleConfig::load(options.bundle_dir);
  const BundleConfig& config = impl->config;

  if (options.device == Device::Cuda) {
    if (!torch::cuda::is_available())
      throw EngineError("CUDA was requested, but this LibTorch build has no usable CUDA device.");
    impl->device = c10::Device(c10::kCUDA, 0);
  }
  if (options.threads > 0) at::set_num_threads(options.threads);

  report(0.05f, "checking weights");
  const BundleWeights weights = BundleWeights::open(config);
  auto lookup = [&](const std::string& name) { return weights.tensor(name); };
  report(0.15f, "building the APM");
  impl->apm = with_context("Model bundle " + config.directory + ": APM",
                           [&] { return std::make_unique<apm::Apm>(config.apm, lookup, impl->device); });
  impl->image_projector = std::make_unique<Projector>("image_projectionhead", lookup, impl->device);
  impl->object_projector = std::make_unique<Projector>("obj_projectionhead", lookup, impl->device);

  report(0.25f, "loading the vector database");
  const fs::path directory(config.directory);
  impl->database = std::make_unique<apm::VectorDatabase>(apm::VectorDatabase::load(
      (directory / config.files.vector_db_sentences).string(), (directory / config.files.vector_db).string(),
      config.anatomies, config.apm.object_dim));

  if (config.chest_gate) {
    const std::string file = (directory / config.chest_gate->file).string();
    with_context("Model bundle " + config.directory + ": chest-radiograph check", [&] {
      const auto checkpoint = safetensors::SafetensorsCheckpoint::open(file);
      impl->chest_gate_weight = checkpoint.tensor("chest_gate.weight").to(torch::kFloat32).reshape({-1});
      impl->chest_gate_bias = checkpoint.tensor("chest_gate.bias").to(torch::kFloat32).reshape({-1});
      const int64_t width = 2 * config.apm.hidden_dim;
      if (impl->chest_gate_weight.numel() != width || impl->chest_gate_bias.numel() != 1)
        throw EngineError(file + ": chest_gate.weight must hold " + std::to_string(width) +
                          " numbers (twice the APM's hidden_dim) and chest_gate.bias one.");
    });
  }

  report(0.3f, "loading the tokenizer");
  impl->tokenizer = with_context("Model bundle " + config.directory + ": tokenizer", [&] {
    return lm::Tokenizer::load((directory / config.files.tokenizer).string());
  });
  const int vocabulary = impl->tokenizer->vocab_size();
  for (const auto& [name, id] : {std::pair<std::string, int>{"<image>", config.tokens.image},
                                 {"<obj_0>", config.tokens.object0},
                                 {"<end_of_turn>", config.tokens.end_of_turn}})
    if (impl->tokenizer->token_id(name) != id)
      throw EngineError("Model bundle " + config.directory + ": the tokenizer gives " + name + " the id " +
                        std::to_string(impl->tokenizer->token_id(name)) + ", config.json says " + std::to_string(id) +
                        " (vocabulary of " + std::to_string(vocabulary) + ").");

  report(0.35f, "loading the language model");
  impl->language_model = with_context("Model bundle " + config.directory + ": language model", [&] {
    const lm::Gemma3Config lm_config =
        lm::Gemma3Config::from_json_text(config.lm.dump(), (directory / "config.json").string() + " \"lm\"");
    const auto checkpoint = safetensors::SafetensorsCheckpoint::open((directory / config.files.lm).string());
    lm::Gemma3LoadOptions lm_options;
    lm_options.device = impl->device.str();
    lm_options.threads = options.threads;
    return lm::Gemma3Model::load(lm_config, checkpoint, lm_options);
  });
  report(1.f, "ready");
  named_logger("engine")->info("Engine: loaded bundle '{}' from {} on {}", config.name, config.directory, impl->device.str());
  impl_ = std::move(impl);
}

BundleInfo Engine::info() const {
  if (!impl_) return {};
  BundleInfo info;
  info.name = impl_->config.name;
  info.description = impl_->config.description;
  info.image_size = impl_->config.apm.image_size;
  info.num_anatomies = impl_->config.apm.num_queries;
  info.device = impl_->device.str();
  info.lm_precision = impl_->language_model->dtype() == torch::kBFloat16 ? "bf16" : "fp32";
  return info;
}

std::vector<std::string> Engine::anatomy_names() const {
  return impl_ ? impl_->config.anatomies : std::vector<std::string>{};
}

Analysis Engine::analyse(const GrayImageView& image, int top_k, const std::atomic<bool>* cancel) {
  if (!impl_) throw EngineError("No model is loaded; load a bundle before analysing an image.");
  if (!image.pixels || image.width <= 0 || image.height <= 0)
    throw EngineError("The image is empty (" + std::to_string(image.width) + " x " + std::to_string(image.height) +
                      " pixels).");
  if (image.width > 65536 || image.height > 65536)
    throw EngineError("The image is too large (" + std::to_string(image.width) + " x " +
                      std::to_string(image.height) + " pixels; at most 65536 per side).");
  const auto start = std::chrono::steady_clock::now();
  const BundleConfig& config = impl_->config;
  const int side = config.apm.image_size;

  auto features = std::make_shared<AnalysisFeatures>();
  features->owner = impl_.get();
  const Gray8 square = letterbox(image.pixels, image.width, image.height, image.stride, side, &features->geometry);
  if (cancel && cancel->load()) throw Cancelled();

  c10::InferenceMode inference_mode;
  const torch::Tensor input =
      torch::from_blob(const_cast<std::uint8_t*>(square.pixels.data()), {1, 1, side, side}, torch::kUInt8)
          .to(torch::kFloat32)
          .div_(255.0);
  const apm::ApmOutput output = with_context("APM", [&] { return impl_->apm->forward(input); });
  if (cancel && cancel->load()) throw Cancelled();

  features->memory = output.memory[0];
  features->objects = output.objects[0];
  const auto matches = impl_->database->search(features->objects, std::max(top_k, 1));
  const torch::Tensor boxes = output.boxes[0].to(torch::kCPU).contiguous();
  const torch::Tensor probabilities = torch::sigmoid(output.image_logits[0]).to(torch::kCPU).contiguous();

  Analysis analysis;
  analysis.image_width = image.width;
  analysis.image_height = image.height;
  const auto box = boxes.accessor<float, 2>();
  const LetterboxGeometry& geometry = features->geometry;
  for (int i = 0; i < config.apm.num_queries; ++i) {
    const float cx = box[i][0], cy = box[i][1], w = box[i][2], h = box[i][3];
    features->square_boxes.push_back(square_box_from_cxcywh(cx, cy, w, h, side));
    AnatomyResult anatomy;
    anatomy.index = i;
    anatomy.name = config.anatomies[static_cast<size_t>(i)];
    anatomy.box = geometry.model_to_source((cx - 0.5f * w) * side, (cy - 0.5f * h) * side, (cx + 0.5f * w) * side,
                                           (cy + 0.5f * h) * side);
    const auto& best = matches[static_cast<size_t>(i)];
    const auto& sentences = impl_->database->sentences(i);
    anatomy.sentence = sentences[static_cast<size_t>(best.front().sentence)];
    anatomy.similarity = best.front().similarity;
    anatomy.abnormal = !ends_with(anatomy.sentence, kHealthySuffix);
    if (top_k > 1)
      for (const auto& match : best)
        anatomy.alternatives.emplace_back(sentences[static_cast<size_t>(match.sentence)], match.similarity);
    features->sentences.push_back(anatomy.sentence);
    analysis.anatomies.push_back(std::move(anatomy));
  }
  for (int i = 0; i < config.apm.num_image_labels; ++i)
    analysis.labels.emplace_back(config.image_labels[static_cast<size_t>(i)], probabilities[i].item<float>());
  const torch::Tensor embedding =
      torch::cat({output.cls[0], output.memory[0].mean(0)}).to(torch::kCPU, torch::kFloat32).contiguous();
  analysis.image_embedding.assign(embedding.data_ptr<float>(), embedding.data_ptr<float>() + embedding.numel());
  if (impl_->chest_gate_weight.defined()) {
    ChestRadiographCheck check;
    check.probability =
        torch::sigmoid(embedding.dot(impl_->chest_gate_weight) + impl_->chest_gate_bias[0]).item<float>();
    check.threshold = config.chest_gate->threshold;
    analysis.chest_check = check;
  }
  analysis.seconds = seconds_since(start);
  analysis.features = std::static_pointer_cast<const void>(std::shared_ptr<const AnalysisFeatures>(features));
  return analysis;
}

Answer Engine::ask(const Analysis& analysis, const AskRequest& request) {
  AskSession session(analysis);
  return ask(session, request);
}

Answer Engine::ask(AskSession& session, const AskRequest& request) {
  if (!impl_) throw EngineError("No model is loaded; load a bundle before asking.");
  const auto features = std::static_pointer_cast<const AnalysisFeatures>(session.analysis().features);
  if (!features || features->owner != impl_.get())
    throw EngineError("This analysis was not produced by the loaded model; analyse the image again.");
  if (request.max_new_tokens <= 0 || request.max_new_tokens > 8192)
    throw EngineError("max_new_tokens must be between 1 and 8192, got " + std::to_string(request.max_new_tokens) + ".");
  const BundleConfig& config = impl_->config;
  const LetterboxGeometry& geometry = features->geometry;

  std::vector<SquareBox> regions;
  for (const Box& box : request.regions) {
    if (!(box.x2 > box.x1 && box.y2 > box.y1))
      throw EngineError("A region must have x1 < x2 and y1 < y2.");
    regions.push_back(square_box_from_source(geometry, box.x1, box.y1, box.x2, box.y2));
  }
  Answer answer;
  answer.prompt_instruction = request.instruction.empty() ? task_instruction(request.task, request.text, regions)
                                                          : given_instruction(request, regions);
  // A single-choice question is answered with the offered option the language model finds most likely
  // (each option and its end of turn scored after one run of the prompt), so that the answer is always one
  // of the options the question offers; free greedy decoding may write a label the question does not offer.
  // A question that wants the option's letter alone is put to the model without that request and its option
  // lines are scored ("(B) no"), then the chosen line's letter is answered: the letter alone carries nothing
  // of the finding, and the demonstration model told the options apart worse by their letters (closed VQA on
  // the validation split, training/README.md).
  const std::vector<std::string> choices = request.greedy ? single_choice_answers(answer.prompt_instruction)
                                                          : std::vector<std::string>{};
  PromptInputs inputs;
  inputs.system_prompt = config.system_prompt;
  inputs.image_tokens = config.apm.image_tokens();
  inputs.object_boxes = features->square_boxes;
  inputs.sentences = features->sentences;
  inputs.instruction = choices.empty() ? answer.prompt_instruction : without_option_label_request(answer.prompt_instruction);
  const std::vector<std::string> scored_choices =
      choices.empty() ? std::vector<std::string>{} : single_choice_answers(inputs.instruction);
  if (scored_choices.size() != choices.size()) throw EngineError("The options of the question could not be read.");
  const std::string prompt = build_prompt(inputs);

  // The tokenizer adds no BOS of its own; the published pipeline has two (template + tokenizer).
  std::vector<int64_t> ids{config.tokens.bos};
  for (int id : impl_->tokenizer->encode(prompt)) ids.push_back(id);

  c10::InferenceMode inference_mode;
  const lm::Gemma3Model& model = *impl_->language_model;
  const torch::Tensor embeddings =
      prompt_embeddings(model, ids, {config.tokens.image, config.tokens.object0}, *impl_->image_projector,
                        features->memory, *impl_->object_projector, features->objects);

  lm::GenerationOptions options;
  options.max_new_tokens = request.max_new_tokens;
  options.temperature = request.greedy ? 0.f : std::max(request.temperature, 1e-3f);
  options.top_k = request.top_k;
  options.seed = request.seed;
  options.stop_ids = {config.tokens.end_of_turn, config.tokens.eos};
  options.cancel = const_cast<std::atomic<bool>*>(request.cancel);  // only read by generate()
  options.on_token = [&](int, const std::string& text) {
    if (request.on_text && !text.empty()) request.on_text(with_anatomy_boxes(text, features->square_boxes));
    return true;
  };
  const auto prompt_length = static_cast<int64_t>(ids.size());
  const int64_t capacity = prompt_length + request.max_new_tokens;
  // Reuse the session's previous prefix; at least the last prompt token runs, its logits start the answer.
  int64_t reused = 0;
  lm::KvCache cache;
  if (const auto previous = std::static_pointer_cast<const PromptCache>(session.prompt_cache_)) {
    reused = std::min(lm::shared_prefix_length(previous->ids, ids), prompt_length - 1);
    if (reused > 0) cache = previous->cache.prefix_copy(reused, capacity);
  }
  if (reused == 0) cache = model.new_cache(capacity);
  const lm::GenerationResult result = with_context("Language model", [&] {
    if (choices.empty()) return lm::generate(model, *impl_->tokenizer, embeddings.slice(0, reused), cache, options);
    lm::GenerationResult chosen;
    chosen.prompt_tokens = prompt_length - reused;
    const auto start = std::chrono::steady_clock::now();
    const at::Tensor last_logits = lm::prefill(model, embeddings.slice(0, reused), cache, options.cancel);
    chosen.prefill_seconds = seconds_since(start);
    if (!last_logits.defined()) {
      chosen.stop_reason = lm::StopReason::kCancelled;
      return chosen;
    }
    std::vector<std::vector<int>> candidates;
    for (const std::string& choice : scored_choices) {
      candidates.push_back(impl_->tokenizer->encode(choice));
      candidates.back().push_back(config.tokens.end_of_turn);
    }
    const std::vector<double> scores = lm::continuation_log_probs(model, last_logits, cache, candidates);
    const size_t best = static_cast<size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    chosen.ids = impl_->tokenizer->encode(choices[best]);
    chosen.text = choices[best];
    chosen.stop_reason = lm::StopReason::kStopToken;
    chosen.decode_seconds = seconds_since(start) - chosen.prefill_seconds;
    if (request.on_text) request.on_text(chosen.text);
    return chosen;
  });
  if (result.stop_reason == lm::StopReason::kCancelled) throw Cancelled();
  session.prompt_cache_ =
      std::make_shared<PromptCache>(PromptCache{ids, cache.prefix_copy(prompt_length, prompt_length)});

  std::vector<int> pointed;
  answer.text = with_anatomy_boxes(trim(result.text), features->square_boxes, &pointed);
  answer.prompt_tokens = static_cast<int>(ids.size());
  answer.reused_prompt_tokens = static_cast<int>(reused);
  answer.generated_tokens = static_cast<int>(result.ids.size());
  answer.prefill_seconds = result.prefill_seconds;
  answer.decode_seconds = result.decode_seconds;
  const ParsedAnswer parsed = parse_answer(answer.text);
  answer.plain_text = parsed.plain_text;
  answer.box_problem = parsed.box_problem;
  if (!parsed.boxes_read()) named_logger("engine")->warn("Answer boxes not read: {}", parsed.box_problem);
  // A box the model pointed at with an anatomy token is that anatomy's own box: the text's integer grid of the
  // model square is a few pixels of the original coarser, and the overlay shows the unrounded box.
  const std::vector<AnatomyResult>& anatomies = session.analysis().anatomies;
  const bool every_tag_read = parsed.boxes.size() == pointed.size();
  for (size_t i = 0; i < parsed.boxes.size(); ++i) {
    const ParsedBox& box = parsed.boxes[i];
    const int anatomy = every_tag_read ? pointed[i] : -1;
    const bool own_box = anatomy >= 0 && static_cast<size_t>(anatomy) < anatomies.size() &&
                         anatomies[static_cast<size_t>(anatomy)].index == anatomy;
    answer.grounded.push_back({published_display_name(box.label),
                               own_box ? anatomies[static_cast<size_t>(anatomy)].box
                                       : geometry.model_to_source(box.x1, box.y1, box.x2, box.y2)});
  }
  return answer;
}

const char* task_name(Task task) {
  switch (task) {
    case Task::PhraseGrounding: return "ground";
    case Task::AnatomyGrounding: return "anatomy";
    case Task::GroundedDiagnosis: return "diagnosis";
    case Task::GroundedCaptioning: return "caption";
    case Task::ReportGeneration: return "report";
    case Task::OpenVqa: return "vqa";
    case Task::ClosedVqa: return "closed-vqa";
    case Task::Classification: return "classify";
    case Task::AbnormalityDetection: return "detect";
  }
  return "unknown";
}

std::optional<Task> task_from_name(const std::string& name) {
  for (Task task : {Task::PhraseGrounding, Task::AnatomyGrounding, Task::GroundedDiagnosis, Task::GroundedCaptioning,
                    Task::ReportGeneration, Task::OpenVqa, Task::ClosedVqa, Task::Classification,
                    Task::AbnormalityDetection})
    if (name == task_name(task)) return task;
  return std::nullopt;
}

}  // namespace anatomix
