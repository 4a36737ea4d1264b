// How far a clavicle's box reaches against its lung, the geometry that training asks of real films
// (train/apm_losses.h, clavicle_reach_loss) and that `anatomix eval --nih` measures (evaluator/nih_evaluation.h):
// a clavicle runs from its sternal end beside the midline out past the apex of its lung. Written once for
// numbers and for tensors of them.
#pragma once

namespace anatomix::training {

template <class Value>
struct ClavicleReachOf {
  Value past_midline;   // its medial edge past the midline between the lung centres (negative: short of it)
  Value short_of_lung;  // its lateral edge short of its lung's lateral edge (negative: past it)
};

// Box centres and widths across the image; `medial` is +1 where the anatomy's medial side is toward larger x
// (the patient's right in standard display), -1 where it is toward smaller x.
template <class Value, class Sign>
ClavicleReachOf<Value> clavicle_reach_of(const Value& clavicle_cx, const Value& clavicle_width, const Value& lung_cx,
                                         const Value& lung_width, const Value& midline, const Sign& medial) {
  // Along u = medial * x the clavicle spans [u - width / 2, u + width / 2].
  const Value u = medial * clavicle_cx;
  return {u + clavicle_width / 2 - medial * midline, (u - clavicle_width / 2) - (medial * lung_cx - lung_width / 2)};
}

}  // namespace anatomix::training
