#include "evaluator/text_score.h"

#include "anatomix/eval/bleu.h"
#include "anatomix/eval/chexpert_f1.h"
#include "anatomix/eval/chexpert_labeler.h"
#include "anatomix/eval/closed_vqa.h"
#include "anatomix/eval/meteor.h"
#include "anatomix/eval/metrics_error.h"
#include "anatomix/eval/rouge.h"

namespace anatomix::evaluator {

void TextScore::add(const std::string& answer, const std::string& reference) {
  rouge_l_ += eval::rougeL(reference, answer).fmeasure;
  bleu4_ += eval::sentenceBleu4(answer, reference);
  meteor_ += eval::meteorScore({reference}, answer);
  exact_ += eval::normalizeAnswerText(answer) == eval::normalizeAnswerText(reference) ? 1.0 : 0.0;
  answers_.push_back(eval::labelChexpert(answer));
  references_.push_back(eval::labelChexpert(reference));
}

TextSummary TextScore::summary() const {
  if (answers_.empty()) throw eval::MetricsError("TextScore::summary: no sample was added");
  TextSummary summary;
  summary.samples = answers_.size();
  const double n = static_cast<double>(summary.samples);
  summary.rouge_l = rouge_l_ / n;
  summary.bleu4 = bleu4_ / n;
  summary.meteor = meteor_ / n;
  summary.exact_match = exact_ / n;
  const eval::ChexpertF1Report f1 = eval::chexpertF1(answers_, references_);
  summary.chexpert_micro_f1 = f1.all14.micro;
  summary.chexpert_macro_f1 = f1.all14.macro;
  summary.chexpert_f1_per_label = eval::definedF1(f1.all14);
  return summary;
}

}  // namespace anatomix::evaluator
