// Scores of the box tasks (anatomy grounding, phrase grounding, abnormality detection) as the paper computes
// them per sample and averages (the published AnatomiX code): the sample IoU (each predicted box's best
// IoU over the reference boxes, averaged; samples without a parsed box are skipped and counted), and
// torchmetrics-style mAP over IoU 0.25/0.5/0.75/0.95 with every predicted box scoring 1.
// Samples whose reference has no box ("No pneumothorax detected.") are negatives: they are not box-scored,
// and count as correct when the answer has no box either.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include "anatomix/eval/mean_average_precision.h"
#include "evaluator/reference_answers.h"

namespace anatomix::evaluator {

constexpr std::array<double, 4> kIouThresholds{0.25, 0.5, 0.75, 0.95};
constexpr std::array<const char*, 4> kApColumns{"AP@0.25", "AP@0.5", "AP@0.75", "AP@0.95"};

// How predicted boxes get their mAP class.
enum class ClassMatching {
  // The paper: class-agnostic when the reference has one distinct <ref> text; otherwise a prediction takes
  // the class of the reference ref it names (here: the same text, ignoring case and surrounding spaces,
  // where the paper uses MiniLM similarity >= 0.8), and an unmatched one a class of its own.
  Published,
  // Always by the <ref> text (abnormality detection: a box counts for the class it names).
  ByRefText,
};

struct ClassedBoxes {
  std::vector<eval::DetectedBox> detections;
  std::vector<eval::TruthBox> truths;
};

ClassedBoxes assign_classes(const std::vector<LabelledBox>& predicted, const std::vector<LabelledBox>& reference,
                            ClassMatching matching);

struct GroundingSummary {
  std::size_t scored = 0;            // positive samples with at least one predicted box
  std::size_t without_box = 0;       // positive samples whose answer had no box (skipped, as published)
  std::size_t negatives = 0;         // samples whose reference has no box
  std::size_t negatives_correct = 0; // ... answered without a box
  double iou = 0;                    // mean sample IoU over the scored samples
  double map = 0;                    // mean sample mAP (mean over the four thresholds)
  std::array<double, 4> ap{};        // mean sample AP at each threshold of kIouThresholds
};

class GroundingScore {
 public:
  explicit GroundingScore(ClassMatching matching) : matching_(matching) {}

  // One sample; returns its IoU when it was box-scored.
  std::optional<double> add(const std::vector<LabelledBox>& predicted, const std::vector<LabelledBox>& reference);
  GroundingSummary summary() const;

 private:
  ClassMatching matching_;
  GroundingSummary sums_;  // iou/map/ap hold sums until summary()
};

}  // namespace anatomix::evaluator
