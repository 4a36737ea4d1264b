// Scores of the text tasks (grounded diagnosis and captioning, report generation, open VQA), computed per
// sample and averaged as the paper does (the published AnatomiX code): ROUGE-L F, BLEU-4, METEOR
// (exact + stem stages, meteor.h), exact match of the normalised texts, and CheXpert-14 F1 of the labels the
// rule-based labeler reads from the answer against those it reads from the reference.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "anatomix/eval/chexpert_labels.h"

namespace anatomix::evaluator {

struct TextSummary {
  std::size_t samples = 0;
  double rouge_l = 0, bleu4 = 0, meteor = 0, exact_match = 0;  // means over the samples
  double chexpert_micro_f1 = 0, chexpert_macro_f1 = 0;          // over the 14 labels, all samples
  // [14] in ChexpertLabel order; none where neither answers nor references have the label.
  std::vector<std::optional<double>> chexpert_f1_per_label;
};

class TextScore {
 public:
  void add(const std::string& answer, const std::string& reference);
  // Throws eval::MetricsError when no sample was added.
  TextSummary summary() const;
  std::size_t samples() const { return answers_.size(); }

 private:
  std::vector<eval::ChexpertLabels> answers_, references_;
  double rouge_l_ = 0, bleu4_ = 0, meteor_ = 0, exact_ = 0;
};

}  // namespace anatomix::evaluator
