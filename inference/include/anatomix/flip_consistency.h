// The flip consistency check's arithmetic (the workstation's flip check, `anatomix eval --nih`): compares
// the anatomy boxes of an image with those of its horizontally mirrored pixels, mapped back. Names follow
// the anatomy in the pixels (anatomix/laterality.h), so the truth of the mirror is the mirrored truth with
// the same names: anatomy i of the flipped run, mapped back, is compared with anatomy i of the original. An
// anatomy is consistent when its mapped-back box lies on the same side of the image's vertical
// midline as its original box and their IoU (anatomix/box.h) is at least the threshold. A model that
// names lungs by image side keeps "Left lung" on the same image side in the mirror and fails here.
#pragma once

#include <string>
#include <vector>

#include "anatomix/box.h"

namespace anatomix {

struct FlipAnatomyResult {
  int index = 0;            // anatomy i, in both runs
  std::string name;         // name of anatomy i
  Box original;             // the original run's box i (displayed-image pixels)
  Box mapped_back;          // mirror_box of the flipped run's box i (displayed-image pixels)
  bool same_side = false;
  double iou = 0;
  bool consistent = false;
};

struct FlipConsistencyReport {
  std::vector<FlipAnatomyResult> anatomies;
  int consistent_count = 0;
  double mean_iou = 0;
};

constexpr double kFlipConsistentIou = 0.5;

// `original` and `flipped_mapped_back`: the boxes of both runs in displayed-image pixels, in query
// order (the flipped run's boxes already mirrored back), one per name. Throws std::invalid_argument
// when the sizes disagree.
FlipConsistencyReport compare_flip_runs(const std::vector<std::string>& names, const std::vector<Box>& original,
                                        const std::vector<Box>& flipped_mapped_back, float image_width,
                                        double iou_threshold = kFlipConsistentIou);

}  // namespace anatomix
