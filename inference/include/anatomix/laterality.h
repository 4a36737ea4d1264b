// The project's left-right convention for flipped radiographs, in one place for the trainer, the
// evaluator and the workstation's flip check (anatomix-reference.md section 11; issue 4).
//
// The model reads every image in standard radiological display: the patient's left at the image's
// right. A horizontally mirrored radiograph is therefore read as another patient, and every name
// or word that carries a side swaps: in mirror(I), "Left lung" is the mirror of I's "Right lung".
// Names without a partner among the anatomies (Right atrial structure, cavoatrial, ...) keep their
// name and their box is simply mirrored. The published code flips without swapping; that is what
// teaches a model to read sides from the heart instead of from the display.
//
// A DICOM acquisition that says it is mirrored (Patient Orientation row "R") is put back into
// standard display before analysis and the boxes mirrored back (anatomix::image::is_mirrored_acquisition).
#pragma once

#include <string>
#include <vector>

#include "anatomix/engine.h"

namespace anatomix {

// For each anatomy i, the index of the anatomy it becomes in the mirrored image: the name with
// Left/left and Right/right exchanged when that name is in `names`, else i itself.
std::vector<int> mirrored_anatomy_indices(const std::vector<std::string>& names);

// `text` with the words left/right (any case, also in "left-sided", "right-sided") exchanged, keeping
// capitalisation. Occurrences inside any of `unpaired_names` (e.g. "Right atrial structure") are kept.
std::string swap_left_right(const std::string& text, const std::vector<std::string>& unpaired_names);

// The anatomy names of `names` that have no mirrored partner and contain "left" or "right".
std::vector<std::string> unpaired_lateral_names(const std::vector<std::string>& names);

// The box mirrored in an image of width `image_width` (x -> width - x).
Box mirror_box(const Box& box, float image_width);

}  // namespace anatomix
