#include "train/apm_augmentation.h"

#include <torch/torch.h>

#include <cmath>

#include "train/apm_training_set.h"

namespace anatomix::training {

torch::Tensor transform_boxes(const torch::Tensor& boxes, const torch::Tensor& forward) {
  const torch::Tensor cx = boxes.select(-1, 0), cy = boxes.select(-1, 1);
  const torch::Tensor hw = boxes.select(-1, 2) / 2, hh = boxes.select(-1, 3) / 2;
  // Corners [B, Q, 4, 2] in [-1, 1].
  const torch::Tensor xs = torch::stack({cx - hw, cx + hw, cx - hw, cx + hw}, -1) * 2 - 1;
  const torch::Tensor ys = torch::stack({cy - hh, cy - hh, cy + hh, cy + hh}, -1) * 2 - 1;
  auto coefficient = [&](int64_t row, int64_t column) { return forward.select(1, row).select(1, column).view({-1, 1, 1}); };
  const torch::Tensor out_x = coefficient(0, 0) * xs + coefficient(0, 1) * ys + coefficient(0, 2);
  const torch::Tensor out_y = coefficient(1, 0) * xs + coefficient(1, 1) * ys + coefficient(1, 2);
  const torch::Tensor x1 = ((std::get<0>(out_x.min(-1)) + 1) / 2).clamp(0, 1);
  const torch::Tensor x2 = ((std::get<0>(out_x.max(-1)) + 1) / 2).clamp(0, 1);
  const torch::Tensor y1 = ((std::get<0>(out_y.min(-1)) + 1) / 2).clamp(0, 1);
  const torch::Tensor y2 = ((std::get<0>(out_y.max(-1)) + 1) / 2).clamp(0, 1);
  return torch::stack({(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1}, -1);
}

ApmBatch make_apm_batch(const ApmTrainingSet& set, const std::vector<int64_t>& indices, const std::vector<int>& partner,
                        const AugmentationOptions& options, at::Generator& generator) {
  torch::NoGradGuard no_grad;
  const int64_t batch = static_cast<int64_t>(indices.size());
  const torch::Tensor index = torch::tensor(indices, torch::kInt64);
  ApmBatch out;
  out.images = set.pixels.index_select(0, index).unsqueeze(1).to(torch::kFloat32).div_(255.0);
  out.boxes = set.boxes.index_select(0, index);
  out.labels = set.labels.index_select(0, index);
  if (set.sentence_rows.defined()) out.sentence_rows = set.sentence_rows.index_select(0, index);
  out.flipped = torch::zeros({batch}, torch::kBool);
  if (!options.enabled) return out;

  // Flip with the swap: query i takes its partner's box, mirrored (x -> 1 - x in the square).
  out.flipped = torch::rand({batch}, generator) < options.flip_probability;
  if (out.flipped.any().item<bool>()) {
    const torch::Tensor partners = torch::tensor(std::vector<int64_t>(partner.begin(), partner.end()), torch::kInt64);
    torch::Tensor mirrored_boxes = out.boxes.index_select(1, partners).clone();
    mirrored_boxes.select(-1, 0).neg_().add_(1.0);
    const torch::Tensor flip = out.flipped.view({batch, 1, 1});
    out.boxes = torch::where(flip, mirrored_boxes, out.boxes);
    out.images = torch::where(out.flipped.view({batch, 1, 1, 1}), out.images.flip({3}), out.images);
    if (out.sentence_rows.defined())
      out.sentence_rows =
          torch::where(out.flipped.view({batch, 1}), set.mirrored_sentence_rows.index_select(0, index), out.sentence_rows);
  }

  // Small affine about the centre: rotation, isotropic scale, translation.
  const double pi = std::acos(-1.0);
  const torch::Tensor angle = (torch::rand({batch}, generator) * 2 - 1) * (options.max_rotation_degrees * pi / 180.0);
  const torch::Tensor scale = 1 + (torch::rand({batch}, generator) * 2 - 1) * options.max_scale_change;
  const torch::Tensor shift = (torch::rand({batch, 2}, generator) * 2 - 1) * (2 * options.max_translation);
  const torch::Tensor cos = angle.cos() * scale, sin = angle.sin() * scale;
  const torch::Tensor forward = torch::stack({torch::stack({cos, -sin, shift.select(1, 0)}, 1),
                                              torch::stack({sin, cos, shift.select(1, 1)}, 1)}, 1);  // [B, 2, 3]
  // grid_sample wants output -> input: the inverse of the forward map.
  const torch::Tensor linear = forward.narrow(2, 0, 2);
  const torch::Tensor inverse_linear = torch::linalg::inv(linear);
  const torch::Tensor inverse_shift = -torch::matmul(inverse_linear, forward.narrow(2, 2, 1));
  const torch::Tensor theta = torch::cat({inverse_linear, inverse_shift}, 2);
  const torch::Tensor grid = torch::nn::functional::affine_grid(theta, out.images.sizes(), /*align_corners=*/false);
  out.images = torch::nn::functional::grid_sample(
      out.images, grid,
      torch::nn::functional::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false));
  out.boxes = transform_boxes(out.boxes, forward);
  return out;
}

}  // namespace anatomix::training
