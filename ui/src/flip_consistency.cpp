#include "anatomix/ui/flip_consistency.h"

#include <algorithm>
#include <stdexcept>

namespace anatomix::ui {

namespace {

// -1: left half of the image, +1: right half, 0: centred on the midline.
int sideOf(const Box& box, float imageWidth) {
  const float centre = 0.5f * (box.x1 + box.x2);
  const float midline = 0.5f * imageWidth;
  const float tolerance = 1e-3f * imageWidth;
  if (centre < midline - tolerance) return -1;
  if (centre > midline + tolerance) return +1;
  return 0;
}

}  // namespace

FlipConsistencyReport compareFlipRuns(const std::vector<std::string>& names, const std::vector<Box>& original,
                                      const std::vector<Box>& flippedMappedBack, float imageWidth,
                                      double iouThreshold) {
  if (original.size() != names.size() || flippedMappedBack.size() != names.size())
    throw std::invalid_argument("compareFlipRuns: " + std::to_string(names.size()) + " names but " +
                                std::to_string(original.size()) + " original and " +
                                std::to_string(flippedMappedBack.size()) + " flipped boxes");
  FlipConsistencyReport report;
  double iouSum = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    FlipAnatomyResult result;
    result.index = static_cast<int>(i);
    result.name = names[i];
    result.original = original[i];
    result.mappedBack = flippedMappedBack[i];
    result.sameSide = sideOf(result.original, imageWidth) == sideOf(result.mappedBack, imageWidth);
    result.iou = box_iou(result.original, result.mappedBack);
    result.consistent = result.sameSide && result.iou >= iouThreshold;
    report.consistentCount += result.consistent ? 1 : 0;
    iouSum += result.iou;
    report.anatomies.push_back(std::move(result));
  }
  report.meanIou = names.empty() ? 0.0 : iouSum / static_cast<double>(names.size());
  return report;
}

}  // namespace anatomix::ui
