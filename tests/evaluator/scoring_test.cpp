// The evaluator's scoring against hand-computed cases: reference answers mapped from the published 1024 frame
// to original pixels, the box scores, classification answers, text scores and the flip-robustness block.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "anatomix/eval/metrics_error.h"
#include "anatomix/laterality.h"
#include "anatomix/test_support/expect_box.h"
#include "evaluator/anatomy_box_score.h"
#include "evaluator/classification_score.h"
#include "evaluator/grounding_score.h"
#include "evaluator/reference_answers.h"
#include "evaluator/text_score.h"
#include "synth/geometry.h"
#include "synth/square_box.h"

namespace anatomix::evaluator {
namespace {

using test_support::expect_box;

// A 420 x 512 image: 46 columns of padding on each side make it 512 square, resized by 2 to 1024.
TEST(ReferenceAnswers, BoxesOfThe1024FrameBecomeOriginalPixels) {
  const LetterboxGeometry frame = synth::model_square(420, 512);
  const auto boxes = reference_boxes("<ref>Left lung</ref><box>(600,100),(900,700)</box>", frame);
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_EQ(boxes[0].label, "Left lung");
  expect_box(boxes[0].box, 600 / 2.0f - 46, 50, 900 / 2.0f - 46, 350);
  // The frame's corners are the padded image's corners.
  expect_box(frame.model_to_source(0, 0, 1024, 1024), -46, 0, 466, 512);
}

TEST(ReferenceAnswers, RoundTripWithTheGeneratorsLetterboxWithinHalfASquarePixel) {
  for (auto [width, height] : {std::pair{300, 512}, std::pair{512, 301}, std::pair{777, 777}}) {
    const LetterboxGeometry letterbox = synth::model_square(width, height);
    synth::Box original{13.3, 40.7, 250.2, 290.9, true};
    const SquareBox square = square_box_from_source(letterbox, original.x1, original.y1, original.x2, original.y2);
    const Box back = letterbox.model_to_source(square.x1, square.y1, square.x2, square.y2);
    const double tolerance = 0.5 * std::max(width, height) / 1024.0 + 1e-3;
    EXPECT_NEAR(back.x1, original.x1, tolerance);
    EXPECT_NEAR(back.y1, original.y1, tolerance);
    EXPECT_NEAR(back.x2, original.x2, tolerance);
    EXPECT_NEAR(back.y2, original.y2, tolerance);
  }
}

TEST(ReferenceAnswers, NegativeAnswersHaveNoBoxAndRefsLabelEachBox) {
  const LetterboxGeometry frame = synth::model_square(1024, 1024);
  EXPECT_TRUE(reference_boxes("No pneumothorax detected.", frame).empty());
  const auto boxes = reference_boxes(
      "<ref>Pleural effusion</ref><box>(10,20),(30,40)</box><ref>Cardiomegaly</ref><box>(50,60),(70,80)</box>", frame);
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_EQ(boxes[0].label, "Pleural effusion");
  EXPECT_EQ(boxes[1].label, "Cardiomegaly");
  expect_box(boxes[1].box, 50, 60, 70, 80);
}

TEST(ReferenceAnswers, RegionInstructionsSplitIntoPhrasingAndRegions) {
  const LetterboxGeometry frame = synth::model_square(420, 512);
  const RegionInstruction split = split_region_instruction(
      "Describe the content of the following region(s): <box>(100,200),(300,400)</box><box>(500,200),(700,400)</box>",
      frame);
  EXPECT_EQ(split.phrasing, "Describe the content of the following region(s):");
  ASSERT_EQ(split.regions.size(), 2u);
  expect_box(split.regions[0], 50 - 46, 100, 150 - 46, 200);
  expect_box(split.regions[1], 250 - 46, 100, 350 - 46, 200);
}

LabelledBox labelled(const std::string& label, float x1, float y1, float x2, float y2) {
  return {label, Box{x1, y1, x2, y2}};
}

TEST(GroundingScore, SampleIouAndMapByHand) {
  GroundingScore score(ClassMatching::Published);
  // IoU 100 / 200 = 0.5: a hit at 0.25 and 0.5, a miss at 0.75 and 0.95.
  const auto iou = score.add({labelled("x", 0, 0, 10, 10)}, {labelled("x", 0, 0, 10, 20)});
  ASSERT_TRUE(iou.has_value());
  EXPECT_DOUBLE_EQ(*iou, 0.5);
  // Exact box: everything 1.
  score.add({labelled("y", 5, 5, 15, 15)}, {labelled("y", 5, 5, 15, 15)});
  EXPECT_FALSE(score.add({}, {labelled("z", 0, 0, 1, 1)}).has_value());  // no box: skipped
  EXPECT_FALSE(score.add({}, {}).has_value());                            // negative, answered right
  EXPECT_FALSE(score.add({labelled("z", 0, 0, 1, 1)}, {}).has_value());  // negative, answered wrong
  const GroundingSummary summary = score.summary();
  EXPECT_EQ(summary.scored, 2u);
  EXPECT_EQ(summary.without_box, 1u);
  EXPECT_EQ(summary.negatives, 2u);
  EXPECT_EQ(summary.negatives_correct, 1u);
  EXPECT_DOUBLE_EQ(summary.iou, 0.75);
  EXPECT_DOUBLE_EQ(summary.ap[0], 1.0);
  EXPECT_DOUBLE_EQ(summary.ap[1], 1.0);
  EXPECT_DOUBLE_EQ(summary.ap[2], 0.5);
  EXPECT_DOUBLE_EQ(summary.ap[3], 0.5);
  EXPECT_DOUBLE_EQ(summary.map, 0.75);
}

TEST(GroundingScore, SampleIouAveragesTheBestMatchOfEachPredictedBox) {
  GroundingScore score(ClassMatching::Published);
  // Box 1 matches exactly (1), box 2 overlaps the second reference by 50 / 150 = 1/3.
  const auto iou = score.add({labelled("a", 0, 0, 10, 10), labelled("a", 20, 0, 30, 10)},
                             {labelled("a", 0, 0, 10, 10), labelled("a", 25, 0, 35, 10)});
  ASSERT_TRUE(iou.has_value());
  EXPECT_NEAR(*iou, (1.0 + 1.0 / 3.0) / 2.0, 1e-12);
}

TEST(GroundingScore, DetectionCountsABoxForTheClassItNames) {
  const std::vector<LabelledBox> truth = {labelled("Pleural effusion", 0, 0, 10, 10)};
  const std::vector<LabelledBox> wrong_class = {labelled("Cardiomegaly", 0, 0, 10, 10)};
  GroundingScore published(ClassMatching::Published), by_ref(ClassMatching::ByRefText);
  published.add(wrong_class, truth);
  by_ref.add(wrong_class, truth);
  EXPECT_DOUBLE_EQ(published.summary().map, 1.0);  // one reference class: class-agnostic, as published
  EXPECT_DOUBLE_EQ(by_ref.summary().map, 0.0);
  EXPECT_DOUBLE_EQ(by_ref.summary().iou, 1.0);     // IoU ignores the class

  const ClassedBoxes classed =
      assign_classes({labelled(" pleural EFFUSION ", 0, 0, 1, 1), labelled("Nodule/Mass", 0, 0, 1, 1)},
                     {labelled("Pleural effusion", 0, 0, 1, 1), labelled("Cardiomegaly", 2, 2, 3, 3)},
                     ClassMatching::Published);
  ASSERT_EQ(classed.detections.size(), 2u);
  EXPECT_EQ(classed.detections[0].classId, classed.truths[0].classId);
  EXPECT_NE(classed.detections[1].classId, classed.truths[0].classId);
  EXPECT_NE(classed.detections[1].classId, classed.truths[1].classId);
}

const std::string kAllLabelsPrompt =
    "Given the CXR, identify any diseases. Options:\n(4) Atelectasis\n(23) Pneumonia\n(6) No Finding\n"
    "(1) Pleural Effusion\n(22) Enlarged Cardiomediastinum\n(21) Lung Opacity\n(25) Consolidation\n(2) Cardiomegaly\n"
    "(11) Edema\n(7) Pneumothorax\n(24) Support Devices\n(12) Fracture\n(5) Pleural Other\n(20) Lung Lesion\n"
    "There may be more than one answer.";

TEST(ClassificationScore, AnswersBecomeLabels) {
  EXPECT_TRUE(is_all_labels_question(kAllLabelsPrompt));
  EXPECT_FALSE(is_all_labels_question("Does this chest X-ray show edema? Options:\n(A) yes\n(B) no"));
  const auto by_option = answered_labels(kAllLabelsPrompt, "(11) Edema, (1) Pleural Effusion");
  const auto by_label = answered_labels(kAllLabelsPrompt, "(11), (1)");
  const auto by_text = answered_labels(kAllLabelsPrompt, "edema, Pleural Effusion, nonsense");
  for (const auto& labels : {by_option, by_label, by_text}) {
    int positives = 0;
    for (int value : labels) positives += value;
    EXPECT_EQ(positives, 2);
    EXPECT_EQ(labels[static_cast<std::size_t>(eval::ChexpertLabel::Edema)], 1);
    EXPECT_EQ(labels[static_cast<std::size_t>(eval::ChexpertLabel::PleuralEffusion)], 1);
  }
}

TEST(ClassificationScore, MacroF1AurocAndChoicesByHand) {
  ClassificationScore score;
  ChexpertVector edema{}, none{};
  edema[static_cast<std::size_t>(eval::ChexpertLabel::Edema)] = 1;
  none[static_cast<std::size_t>(eval::ChexpertLabel::NoFinding)] = 1;
  // Image 1 answered right; image 2 answered Edema instead of No Finding.
  score.add_all_labels_answer(kAllLabelsPrompt, "(11) Edema", edema);
  score.add_all_labels_answer(kAllLabelsPrompt, "(11) Edema", none);
  score.add_choice("Does this chest X-ray show edema? Options:\n(A) yes\n(B) no", "(A) yes", "(A) yes");
  score.add_choice("Does this chest X-ray show edema?", "Yes", "No");
  std::vector<std::pair<std::string, float>> high, low;
  for (const std::string& name : eval::chexpertLabelNames()) {
    high.emplace_back(name, name == "Edema" ? 0.9f : 0.2f);
    low.emplace_back(name, name == "Edema" ? 0.3f : 0.2f);
  }
  score.add_label_probabilities(high, edema);
  score.add_label_probabilities(low, none);
  const ClassificationSummary summary = score.summary();
  // Edema: TP 1, FP 1 -> F1 2/3; No Finding: FN 1 -> 0; the other 12 labels: ill-defined, 0.
  EXPECT_NEAR(summary.answer_macro_f1, (2.0 / 3.0) / 14.0, 1e-12);
  EXPECT_EQ(summary.choices, 2u);
  EXPECT_DOUBLE_EQ(summary.choice_accuracy, 0.5);
  // Edema ranks its positive first (AUROC 1); No Finding ties (0.5); the others have one class only.
  ASSERT_TRUE(summary.label_macro_auroc.has_value());
  EXPECT_DOUBLE_EQ(*summary.label_macro_auroc, 0.75);
  // > 0.5: Edema on image 1 only -> Edema F1 1, No Finding 0.
  EXPECT_NEAR(summary.label_macro_f1, 1.0 / 14.0, 1e-12);
  const auto edema_at = static_cast<std::size_t>(eval::ChexpertLabel::Edema);
  const auto none_at = static_cast<std::size_t>(eval::ChexpertLabel::NoFinding);
  ASSERT_EQ(summary.label_auroc.size(), 14u);
  EXPECT_DOUBLE_EQ(summary.label_auroc[edema_at].value(), 1.0);
  EXPECT_DOUBLE_EQ(summary.label_auroc[none_at].value(), 0.5);
  EXPECT_FALSE(summary.label_auroc[static_cast<std::size_t>(eval::ChexpertLabel::Fracture)].has_value());
  EXPECT_DOUBLE_EQ(summary.label_f1[edema_at].value(), 1.0);
  EXPECT_DOUBLE_EQ(summary.label_f1[none_at].value(), 0.0);
  EXPECT_FALSE(summary.label_f1[static_cast<std::size_t>(eval::ChexpertLabel::Fracture)].has_value());
  EXPECT_EQ(summary.label_positives[edema_at], 1u);
  EXPECT_EQ(summary.label_positives[none_at], 1u);

  std::vector<std::pair<std::string, float>> missing(high.begin(), high.end() - 1);
  EXPECT_THROW(score.add_label_probabilities(missing, edema), eval::MetricsError);
}

TEST(TextScore, IdenticalTextsScorePerfectlyAndLabelsAreCompared) {
  TextScore score;
  score.add("Moderate left pleural effusion.", "Moderate left pleural effusion.");
  score.add("No pneumothorax.", "Right pneumothorax.");
  const TextSummary summary = score.summary();
  EXPECT_EQ(summary.samples, 2u);
  EXPECT_DOUBLE_EQ(summary.exact_match, 0.5);
  // Sample 2: "pneumothorax." is the common token -> ROUGE-L F = 2 * (1/2 * 1/2) / 1 = 0.5.
  EXPECT_NEAR(summary.rouge_l, (1.0 + 0.5) / 2.0, 1e-12);
  // Pleural effusion agrees; Pneumothorax is negated in the answer (FN); No Finding is positive in answer 2
  // only (FP): micro F1 = 2 TP / (2 TP + FP + FN) with TP 1 (effusion) -> 2 / (2 + 1 + 1).
  EXPECT_NEAR(summary.chexpert_micro_f1, 0.5, 1e-12);
  ASSERT_EQ(summary.chexpert_f1_per_label.size(), 14u);
  EXPECT_DOUBLE_EQ(summary.chexpert_f1_per_label[static_cast<std::size_t>(eval::ChexpertLabel::PleuralEffusion)].value(), 1.0);
  EXPECT_DOUBLE_EQ(summary.chexpert_f1_per_label[static_cast<std::size_t>(eval::ChexpertLabel::Pneumothorax)].value(), 0.0);
  EXPECT_FALSE(summary.chexpert_f1_per_label[static_cast<std::size_t>(eval::ChexpertLabel::Edema)].has_value());
  EXPECT_THROW(TextScore().summary(), eval::MetricsError);
}

TEST(AnatomyGroups, NamesFallIntoTheirGroups) {
  EXPECT_EQ(anatomy_group("Left lung"), "lungs");
  EXPECT_EQ(anatomy_group("Hilar Area of the Right Lung"), "lungs");
  EXPECT_EQ(anatomy_group("left costophrenic sulcus;;Left costodiaphragmatic recess"), "pleura and diaphragm");
  EXPECT_EQ(anatomy_group("right cardiophrenic sulcus"), "pleura and diaphragm");
  EXPECT_EQ(anatomy_group("Cardiac shadow viewed radiologically;;Heart"), "heart and mediastinum");
  EXPECT_EQ(anatomy_group("cavoatrial"), "heart and mediastinum");
  EXPECT_EQ(anatomy_group("Vertebral column"), "airway and bones");
  EXPECT_EQ(anatomy_group("Structure of left upper quadrant of abdomen"), "abdomen");
}

// Four anatomies of a 100-pixel-wide image: the patient's left at the image's right.
const std::vector<std::string> kNames = {"Left lung", "Mediastinum", "Right atrial structure", "Right lung"};
const std::vector<Box> kTruth = {{60, 10, 90, 80}, {40, 5, 60, 70}, {30, 40, 45, 60}, {10, 10, 40, 80}};

// The truth of the mirrored pixels: every box mirrored, the same names (anatomix/laterality.h).
std::vector<Box> mirrored(const std::vector<Box>& boxes) {
  std::vector<Box> out;
  for (const Box& box : boxes) out.push_back(mirror_box(box, 100.f));
  return out;
}

TEST(FlipRobustness, AModelThatFollowsTheAnatomyKeepsLateralityAndLosesNoIou) {
  AnatomyBoxScore score(kNames, kNames);
  score.add_original(kTruth, kTruth);
  score.add_flipped(mirrored(kTruth), mirrored(kTruth));
  const AnatomySummary summary = score.summary();
  EXPECT_DOUBLE_EQ(summary.iou, 1.0);
  EXPECT_DOUBLE_EQ(summary.flipped_iou, 1.0);
  ASSERT_TRUE(summary.flipped_laterality.has_value());
  EXPECT_DOUBLE_EQ(*summary.flipped_laterality, 1.0);
  EXPECT_DOUBLE_EQ(*summary.laterality, 1.0);
  EXPECT_EQ(summary.hit_rate[3], 1.0);
}

// RadVLM's failure: the boxes are found, but lateral names are read off the image side, so on the mirror
// "Left lung" is given the lung at the image right, which is the patient's right lung.
TEST(FlipRobustness, AModelThatNamesSidesByTheImageFailsEveryLateralAnatomy) {
  AnatomyBoxScore score(kNames, kNames);
  score.add_original(kTruth, kTruth);
  const std::vector<Box> truth = mirrored(kTruth);
  score.add_flipped(named_by_image_side(truth, lateral_partner_indices(kNames)), truth);
  const std::vector<AnatomyFigures> anatomies = score.per_anatomy();
  ASSERT_EQ(anatomies.size(), 4u);
  EXPECT_TRUE(anatomies[0].lateral);
  EXPECT_FALSE(anatomies[1].lateral);
  EXPECT_FALSE(anatomies[2].lateral);  // no partner: nothing to confuse it with
  EXPECT_DOUBLE_EQ(*anatomies[0].flipped_laterality, 0.0);
  EXPECT_DOUBLE_EQ(*anatomies[3].flipped_laterality, 0.0);
  EXPECT_FALSE(anatomies[1].flipped_laterality.has_value());
  EXPECT_DOUBLE_EQ(anatomies[2].flipped_iou, 1.0);
  // Left lung given [60, 90] against its mirrored truth [10, 40]: no overlap.
  EXPECT_DOUBLE_EQ(anatomies[0].flipped_iou, 0.0);
  const AnatomySummary lungs = score.summary("lungs");
  EXPECT_DOUBLE_EQ(*lungs.flipped_laterality, 0.0);
  EXPECT_DOUBLE_EQ(lungs.iou - lungs.flipped_iou, 1.0);
}

// A box that never looks at the image cannot pass the flip block.
TEST(FlipRobustness, AConstantBoxFailsLateralityOnTheMirror) {
  AnatomyBoxScore score(kNames, kNames);
  score.add_original(kTruth, kTruth);
  score.add_flipped(kTruth, mirrored(kTruth));
  const AnatomySummary summary = score.summary();
  EXPECT_DOUBLE_EQ(*summary.flipped_laterality, 0.0);
  EXPECT_LT(summary.flipped_iou, 0.5);
}

TEST(FlipRobustness, LateralityComparesCentresWithThePartner) {
  const std::vector<Box> lungs = {kTruth[0], kTruth[3]};  // Left lung right of Right lung
  EXPECT_TRUE(laterality_correct({{55, 0, 65, 1}, {5, 0, 50, 1}}, lungs, 0, 1));
  EXPECT_FALSE(laterality_correct({{5, 0, 15, 1}, {50, 0, 60, 1}}, lungs, 0, 1));
  EXPECT_FALSE(laterality_correct({{5, 0, 15, 1}, {5, 0, 15, 1}}, lungs, 0, 1));  // same centre: no side
  AnatomyBoxScore score(kNames, kNames);
  EXPECT_THROW(score.add_original({kTruth[0]}, kTruth), std::invalid_argument);
}

}  // namespace
}  // namespace anatomix::evaluator
