// Batches for APM steps: uint8 squares -> [B, 1, S, S] in [0, 1] (pixel/255, as published), with a
// small random affine and the left-right flip of the project's convention (anatomix/laterality.h):
// a flipped sample's pixels are mirrored, every query takes its mirrored partner's box (mirrored),
// and its sentence is the mirrored reading's. The published flip (p=0.3) does not swap.
#pragma once

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace anatomix::training {

struct ApmTrainingSet;

struct AugmentationOptions {
  bool enabled = true;
  double flip_probability = 0.5;
  double max_rotation_degrees = 5.0;   // published: 15 (RandomAffine)
  double max_translation = 0.05;       // fraction of the side; published: 0.1
  double max_scale_change = 0.05;      // scale in [1 - c, 1 + c]; published: 0.1
};

struct ApmBatch {
  at::Tensor images;          // [B, 1, S, S] float in [0, 1]
  at::Tensor boxes;           // [B, Q, 4] normalised cxcywh
  at::Tensor labels;          // [B, 14]
  at::Tensor sentence_rows;   // [B, Q] int64 (undefined when the set has none)
  at::Tensor flipped;         // [B] bool
};

// `partner`: mirrored_anatomy_indices of the anatomy names in query order.
ApmBatch make_apm_batch(const ApmTrainingSet& set, const std::vector<int64_t>& indices,
                        const std::vector<int>& partner, const AugmentationOptions& options,
                        at::Generator& generator);

// Boxes (normalised cxcywh in the square) under the affine the pixels went through: corners mapped,
// their bounding box taken and clamped to the square (torchvision v2 RandomAffine on BoundingBoxes).
// forward: [B, 2, 3] matrices mapping input to output points in [-1, 1] coordinates.
at::Tensor transform_boxes(const at::Tensor& boxes_cxcywh, const at::Tensor& forward);

}  // namespace anatomix::training
