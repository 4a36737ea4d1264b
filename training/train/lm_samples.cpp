#include "train/lm_samples.h"

#include <cmath>
#include <random>
#include <regex>
#include <stdexcept>

#include "prompts.h"

namespace anatomix::training {

std::string rescale_boxes(const std::string& text, int side) {
  static const std::regex box(R"(<box>\((-?\d+),(-?\d+)\),\((-?\d+),(-?\d+)\)</box>)");
  const double scale = side / 1024.0;
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), box);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const std::smatch& match = *it;
    out.append(text, last, static_cast<size_t>(match.position(0)) - last);
    auto coordinate = [&](int group) { return static_cast<int>(std::lround(std::stod(match[group].str()) * scale)); };
    out += format_box_tag({coordinate(1), coordinate(2), coordinate(3), coordinate(4)});
    last = static_cast<size_t>(match.position(0) + match.length(0));
  }
  out.append(text, last, std::string::npos);
  return out;
}

std::string with_anatomy_tokens(const std::string& answer, const std::vector<std::string>& anatomies) {
  std::string out;
  size_t cursor = 0;
  for (size_t open = answer.find("<box>"); open != std::string::npos; open = answer.find("<box>", cursor)) {
    const size_t close = answer.find("</box>", open);
    if (close == std::string::npos) break;
    const size_t ref = answer.rfind("<ref>", open);
    const size_t ref_end = ref == std::string::npos || ref < cursor ? std::string::npos : answer.find("</ref>", ref);
    const bool named = ref_end != std::string::npos && ref_end < open;
    const int anatomy = named ? anatomy_index(answer.substr(ref + 5, ref_end - ref - 5), anatomies) : -1;
    out.append(answer, cursor, open - cursor);
    out += anatomy >= 0 ? anatomy_token(anatomy) : answer.substr(open, close + 6 - open);
    cursor = close + 6;
  }
  out.append(answer, cursor, std::string::npos);
  return out;
}

StudyDraw draw_study(const std::vector<StudyTruth>& studies, const std::set<std::string>& tasks, uint64_t seed,
                     int64_t step, int slot, double flip_probability) {
  std::seed_seq sequence{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                         static_cast<uint32_t>(step), static_cast<uint32_t>(step >> 32), static_cast<uint32_t>(slot)};
  std::mt19937_64 rng(sequence);
  auto pick = [&](size_t count) { return static_cast<size_t>(rng() % count); };
  auto eligible = [&](const TaskSample& sample) {
    return (tasks.empty() || tasks.count(sample.task) != 0) && !sample.instructions.empty() && !sample.answers.empty();
  };
  for (int attempt = 0; attempt < 1000; ++attempt) {
    StudyDraw draw;
    draw.study = pick(studies.size());
    const StudyTruth& study = studies[draw.study];
    for (size_t i = 0; i < study.tasks.size(); ++i)
      if (eligible(study.tasks[i]))
        draw.tasks.push_back({i, pick(study.tasks[i].instructions.size()), pick(study.tasks[i].answers.size())});
    if (draw.tasks.empty()) continue;
    draw.mirrored = std::uniform_real_distribution<double>(0.0, 1.0)(rng) < flip_probability;
    return draw;
  }
  throw std::runtime_error("no study of the training set has a task sample of the requested tasks");
}

StudyTruth reading_of(const StudyTruth& standard, bool mirrored) {
  return mirrored ? mirrored_reading(standard) : standard;
}

SampleBuilder::SampleBuilder(const lm::Tokenizer& tokenizer, const BundleConfig& config)
    : tokenizer_(tokenizer), config_(config) {}

std::vector<int64_t> SampleBuilder::prompt_ids(const ReadingFeatures& reading, const std::string& instruction) const {
  PromptInputs inputs;
  inputs.system_prompt = config_.system_prompt;
  inputs.image_tokens = config_.apm.image_tokens();
  inputs.object_boxes = reading.boxes;
  inputs.sentences = reading.sentences;
  inputs.instruction = instruction;
  // The tokenizer adds no BOS of its own; the published pipeline has two (template + tokenizer), as Engine::ask.
  std::vector<int64_t> ids{config_.tokens.bos};
  for (int id : tokenizer_.encode(build_prompt(inputs))) ids.push_back(id);
  return ids;
}

TokenizedSample SampleBuilder::build(const ReadingFeatures& reading, const TaskSample& task, size_t instruction,
                                     size_t answer) const {
  const int side = config_.apm.image_size;
  TokenizedSample sample;
  sample.task = task.task;
  sample.instruction = rescale_boxes(task.instructions.at(instruction), side);
  sample.answer = rescale_boxes(task.answers.at(answer), side);
  if (task.task == "anatomy_grounding") sample.answer = with_anatomy_tokens(sample.answer, config_.anatomies);
  if (sample.answer.empty()) throw std::runtime_error("task sample '" + task.task + "' has an empty answer");
  sample.ids = prompt_ids(reading, sample.instruction);
  sample.answer_begin = static_cast<int64_t>(sample.ids.size());
  // The answer is tokenized on its own: generation starts right after the prompt's tokens.
  for (int id : tokenizer_.encode(sample.answer)) sample.ids.push_back(id);
  sample.ids.push_back(config_.tokens.end_of_turn);
  return sample;
}

}  // namespace anatomix::training
