// Batches for APM steps: uint8 squares -> [B, 1, S, S] in [0, 1] (pixel/255, as published), with a
// small random affine and the published left-right flip (anatomix/laterality.h): a flipped sample's
// pixels and boxes are mirrored, every query keeps its name and sentence.
#pragma once

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace anatomix::training {

struct ApmTrainingSet;

struct AugmentationOptions {
  bool enabled = true;
  double flip_probability = 0.5;
  double max_rotation_degrees = 5.0;   // published: 15 (RandomAffine)
  double max_translation = 0.05;       // fraction of the side; published: 0.1
  double max_scale_change = 0.05;      // scale in [1 - c, 1 + c]; published: 0.1
  double max_zoom = 0;                 // > 0: scale in [1 - max_scale_change, max_zoom] instead: real films
                                       // are framed tighter than the generator's (lungs nearer the edges)
  // Acquisition randomisation for synthetic-to-real transfer (strong domain randomisation as in SyntheX
  // and BigAug), each drawn per sample with its probability:
  double appearance_probability = 0;   // gamma 0.6..1.6, contrast 0.7..1.3, brightness +-0.1, blur, noise
  double crop_probability = 0;         // cropped to the thorax and letterboxed: each edge cut by up to
  double max_crop = 0.2;               // max_crop of the side, the part kept fills the square, the rest black
  double collimation_probability = 0;  // bright or dark bands at the borders (collimators, detector edges)
  double text_probability = 0;         // burned-in text blocks and lead markers near the corners
  // With opacity_probability, airspace opacity (diffuse, patchy or basal; one lung or both) is painted into
  // the boxes of `opacity_queries` (the lungs) where those boxes are known; the boxes stay. Lungs keep their
  // extent when they turn white (ARDS, oedema, pneumonia), which a model that has only seen dark lungs
  // mistakes for the lungs ending. Painted samples are marked in ApmBatch::opacified: their image labels
  // no longer hold.
  double opacity_probability = 0;
  std::vector<int64_t> opacity_queries;
  // With histogram_probability, a sample's intensities are matched to a random real radiograph's histogram
  // (blend 0.5..1; Albumentations' HistogramMatching). The references: cumulative histograms (256 bins) of
  // the images in `histogram_references` (a folder of real radiographs, loaded by the trainer).
  double histogram_probability = 0;
  std::string histogram_references;
  std::vector<std::array<float, 256>> reference_cdfs;
};

// The cumulative 256-bin histogram of an 8-bit image, leaving out 0 (letterbox padding).
std::array<float, 256> cumulative_histogram(const std::uint8_t* pixels, std::size_t count);

struct ApmBatch {
  at::Tensor images;          // [B, 1, S, S] float in [0, 1]
  at::Tensor boxes;           // [B, Q, 4] normalised cxcywh
  at::Tensor labels;          // [B, 14]
  at::Tensor sentence_rows;   // [B, Q] int64 (undefined when the set has none)
  at::Tensor flipped;         // [B] bool
  at::Tensor box_mask;        // [B, Q] bool: the boxes that are known (undefined when the set has no mask)
  at::Tensor label_mask;      // [B, 14] bool: the labels that are known (undefined when the set has no mask)
  at::Tensor opacified;       // [B] bool: opacity was painted into the lungs
};

ApmBatch make_apm_batch(const ApmTrainingSet& set, const std::vector<int64_t>& indices,
                        const AugmentationOptions& options, at::Generator& generator);

// Boxes (normalised cxcywh in the square) under the affine the pixels went through: each box stands for the
// ellipse inscribed in it, and the bounding box of that ellipse's image is taken and clamped to the square
// (Kalra and Paul, "Towards Rotation Invariance in Object Detection", ICCV 2021). Mapping the corners instead
// (torchvision's RandomAffine) widens a rotated anatomy's box by h sin(angle): over rotations of up to 10
// degrees every lung would be taught about 4 % of the square wider and 3 % taller than it is. Scale and
// translation move boxes exactly either way.
// forward: [B, 2, 3] matrices mapping input to output points in [-1, 1] coordinates.
at::Tensor transform_boxes(const at::Tensor& boxes_cxcywh, const at::Tensor& forward);

}  // namespace anatomix::training
