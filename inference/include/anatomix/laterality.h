// The project's left-right convention for flipped radiographs, in one place for the trainer, the
// evaluator and the workstation's flip check (anatomix-reference.md section 11; issue 4).
//
// The model reads every image in standard radiological display: the patient's left at the image's
// right. A horizontally mirrored radiograph is therefore read as another patient, and every name
// or word that carries a side swaps: in mirror(I), "Left lung" is the mirror of I's "Right lung".
// The published code flips without swapping; that is what teaches a model to read sides from the
// display instead of from the anatomy.
//
// Which names are partners follows how the generator names them (training/synth/thorax.cpp):
//  - Names that say on which side of the PATIENT a structure lies are partners of the name with
//    left and right exchanged ("Left lung" <-> "Right lung", "left cardiophrenic sulcus" <->
//    "right cardiophrenic sulcus"), and of the one irregular pair whose words differ:
//    "Right border of heart viewed radiologically" <-> "Structure of left margin of heart". Both are
//    positional (the heart border on the patient's right / left, also in situs inversus), so the
//    mirror of one is the other.
//  - Names of an organ's own anatomy ("Right atrial structure", bbox name "right atrium") have no
//    partner: the right atrium stays the right atrium, it just lies on the other side in the mirror
//    (as in situs inversus). They keep their name and their box is simply mirrored.
//
// A DICOM acquisition that says it is mirrored (Patient Orientation row "R") is put back into
// standard display before analysis and the boxes mirrored back (anatomix::image::is_mirrored_acquisition).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "anatomix/engine.h"

namespace anatomix {

// For each anatomy i, the index of the anatomy it becomes in the mirrored image (its partner among
// `names`, rules above), else i itself.
std::vector<int> mirrored_anatomy_indices(const std::vector<std::string>& names);

// `text` as it reads for the mirrored image. Every occurrence of a lateral name of `anatomy_names`
// (exact, case-sensitive; longest first) becomes its partner's name, or stays verbatim when it has
// no partner ("Right atrial structure"); every other word left/right (any case, also in "left-sided")
// is exchanged, keeping capitalisation. Pass every form of the names that may occur in the text
// (raw, display and bbox names).
std::string swap_left_right(const std::string& text, const std::vector<std::string>& anatomy_names);

// swap_left_right with the names' partners worked out once, for many texts.
class SideSwapper {
 public:
  explicit SideSwapper(const std::vector<std::string>& anatomy_names);
  std::string operator()(const std::string& text) const;

 private:
  std::vector<std::pair<std::string, std::string>> replacements_;  // name -> name in the mirror
};

// The names of `names` that contain the word left or right but have no mirrored partner in `names`.
std::vector<std::string> unpaired_lateral_names(const std::vector<std::string>& names);

// The box mirrored in an image of width `image_width` (x -> width - x).
Box mirror_box(const Box& box, float image_width);

}  // namespace anatomix
