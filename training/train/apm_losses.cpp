#include "train/apm_losses.h"

#include <torch/torch.h>

#include <tuple>

#include "dataset/clavicle_reach.h"

namespace anatomix::training {
namespace {

torch::Tensor l2_normalise(const torch::Tensor& x) {
  return x / x.norm(2, -1, true).clamp_min(1e-12);  // F.normalize
}

double box_count(const torch::Tensor& boxes) { return static_cast<double>(std::max<int64_t>(1, boxes.numel() / 4)); }

}  // namespace

torch::Tensor cxcywh_to_xyxy(const torch::Tensor& boxes) {
  const auto parts = boxes.unbind(-1);
  const torch::Tensor& cx = parts[0], &cy = parts[1], &w = parts[2], &h = parts[3];
  return torch::stack({cx - 0.5 * w, cy - 0.5 * h, cx + 0.5 * w, cy + 0.5 * h}, -1);
}

torch::Tensor box_l1_loss(const torch::Tensor& predicted, const torch::Tensor& target) {
  return (predicted - target).abs().sum() / box_count(predicted);
}

// Intersection and union of paired boxes, as torchvision's box_iou / generalized_box_iou compute them.
static std::pair<torch::Tensor, torch::Tensor> intersection_union(const torch::Tensor& a, const torch::Tensor& b) {
  const torch::Tensor area_a = (a.select(-1, 2) - a.select(-1, 0)) * (a.select(-1, 3) - a.select(-1, 1));
  const torch::Tensor area_b = (b.select(-1, 2) - b.select(-1, 0)) * (b.select(-1, 3) - b.select(-1, 1));
  const torch::Tensor left_top = torch::max(a.narrow(-1, 0, 2), b.narrow(-1, 0, 2));
  const torch::Tensor right_bottom = torch::min(a.narrow(-1, 2, 2), b.narrow(-1, 2, 2));
  const torch::Tensor size = (right_bottom - left_top).clamp_min(0);
  const torch::Tensor intersection = size.select(-1, 0) * size.select(-1, 1);
  return {intersection, area_a + area_b - intersection};
}

torch::Tensor paired_iou(const torch::Tensor& a, const torch::Tensor& b) {
  const auto [intersection, union_area] = intersection_union(a, b);
  return torch::where(union_area > 0, intersection / union_area.clamp_min(1e-12), torch::zeros_like(union_area));
}

torch::Tensor paired_generalised_iou(const torch::Tensor& a, const torch::Tensor& b) {
  const auto [intersection, union_area] = intersection_union(a, b);
  const torch::Tensor iou = intersection / union_area.clamp_min(1e-12);
  const torch::Tensor left_top = torch::min(a.narrow(-1, 0, 2), b.narrow(-1, 0, 2));
  const torch::Tensor right_bottom = torch::max(a.narrow(-1, 2, 2), b.narrow(-1, 2, 2));
  const torch::Tensor size = (right_bottom - left_top).clamp_min(0);
  const torch::Tensor enclosing = size.select(-1, 0) * size.select(-1, 1);
  return iou - (enclosing - union_area) / enclosing.clamp_min(1e-12);
}

torch::Tensor box_giou_loss(const torch::Tensor& predicted, const torch::Tensor& target) {
  return (1 - paired_generalised_iou(cxcywh_to_xyxy(predicted), cxcywh_to_xyxy(target))).sum() / box_count(predicted);
}

torch::Tensor side_loss(const torch::Tensor& boxes, const torch::Tensor& left_at_image_right,
                        const std::vector<std::pair<int64_t, int64_t>>& pairs, int64_t heart, int64_t left_lung,
                        int64_t right_lung, double margin) {
  const torch::Tensor cx = boxes.select(-1, 0);                             // [R, Q]
  const torch::Tensor d = left_at_image_right.to(cx.scalar_type()) * 2 - 1;  // [R]
  std::vector<int64_t> lefts, rights;
  for (const auto& [left, right] : pairs) lefts.push_back(left), rights.push_back(right);
  const torch::Tensor gap = cx.index_select(1, torch::tensor(lefts)) - cx.index_select(1, torch::tensor(rights));
  const torch::Tensor pair_loss = torch::relu(margin - d.unsqueeze(1) * gap).mean();
  const torch::Tensor middle = (cx.select(1, left_lung) + cx.select(1, right_lung)) / 2;
  const torch::Tensor heart_loss = torch::relu(margin / 2 - d * (cx.select(1, heart) - middle)).mean();
  return (pair_loss + heart_loss) / 2;
}

torch::Tensor mirrored_cxcywh(const torch::Tensor& boxes) {
  return torch::cat({1 - boxes.narrow(-1, 0, 1), boxes.narrow(-1, 1, 3)}, -1);
}

torch::Tensor mirror_consistency_loss(const torch::Tensor& boxes, const torch::Tensor& mirrored_boxes) {
  return box_l1_loss(boxes, mirrored_cxcywh(mirrored_boxes));
}

torch::Tensor clavicle_reach_loss(const torch::Tensor& boxes, const torch::Tensor& left_at_image_right,
                                  int64_t left_clavicle, int64_t right_clavicle, int64_t left_lung, int64_t right_lung,
                                  double tolerance) {
  const torch::Tensor lungs_cx = boxes.select(-1, 0).detach(), lungs_w = boxes.select(-1, 2).detach();
  const torch::Tensor spacing = (lungs_cx.select(1, left_lung) - lungs_cx.select(1, right_lung)).abs();
  const torch::Tensor midline = (lungs_cx.select(1, left_lung) + lungs_cx.select(1, right_lung)) / 2;
  // Medial is toward the image's right for the patient's right (d = +1 in standard display), left for the left.
  const torch::Tensor d = left_at_image_right.to(boxes.scalar_type()) * 2 - 1;
  torch::Tensor total = torch::zeros({}, boxes.options());
  for (const auto& [clavicle, lung, medial] :
       {std::tuple{right_clavicle, right_lung, d}, std::tuple{left_clavicle, left_lung, -d}}) {
    const ClavicleReachOf<torch::Tensor> reach =
        clavicle_reach_of(boxes.select(1, clavicle).select(-1, 0), boxes.select(1, clavicle).select(-1, 2),
                          lungs_cx.select(1, lung), lungs_w.select(1, lung), midline, medial);
    total = total + torch::relu(reach.past_midline - tolerance * spacing).mean() +
            torch::relu(reach.short_of_lung - tolerance * spacing).mean();
  }
  return total / 4;
}

torch::Tensor image_label_loss(const torch::Tensor& logits, const torch::Tensor& labels) {
  return torch::binary_cross_entropy_with_logits(logits, labels.to(logits.scalar_type()));
}

torch::Tensor masked_image_label_loss(const torch::Tensor& logits, const torch::Tensor& labels,
                                      const torch::Tensor& known) {
  const torch::Tensor weights = known.to(logits.scalar_type());
  const torch::Tensor count = weights.sum();
  const torch::Tensor summed = torch::binary_cross_entropy_with_logits(logits, labels.to(logits.scalar_type()), weights,
                                                                       {}, at::Reduction::Sum);
  return summed / count.clamp_min(1.0);
}

torch::Tensor soft_kl_contrastive_loss(const torch::Tensor& objects, const torch::Tensor& projected,
                                       const torch::Tensor& sentence_vectors, double temperature) {
  namespace F = torch::nn::functional;
  const torch::Tensor o = l2_normalise(objects);
  const torch::Tensor t = l2_normalise(projected);
  const torch::Tensor r = l2_normalise(sentence_vectors.to(objects.scalar_type()));
  const torch::Tensor logits = torch::matmul(o, t.t()) / temperature;
  const torch::Tensor targets = torch::softmax(torch::matmul(r, r.t()) / temperature, -1);
  const auto kl = [](const torch::Tensor& scores, const torch::Tensor& soft) {
    return F::kl_div(torch::log_softmax(scores, -1), soft, F::KLDivFuncOptions().reduction(torch::kBatchMean));
  };
  return (kl(logits, targets) + kl(logits.t(), targets.t())) / 2;
}

torch::Tensor database_contrastive_loss(const torch::Tensor& objects, const torch::Tensor& candidates,
                                       const torch::Tensor& candidate_mask, const torch::Tensor& truth_vectors,
                                       const torch::Tensor& candidate_vectors, double temperature) {
  // A large finite fill, not -inf: the targets are exactly 0 there and 0 * fill stays 0 in the KL.
  constexpr double kMasked = -1e4;
  const torch::Tensor padding = candidate_mask.logical_not().unsqueeze(0);  // [1, Q, C]
  const torch::Tensor o = l2_normalise(objects);
  const torch::Tensor t = l2_normalise(candidates);
  const torch::Tensor logits = torch::einsum("bqs,qcs->bqc", {o, t}).div(temperature).masked_fill(padding, kMasked);
  const torch::Tensor r = l2_normalise(truth_vectors.to(objects.scalar_type()));
  const torch::Tensor rc = l2_normalise(candidate_vectors.to(objects.scalar_type()));
  const torch::Tensor targets =
      torch::softmax(torch::einsum("bqe,qce->bqc", {r, rc}).div(temperature).masked_fill(padding, kMasked), -1);
  const double rows = static_cast<double>(objects.size(0) * objects.size(1));
  return torch::kl_div(torch::log_softmax(logits, -1), targets, at::Reduction::Sum) / rows;
}

}  // namespace anatomix::training
