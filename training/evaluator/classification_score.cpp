#include "evaluator/classification_score.h"

#include "anatomix/eval/classification_metrics.h"
#include "anatomix/eval/closed_vqa.h"
#include "anatomix/eval/metrics_error.h"

namespace anatomix::evaluator {

bool is_all_labels_question(const std::string& prompt) {
  ChexpertVector named{};
  for (const eval::ClosedOption& option : eval::parseClosedOptions(prompt))
    if (const auto label = eval::chexpertLabelFromName(eval::normalizeAnswerText(option.text)))
      named[static_cast<std::size_t>(*label)] = 1;
  for (int present : named)
    if (!present) return false;
  return true;
}

ChexpertVector answered_labels(const std::string& prompt, const std::string& answer) {
  const std::vector<eval::ClosedOption> options = eval::parseClosedOptions(prompt);
  ChexpertVector labels{};
  std::size_t start = 0;
  while (start <= answer.size()) {
    const std::size_t comma = answer.find(',', start);
    const std::string part = answer.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (const auto label = eval::chexpertLabelFromName(eval::resolveClosedAnswer(part, options)))
      labels[static_cast<std::size_t>(*label)] = 1;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return labels;
}

void ClassificationScore::add_all_labels_answer(const std::string& prompt, const std::string& answer,
                                                const ChexpertVector& truth) {
  const ChexpertVector decision = answered_labels(prompt, answer);
  answer_truth_.emplace_back(truth.begin(), truth.end());
  answer_decision_.emplace_back(decision.begin(), decision.end());
}

void ClassificationScore::add_choice(const std::string& prompt, const std::string& answer,
                                     const std::string& expected) {
  ++choices_;
  if (eval::closedVqaCorrect({prompt, answer, expected})) ++choices_correct_;
}

void ClassificationScore::add_label_probabilities(const std::vector<std::pair<std::string, float>>& probabilities,
                                                  const ChexpertVector& truth) {
  std::vector<double> scores(eval::kChexpertLabelCount, -1.0);
  for (const auto& [name, probability] : probabilities)
    if (const auto label = eval::chexpertLabelFromName(name)) scores[static_cast<std::size_t>(*label)] = probability;
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (scores[i] < 0)
      throw eval::MetricsError("the model's image labels lack \"" + eval::chexpertLabelNames()[i] + "\"");
  label_truth_.emplace_back(truth.begin(), truth.end());
  label_scores_.push_back(std::move(scores));
}

ClassificationSummary ClassificationScore::summary() const {
  ClassificationSummary summary;
  summary.answered = answer_truth_.size();
  if (!answer_truth_.empty()) summary.answer_macro_f1 = eval::multilabelF1(answer_truth_, answer_decision_).macro;
  summary.choices = choices_;
  if (choices_ > 0) summary.choice_accuracy = static_cast<double>(choices_correct_) / static_cast<double>(choices_);
  summary.images = label_truth_.size();
  if (!label_truth_.empty()) {
    const eval::AurocReport auroc = eval::multilabelAuroc(label_truth_, label_scores_);
    if (auroc.skippedLabels.size() < eval::kChexpertLabelCount) summary.label_macro_auroc = auroc.macro;
    const eval::F1Report f1 = eval::multilabelF1(label_truth_, eval::thresholdScores(label_scores_, 0.5));
    summary.label_macro_f1 = f1.macro;
    summary.label_auroc = auroc.perLabel;
    summary.label_f1 = eval::definedF1(f1);
    summary.label_positives.assign(eval::kChexpertLabelCount, 0);
    for (const std::vector<int>& row : label_truth_)
      for (std::size_t i = 0; i < row.size(); ++i) summary.label_positives[i] += static_cast<std::size_t>(row[i]);
  }
  return summary;
}

}  // namespace anatomix::evaluator
