// The project's left-right convention, in one place for the generator, the dataset, the trainer, the
// evaluator and the workstation: names follow the anatomy in the pixels (AnatomiX, arXiv 2601.03191,
// Fig. 1; the published code flips images and boxes and keeps every name).
//
// "Left lung" is the patient's left lung wherever the pixels put it. A horizontally mirrored image
// shows the heart on the image's left; its "Left lung" is then the lung at the image's left, and the
// truth of mirror(I) is mirror(truth of I) with the same names, sentences and report. Nothing is
// un-mirrored by header before the model sees it; a model that names lungs by image side (RadVLM's
// failure in the paper) fails the flip test under this convention.
//
// The header (Patient Orientation, View Position, a side marker) is read once, afterwards, for the
// laterality cross-check: where the anatomy puts the patient's left against where the header says it
// is. They disagree on a mirrored image whose header says otherwise, or on situs inversus (which the
// pixels cannot tell from a mirror); the reader then checks the side marker.
//
// Partners: names that say on which side of the patient a structure lies are partners of the name
// with left and right exchanged ("Left lung" <-> "Right lung"), and of the one irregular pair whose
// words differ: "Right border of heart viewed radiologically" <-> "Structure of left margin of heart".
// Names of an organ's own anatomy ("Right atrial structure") have no partner. Partners are what the
// laterality score compares: each lateral box on the correct side of its partner.
#pragma once

#include <string>
#include <vector>

#include "anatomix/engine.h"

namespace anatomix {

// For each anatomy i, the index of its left/right partner among `names` (rules above), else i.
std::vector<int> lateral_partner_indices(const std::vector<std::string>& names);

// True when `name` says a side of the patient (the word left or right, or the irregular pair).
bool is_lateral_name(const std::string& name);
// True when `name` says the patient's left (the word left, any case: "Left lung", "Structure of left
// margin of heart").
bool names_patient_left(const std::string& name);

// The names of `names` that contain the word left or right but have no partner in `names`.
std::vector<std::string> unpaired_lateral_names(const std::vector<std::string>& names);

// The box of the anatomy called `name` (`names` and `boxes` run in parallel), or nullptr where there is none.
const Box* box_named(const std::vector<std::string>& names, const std::vector<Box>& boxes, const std::string& name);

// The box mirrored in an image of width `image_width` (x -> width - x).
Box mirror_box(const Box& box, float image_width);

// Where an image shows the patient's left.
enum class PatientLeftAt { Unknown, ImageRight, ImageLeft };

// The patient's left as the anatomy shows it: "Left lung" against "Right lung" (box centres), which
// the heart must confirm (the cardiac silhouette's centre lies on the patient's left of the midpoint
// between the lungs). Unknown when a name is missing or the two disagree.
PatientLeftAt patient_left_from_anatomy(const std::vector<std::string>& names, const std::vector<Box>& boxes);

// The patient's left as DICOM Patient Orientation's row direction (0020,0020) says it (PS3.3
// C.7.6.1.1.1): "L" -> ImageRight, "R" -> ImageLeft, anything else -> Unknown.
PatientLeftAt patient_left_from_orientation_row(const std::string& row_direction);

}  // namespace anatomix
