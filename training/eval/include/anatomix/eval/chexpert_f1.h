// CheXpert-14 F1 of generated reports against reference reports: both are labelled (by the rule-based
// labeler, chexpert_labeler.h, or given labels), binarised, and compared per label (classification_metrics.h).
//
// Binarisation follows RadEval's F1CheXbert in "rrg" mode (the published AnatomiX code): positive and
// uncertain count as 1, negative and absent as 0; uncertainAsPositive = false counts only positive.
// Reported like RadEval: per label, micro and macro over the 14 labels, and over the five competition labels
// (Cardiomegaly, Edema, Consolidation, Atelectasis, Pleural Effusion).
#pragma once

#include "anatomix/eval/chexpert_labels.h"
#include "anatomix/eval/classification_metrics.h"

#include <string>
#include <vector>

namespace anatomix::eval {

struct ChexpertF1Report {
    F1Report all14;  // perLabel in ChexpertLabel order
    F1Report top5;   // perLabel in chexpertTop5Labels() order
};

std::vector<int> binarizeChexpert(const ChexpertLabels& labels, bool uncertainAsPositive = true);

// Throws MetricsError when the two lists differ in length or are empty.
ChexpertF1Report chexpertF1(const std::vector<ChexpertLabels>& hypotheses, const std::vector<ChexpertLabels>& references,
                            bool uncertainAsPositive = true);

// Labels both report lists with labelChexpert() first.
ChexpertF1Report chexpertF1FromReports(const std::vector<std::string>& hypotheses,
                                       const std::vector<std::string>& references, bool uncertainAsPositive = true);

}  // namespace anatomix::eval
