#include "anatomix/flip_consistency.h"

#include <algorithm>
#include <stdexcept>

namespace anatomix {

namespace {

// -1: left of the midline, +1: right of it, 0: on it (within kFlipMidlineShare of the width).
int side_of(const Box& box, float image_width) {
  const float centre = 0.5f * (box.x1 + box.x2);
  const float midline = 0.5f * image_width;
  const float tolerance = static_cast<float>(kFlipMidlineShare) * image_width;
  if (centre < midline - tolerance) return -1;
  if (centre > midline + tolerance) return +1;
  return 0;
}

}  // namespace

FlipConsistencyReport compare_flip_runs(const std::vector<std::string>& names, const std::vector<Box>& original,
                                        const std::vector<Box>& flipped_mapped_back, float image_width,
                                        double iou_threshold) {
  if (original.size() != names.size() || flipped_mapped_back.size() != names.size())
    throw std::invalid_argument("compare_flip_runs: " + std::to_string(names.size()) + " names but " +
                                std::to_string(original.size()) + " original and " +
                                std::to_string(flipped_mapped_back.size()) + " flipped boxes");
  FlipConsistencyReport report;
  double iou_sum = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    FlipAnatomyResult result;
    result.index = static_cast<int>(i);
    result.name = names[i];
    result.original = original[i];
    result.mapped_back = flipped_mapped_back[i];
    // Only a move from one side to the other counts: a midline box (trachea, spine) whose centre wanders by a
    // pixel across the midline has not changed side.
    result.same_side = side_of(result.original, image_width) * side_of(result.mapped_back, image_width) >= 0;
    result.iou = box_iou(result.original, result.mapped_back);
    result.consistent = result.same_side && result.iou >= iou_threshold;
    report.consistent_count += result.consistent ? 1 : 0;
    iou_sum += result.iou;
    report.anatomies.push_back(std::move(result));
  }
  report.mean_iou = names.empty() ? 0.0 : iou_sum / static_cast<double>(names.size());
  return report;
}

}  // namespace anatomix
