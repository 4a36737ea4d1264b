// The APM losses against values computed by hand (the published AnatomiX code).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

#include "train/apm_losses.h"

namespace anatomix::training {
namespace {

torch::Tensor boxes(std::vector<float> values) { return torch::tensor(values).view({-1, 4}); }

TEST(ApmLosses, BoxL1IsSummedAndDividedByTheNumberOfBoxes) {
  // |0.1| + |0.2| for the first box, |0.05| * 4 for the second: 0.5 / 2 boxes.
  const torch::Tensor predicted = boxes({0.5f, 0.5f, 0.2f, 0.2f, 0.3f, 0.3f, 0.3f, 0.3f});
  const torch::Tensor target = boxes({0.4f, 0.5f, 0.2f, 0.4f, 0.35f, 0.35f, 0.35f, 0.35f});
  EXPECT_NEAR(box_l1_loss(predicted, target).item<double>(), 0.25, 1e-6);
}

TEST(ApmLosses, GeneralisedIouOfOverlappingAndDisjointBoxes) {
  // Overlap: xyxy (0.4,0.4,0.6,0.6) and (0.5,0.4,0.7,0.6): IoU 0.02/0.06, enclosing = union -> GIoU 1/3.
  // Disjoint: (0.1,0.4,0.3,0.6) and (0.7,0.4,0.9,0.6): IoU 0, union 0.08, enclosing 0.16 -> GIoU -0.5.
  const torch::Tensor predicted = boxes({0.5f, 0.5f, 0.2f, 0.2f, 0.2f, 0.5f, 0.2f, 0.2f});
  const torch::Tensor target = boxes({0.6f, 0.5f, 0.2f, 0.2f, 0.8f, 0.5f, 0.2f, 0.2f});
  const torch::Tensor giou = paired_generalised_iou(cxcywh_to_xyxy(predicted), cxcywh_to_xyxy(target));
  EXPECT_NEAR(giou[0].item<double>(), 1.0 / 3.0, 1e-6);
  EXPECT_NEAR(giou[1].item<double>(), -0.5, 1e-6);
  EXPECT_NEAR(box_giou_loss(predicted, target).item<double>(), ((1 - 1.0 / 3.0) + 1.5) / 2, 1e-6);
  const torch::Tensor iou = paired_iou(cxcywh_to_xyxy(predicted), cxcywh_to_xyxy(target));
  EXPECT_NEAR(iou[0].item<double>(), 1.0 / 3.0, 1e-6);
  EXPECT_NEAR(iou[1].item<double>(), 0.0, 1e-9);
  EXPECT_NEAR(box_giou_loss(target, target).item<double>(), 0.0, 1e-6);
}

TEST(ApmLosses, ImageLabelBceIsTheMeanOverEntries) {
  // -log(sigmoid(0)) = ln 2; -log(1 - sigmoid(2)) = ln(1 + e^2).
  const torch::Tensor logits = torch::tensor({0.0f, 2.0f}).view({1, 2});
  const torch::Tensor labels = torch::tensor({1.0f, 0.0f}).view({1, 2});
  EXPECT_NEAR(image_label_loss(logits, labels).item<double>(), (std::log(2.0) + std::log(1 + std::exp(2.0))) / 2, 1e-6);
}

TEST(ApmLosses, MaskedImageLabelLossAveragesTheKnownLabelsOnly) {
  // Known: (0, 0) label 1 at logit 0 -> ln 2; (1, 1) label 0 at logit 2 -> ln(1 + e^2). The unknown entries
  // (a confident wrong logit among them) add nothing.
  const torch::Tensor logits = torch::tensor({0.0f, -9.0f, 9.0f, 2.0f}).view({2, 2});
  const torch::Tensor labels = torch::tensor({1.0f, 1.0f, 0.0f, 0.0f}).view({2, 2});
  const torch::Tensor known = torch::tensor({true, false, false, true}).view({2, 2});
  EXPECT_NEAR(masked_image_label_loss(logits, labels, known).item<double>(),
              (std::log(2.0) + std::log(1 + std::exp(2.0))) / 2, 1e-6);
  EXPECT_EQ(masked_image_label_loss(logits, labels, torch::zeros({2, 2}, torch::kBool)).item<double>(), 0.0);
}

TEST(ApmLosses, SoftKlContrastiveByHand) {
  // Two objects, two copies of one sentence: targets are 0.5/0.5 everywhere. Object->text logits
  // [[1,1],[0,0]] match them (KL 0); text->object logits [[1,0],[1,0]] give per row
  // ln 0.5 - (0.5 (1 - ln(1+e)) + 0.5 (-ln(1+e))) = ln 0.5 + ln(1+e) - 0.5; batchmean over 2 rows.
  const torch::Tensor objects = torch::tensor({3.0f, 0.0f, 0.0f, 2.0f}).view({2, 2});  // normalised inside
  const torch::Tensor projected = torch::tensor({1.0f, 0.0f, 5.0f, 0.0f}).view({2, 2});
  const torch::Tensor sentences = torch::tensor({1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f}).view({2, 3});
  const double row = std::log(0.5) + std::log(1 + std::exp(1.0)) - 0.5;
  EXPECT_NEAR(soft_kl_contrastive_loss(objects, projected, sentences, 1.0).item<double>(), row / 2, 1e-6);
  // At the published temperature 0.01 the text->object logits are [[100,0],[100,0]]:
  // per row ln 0.5 + 50 (up to e^-100), halved.
  EXPECT_NEAR(soft_kl_contrastive_loss(objects, projected, sentences).item<double>(), (std::log(0.5) + 50) / 2, 1e-4);
}

TEST(ApmLosses, SoftKlContrastiveVanishesWhenEveryObjectMatchesItsOwnSentence) {
  const torch::Tensor identity = torch::eye(3);
  EXPECT_NEAR(soft_kl_contrastive_loss(identity, identity * 2, identity).item<double>(), 0.0, 1e-6);
  // Swapped sentences cost a lot.
  const torch::Tensor swapped = identity.index_select(0, torch::tensor({1, 0, 2}, torch::kInt64));
  EXPECT_GT(soft_kl_contrastive_loss(identity, swapped, identity).item<double>(), 10.0);
}

TEST(ApmLosses, DatabaseContrastiveByHand) {
  // One image, two anatomies; anatomy 0 has two sentences, anatomy 1 one (and a padded slot).
  const torch::Tensor objects = torch::tensor({1.0f, 0.0f, 0.0f, 1.0f}).view({1, 2, 2});
  const torch::Tensor candidates = torch::tensor({1.0f, 0.0f, 1.0f, 1.0f, 0.0f, 1.0f, 5.0f, 5.0f}).view({2, 2, 2});
  const torch::Tensor mask = torch::tensor({true, true, true, false}).view({2, 2});
  const torch::Tensor truth = torch::tensor({1.0f, 0.0f, 0.0f, 1.0f}).view({1, 2, 2});
  const torch::Tensor candidate_vectors = torch::tensor({1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 1.0f, 1.0f, 0.0f}).view({2, 2, 2});
  const double T = 0.5;
  // Anatomy 0: logits (1, 1/sqrt2) / T, targets softmax((1, 0) / T). Anatomy 1: one real candidate, loss 0.
  const double l0 = 1 / T, l1 = 1 / std::sqrt(2.0) / T;
  const double t0 = std::exp(1 / T) / (std::exp(1 / T) + 1), t1 = 1 - t0;
  const double log_z = std::log(std::exp(l0) + std::exp(l1));
  const double kl = t0 * (std::log(t0) - (l0 - log_z)) + t1 * (std::log(t1) - (l1 - log_z));
  EXPECT_NEAR(database_contrastive_loss(objects, candidates, mask, truth, candidate_vectors, T).item<double>(), kl / 2,
              1e-5);
}

// Queries 0 = left lung, 1 = right lung, 2 = heart; one pair (0, 1).
TEST(ApmLosses, SideLossByHand) {
  const std::vector<std::pair<int64_t, int64_t>> pairs{{0, 1}};
  auto boxes = [](float left, float right, float heart) {
    return torch::tensor({left, 0.5f, 0.3f, 0.6f, right, 0.5f, 0.3f, 0.6f, heart, 0.6f, 0.3f, 0.3f}).view({1, 3, 4});
  };
  const torch::Tensor standard = torch::tensor({true}), mirrored = torch::tensor({false});
  // Standard display: the patient's left lung at the image right and the heart right of the middle.
  EXPECT_NEAR(side_loss(boxes(0.75f, 0.25f, 0.6f), standard, pairs, 2, 0, 1).item<double>(), 0.0, 1e-7);
  // The same boxes on a film whose patient's left is at the image left: hinge(0.05 + 0.5), hinge(0.025 + 0.1).
  EXPECT_NEAR(side_loss(boxes(0.75f, 0.25f, 0.6f), mirrored, pairs, 2, 0, 1).item<double>(), (0.55 + 0.125) / 2, 1e-6);
  // Within the margin: lungs 0.02 apart, heart 0.01 off the middle.
  EXPECT_NEAR(side_loss(boxes(0.51f, 0.49f, 0.51f), standard, pairs, 2, 0, 1).item<double>(), (0.03 + 0.015) / 2, 1e-6);
  // A box that never looks at the image pays on every mirrored film.
  const torch::Tensor both = torch::cat({boxes(0.75f, 0.25f, 0.6f), boxes(0.75f, 0.25f, 0.6f)});
  EXPECT_GT(side_loss(both, torch::tensor({true, false}), pairs, 2, 0, 1).item<double>(), 0.1);
}

// Queries 0 = left lung, 1 = right lung, 2 = heart, as above.
TEST(ApmLosses, MirrorConsistencyByHand) {
  auto boxes = [](float left, float right, float heart) {
    return torch::tensor({left, 0.5f, 0.3f, 0.6f, right, 0.5f, 0.3f, 0.6f, heart, 0.6f, 0.3f, 0.3f}).view({1, 3, 4});
  };
  // Names that follow the pixels: the mirror's left lung is the film's left lung, mirrored.
  EXPECT_NEAR(mirror_consistency_loss(boxes(0.75f, 0.25f, 0.6f), boxes(0.25f, 0.75f, 0.4f)).item<double>(), 0.0, 1e-7);
  // Naming by image side (the same boxes on the film and its mirror) pays |cx - (1 - cx')| per box:
  // left 0.5, right 0.5, heart 0.2, over 3 boxes.
  EXPECT_NEAR(mirror_consistency_loss(boxes(0.75f, 0.25f, 0.6f), boxes(0.75f, 0.25f, 0.6f)).item<double>(),
              (0.5 + 0.5 + 0.2) / 3, 1e-6);
  // Only cx is mirrored: a height that differs is paid as it is.
  torch::Tensor taller = boxes(0.25f, 0.75f, 0.4f).clone();
  taller.index_put_({0, 2, 3}, 0.5f);
  EXPECT_NEAR(mirror_consistency_loss(boxes(0.75f, 0.25f, 0.6f), taller).item<double>(), 0.2 / 3, 1e-6);
}

// Queries 0 = left lung, 1 = right lung, 2 = left clavicle, 3 = right clavicle. Standard display: the right lung
// at x 0.15-0.45, the left at 0.55-0.85; midline 0.5, spacing 0.4, tolerance 0.03 x 0.4 = 0.012.
TEST(ApmLosses, ClavicleReachByHand) {
  auto boxes = [](float left_clavicle_cx, float right_clavicle_cx, float clavicle_width, bool mirrored) {
    auto x = [&](float cx) { return mirrored ? 1 - cx : cx; };
    return torch::tensor({x(0.7f), 0.5f, 0.3f, 0.6f, x(0.3f), 0.5f, 0.3f, 0.6f, x(left_clavicle_cx), 0.12f,
                          clavicle_width, 0.08f, x(right_clavicle_cx), 0.12f, clavicle_width, 0.08f})
        .view({1, 4, 4});
  };
  const torch::Tensor standard = torch::tensor({true}), mirrored = torch::tensor({false});
  // From beside the midline to past the lung's lateral edge: nothing to pay, on the film and on its mirror.
  EXPECT_NEAR(clavicle_reach_loss(boxes(0.685f, 0.315f, 0.35f, false), standard, 2, 3, 0, 1).item<double>(), 0.0, 1e-7);
  EXPECT_NEAR(clavicle_reach_loss(boxes(0.685f, 0.315f, 0.35f, true), mirrored, 2, 3, 0, 1).item<double>(), 0.0, 1e-7);
  // Clavicles at 0.44-0.70 and 0.30-0.56: 0.06 past the midline, 0.15 short of the lungs' edges, on both sides.
  const double expected = ((0.06 - 0.012) + (0.15 - 0.012)) * 2 / 4;
  EXPECT_NEAR(clavicle_reach_loss(boxes(0.57f, 0.43f, 0.26f, false), standard, 2, 3, 0, 1).item<double>(), expected, 1e-6);
  EXPECT_NEAR(clavicle_reach_loss(boxes(0.57f, 0.43f, 0.26f, true), mirrored, 2, 3, 0, 1).item<double>(), expected, 1e-6);
  // Only the clavicles take the gradient; the lungs they are measured against stay where they are.
  torch::Tensor read = boxes(0.57f, 0.43f, 0.26f, false).clone().requires_grad_(true);
  clavicle_reach_loss(read, standard, 2, 3, 0, 1).backward();
  EXPECT_EQ(read.grad().narrow(1, 0, 2).abs().sum().item<double>(), 0.0);
  EXPECT_GT(read.grad().narrow(1, 2, 2).abs().sum().item<double>(), 0.0);
}

}  // namespace
}  // namespace anatomix::training
