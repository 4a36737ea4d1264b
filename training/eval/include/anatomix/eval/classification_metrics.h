// Multi-label classification metrics: F1 from binary decisions and AUROC from scores, with the semantics of
// scikit-learn's f1_score (average=None / "macro" / "micro", zero_division=0) and roc_auc_score
// (the paper: sklearn macro F1 and torchmetrics' MultilabelAUROC, the published AnatomiX code).
//
// Inputs are row-major [nSamples][nLabels] matrices; decisions and truths are 0 or 1.
// - Per-label F1 = 2 TP / (2 TP + FP + FN); a label with TP + FP + FN = 0 is "ill-defined": its F1 is
//   `zeroDivisionValue` (sklearn's default 0) and it is listed in illDefinedLabels. Macro = mean over all labels.
//   Micro = the same formula on TP, FP, FN summed over labels.
// - AUROC of one label = the probability that a random positive scores above a random negative, ties counting
//   one half (the Mann-Whitney statistic from average ranks; equal to sklearn's trapezoidal ROC area).
//   A label whose truth has a single class has no AUROC: it is skipped, listed in skippedLabels and left out
//   of the macro mean (torchmetrics would count it as 0 with a warning; sklearn would raise).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace anatomix::eval {

using BinaryMatrix = std::vector<std::vector<int>>;    // [nSamples][nLabels], values 0 or 1
using ScoreMatrix = std::vector<std::vector<double>>;  // [nSamples][nLabels]

struct F1Report {
    std::vector<double> perLabel;  // [nLabels]
    double macro = 0.0;
    double micro = 0.0;
    std::vector<std::size_t> illDefinedLabels;  // labels with no positive in truth nor decision
};

struct AurocReport {
    std::vector<std::optional<double>> perLabel;  // [nLabels], nullopt for a skipped label
    double macro = 0.0;                            // mean over the labels that have both classes; 0 if none
    std::vector<std::size_t> skippedLabels;        // single-class labels
};

// Throws MetricsError when the shapes differ, a row has the wrong length, a value is not 0/1, or there are no
// samples.
F1Report multilabelF1(const BinaryMatrix& truth, const BinaryMatrix& decision, double zeroDivisionValue = 0.0);

// The per-label F1 with nullopt for the ill-defined labels, for tables that show "n/a" rather than 0.
std::vector<std::optional<double>> definedF1(const F1Report& report);

// AUROC of one label; nullopt when `truth` has only one class. Throws MetricsError on a size mismatch, a
// truth value other than 0/1, or a non-finite score.
std::optional<double> binaryAuroc(const std::vector<int>& truth, const std::vector<double>& scores);

// One score read at a fixed threshold (score > threshold is positive): the share of positives read positive,
// of negatives read negative, and their mean, which a constant score holds at 0.5. nullopt where a class is
// missing. Throws MetricsError as binaryAuroc does.
struct ThresholdReading {
    std::optional<double> sensitivity, specificity, balancedAccuracy;
};
ThresholdReading readAtThreshold(const std::vector<int>& truth, const std::vector<double>& scores, double threshold);

AurocReport multilabelAuroc(const BinaryMatrix& truth, const ScoreMatrix& scores);

// Decisions from scores: 1 where score > threshold (the paper thresholds logits at 0.5).
BinaryMatrix thresholdScores(const ScoreMatrix& scores, double threshold);

}  // namespace anatomix::eval
