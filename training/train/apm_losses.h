// The APM's training losses as published (the published AnatomiX code), each a plain function of
// tensors so that tests can check them against hand-computed values.
#pragma once

#include <ATen/core/Tensor.h>

namespace anatomix::training {

// Published weights of the total loss.
struct ApmLossWeights {
  double box_l1 = 5.0;
  double box_giou = 3.0;
  double image_labels = 2.0;
  double contrastive = 1.0;
  // Not published (0 = as published): database_contrastive_loss below.
  double database_contrastive = 0.0;
  // Not published: side_loss on unlabelled real films whose display is known (below).
  double real_sides = 0.0;
  // Not published: box L1 x box_l1 + GIoU x box_giou on the known boxes of real films, times this.
  double real_boxes = 0.0;
  // Not published: masked_image_label_loss on the image labels real films carry (NIH's findings), times this.
  double real_labels = 0.0;
  // Not published: mirror_consistency_loss between each real film and its mirror (which then also takes the
  // side loss), times this.
  double real_mirror_consistency = 0.0;
  // Not published: clavicle_reach_loss on real films, times this.
  double real_clavicle_reach = 0.0;
};

// Contrastive temperature: logits = cosine x 1/0.01, soft targets likewise.
constexpr double kContrastiveTemperature = 0.01;

// Sum over all pairs of |pred - target| on normalised cxcywh, divided by the number of boxes
// (DETR's loss_bbox with the fixed 1:1 assignment). pred, target: [..., 4].
at::Tensor box_l1_loss(const at::Tensor& predicted_cxcywh, const at::Tensor& target_cxcywh);

// Sum over pairs of 1 - GIoU of the xyxy boxes, divided by the number of boxes.
at::Tensor box_giou_loss(const at::Tensor& predicted_cxcywh, const at::Tensor& target_cxcywh);

// Generalised IoU of paired boxes (xyxy): [...] for inputs [..., 4].
at::Tensor paired_generalised_iou(const at::Tensor& boxes_a_xyxy, const at::Tensor& boxes_b_xyxy);
// Plain IoU of paired boxes (xyxy), 0 where the union is empty.
at::Tensor paired_iou(const at::Tensor& boxes_a_xyxy, const at::Tensor& boxes_b_xyxy);
at::Tensor cxcywh_to_xyxy(const at::Tensor& boxes);
// Normalised cxcywh boxes of the horizontally mirrored square (cx -> 1 - cx), names kept: the published flip.
at::Tensor mirrored_cxcywh(const at::Tensor& boxes);

// Multi-label BCE with logits over the 14 image labels, mean over all entries.
at::Tensor image_label_loss(const at::Tensor& logits, const at::Tensor& labels);

// The same BCE, mean over the entries `known` marks only (0 when none is known): real films carry some labels.
at::Tensor masked_image_label_loss(const at::Tensor& logits, const at::Tensor& labels, const at::Tensor& known);

// The soft-KL contrastive loss of the published APM ("kl" type): object embeddings [N, s] and
// projected sentence embeddings [N, s] are L2-normalised, logits = o . t^T / temperature; soft
// targets = softmax(r . r^T / temperature) of the L2-normalised sentence-encoder vectors r [N, e]
// (before the projection); loss = (KL(objects->text) + KL(text->objects)) / 2, each
// F.kl_div(log_softmax(logits), targets, reduction="batchmean").
at::Tensor soft_kl_contrastive_loss(const at::Tensor& object_embeddings, const at::Tensor& projected_sentences,
                                    const at::Tensor& sentence_vectors,
                                    double temperature = kContrastiveTemperature);

// Each object token against every sentence of its own anatomy's sub-database, the choice retrieval makes
// at inference (the in-batch loss above is mostly won by telling the 36 anatomies apart, and rarely shows a
// healthy anatomy the rare finding combinations of its sub-database). objects [B, Q, s]; candidates [Q, C, s]
// the projected sentences of each sub-database, padded to C where `candidate_mask` [Q, C] is false;
// truth_vectors [B, Q, e] and candidate_vectors [Q, C, e] the sentence-encoder vectors. Logits = cosine /
// temperature over the sub-database, soft targets = softmax(cosine(truth, candidate) / temperature) over it;
// loss = mean over the B x Q objects of KL(targets || softmax(logits)).
at::Tensor database_contrastive_loss(const at::Tensor& objects, const at::Tensor& candidates,
                                     const at::Tensor& candidate_mask, const at::Tensor& truth_vectors,
                                     const at::Tensor& candidate_vectors, double temperature = kContrastiveTemperature);

// Weak supervision of sides on real films without boxes. The films of a collection stored in standard
// display (NIH ChestX-ray14: every film PA or AP, the patient's left at the image's right) tell where the
// patient's left is; after the flip augmentation it is on the image's left, names unchanged. boxes [R, Q, 4]
// cxcywh; left_at_image_right [R] bool. `pairs`: (patient-left query, its patient-right partner);
// heart/left_lung/right_lung: query indices. Loss = mean of hinge(margin - d * (cx_left - cx_right)) over
// the pairs and hinge(margin / 2 - d * (cx_heart - (cx_left_lung + cx_right_lung) / 2)), d = +1 or -1.
at::Tensor side_loss(const at::Tensor& boxes, const at::Tensor& left_at_image_right,
                     const std::vector<std::pair<int64_t, int64_t>>& pairs, int64_t heart, int64_t left_lung,
                     int64_t right_lung, double margin = 0.05);

// Names follow the pixels, so the boxes read on a mirrored image, mirrored back (cx -> 1 - cx), are the boxes
// of the image under the same names: the equivariance the paper asks of the APM, as a loss that needs no
// labels. boxes, mirrored_boxes [R, Q, 4] normalised cxcywh; box_l1_loss between boxes and
// mirrored_cxcywh(mirrored_boxes), both ways trained.
at::Tensor mirror_consistency_loss(const at::Tensor& boxes, const at::Tensor& mirrored_boxes);

// Weak supervision of the clavicles on real films, which have no clavicle boxes: each clavicle runs from its
// sternal end beside the midline out past the apex of its lung. On generated studies the clavicle's box
// stops 0.02 of the lungs' spacing short of the midline and reaches 0.04 past the lung's lateral edge (median;
// 90 % within 0.03 of either). Asked of each clavicle: its medial edge not more than `tolerance` x spacing past
// the midline between the lung centres, its lateral edge not more than that short of its lung's lateral edge.
// The lungs are read from the same boxes, without gradient, so only the clavicles move. boxes [R, Q, 4]
// cxcywh; left_at_image_right [R] bool, as side_loss. Loss = mean of the four hinges over the films.
at::Tensor clavicle_reach_loss(const at::Tensor& boxes, const at::Tensor& left_at_image_right, int64_t left_clavicle,
                               int64_t right_clavicle, int64_t left_lung, int64_t right_lung, double tolerance = 0.03);

}  // namespace anatomix::training
