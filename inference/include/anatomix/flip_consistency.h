// The flip consistency check's arithmetic (the workstation's flip check, `anatomix eval --nih`): compares
// the anatomy boxes of an image with those of its horizontally mirrored pixels, mapped back. Names follow
// the anatomy in the pixels (anatomix/laterality.h), so the truth of the mirror is the mirrored truth with
// the same names: anatomy i of the flipped run, mapped back, is compared with anatomy i of the original. An
// anatomy is consistent when its mapped-back box has not moved to the other side of the image's vertical
// midline (a centre within kFlipMidlineShare of the width from the midline is on neither side) and their IoU
// (anatomix/box.h) is at least the threshold. A model that names lungs by image side keeps "Left lung" on the
// same image side in the mirror and fails here.
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
// The midline band in which a box's centre is on neither side. Midline anatomies (carina, spine, abdomen)
// wander across the midline by a pixel or two between a film and its mirror; on a development film the
// heart's centre lies 8 % of the width to the patient's left of it, the hila 2-5 %.
constexpr double kFlipMidlineShare = 0.01;

// `original` and `flipped_mapped_back`: the boxes of both runs in displayed-image pixels, in query
// order (the flipped run's boxes already mirrored back), one per name. Throws std::invalid_argument
// when the sizes disagree.
FlipConsistencyReport compare_flip_runs(const std::vector<std::string>& names, const std::vector<Box>& original,
                                        const std::vector<Box>& flipped_mapped_back, float image_width,
                                        double iou_threshold = kFlipConsistentIou);

}  // namespace anatomix
