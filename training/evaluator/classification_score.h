// Scores of image classification (the published AnatomiX code):
// - macro F1 over the 14 CheXpert labels of the options the model answers to the all-options questions
//   (family a), against the study's labels;
// - accuracy of the single-choice questions (families b and c), as closed VQA scores them;
// - macro AUROC and macro F1 (probability > 0.5) of the APM's image-label head (Analysis::labels).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "anatomix/eval/chexpert_labels.h"

namespace anatomix::evaluator {

using ChexpertVector = std::array<int, eval::kChexpertLabelCount>;  // 0/1 in ChexpertLabel order

// True when the prompt lists the 14 CheXpert labels as its options (family a).
bool is_all_labels_question(const std::string& prompt);

// The labels an answer picks among the prompt's options: "(c) Edema, (p) Pleural Effusion", "(c), (p)" or
// "Edema, Pleural Effusion". Parts that name no option or no CheXpert label are ignored.
ChexpertVector answered_labels(const std::string& prompt, const std::string& answer);

struct ClassificationSummary {
  std::size_t answered = 0;     // all-labels questions
  double answer_macro_f1 = 0;
  std::size_t choices = 0;      // single-choice questions
  double choice_accuracy = 0;
  std::size_t images = 0;       // images with APM label probabilities
  std::optional<double> label_macro_auroc;  // over the labels with both classes; none when no label has both
  double label_macro_f1 = 0;
  // Per label, in ChexpertLabel order (empty without images): AUROC (none with one class), F1 at > 0.5
  // (none where neither truth nor decision has the label), and how many images are positive.
  std::vector<std::optional<double>> label_auroc, label_f1;
  std::vector<std::size_t> label_positives;
};

class ClassificationScore {
 public:
  void add_all_labels_answer(const std::string& prompt, const std::string& answer, const ChexpertVector& truth);
  void add_choice(const std::string& prompt, const std::string& answer, const std::string& expected);
  // `probabilities`: the head's (name, probability) pairs; names are matched to the CheXpert labels.
  // Throws eval::MetricsError when a label is missing.
  void add_label_probabilities(const std::vector<std::pair<std::string, float>>& probabilities,
                               const ChexpertVector& truth);
  ClassificationSummary summary() const;

 private:
  std::vector<std::vector<int>> answer_truth_, answer_decision_;
  std::size_t choices_ = 0, choices_correct_ = 0;
  std::vector<std::vector<int>> label_truth_;
  std::vector<std::vector<double>> label_scores_;
};

}  // namespace anatomix::evaluator
