// How far an anatomy's box reaches against its lung, the geometry that training asks of real films
// (train/apm_losses.h: clavicle_reach_loss, lung_edge_loss) and that `anatomix eval --nih` measures for the
// clavicles (evaluator/nih_evaluation.h). Written once for numbers and for tensors of them.
#pragma once

namespace anatomix::training {

template <class Value>
struct ReachAgainstLung {
  Value past_midline;   // its medial edge past the midline between the lung centres (negative: short of it)
  Value short_of_lung;  // its lateral edge short of its lung's lateral edge (negative: past it)
};

// Box centres and widths across the image; `medial` is +1 where the anatomy's medial side is toward larger x
// (the patient's right in standard display), -1 where it is toward smaller x.
template <class Value, class Sign>
ReachAgainstLung<Value> reach_against_lung(const Value& box_cx, const Value& box_width, const Value& lung_cx,
                                           const Value& lung_width, const Value& midline, const Sign& medial) {
  // Along u = medial * x the box spans [u - width / 2, u + width / 2].
  const Value u = medial * box_cx;
  return {u + box_width / 2 - medial * midline, (u - box_width / 2) - (medial * lung_cx - lung_width / 2)};
}

}  // namespace anatomix::training
