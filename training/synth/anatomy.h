// The 36 Chest ImaGenome objects in AnatomiX query order (Python sorted() of the raw names,
// the published AnatomiX code) and the 14 CheXpert labels (section 7.8).
#pragma once

#include <array>
#include <string>

namespace anatomix::synth {

constexpr int kAnatomyCount = 36;
constexpr int kChexpertCount = 14;

// Query index of each object (the row of the reference table).
enum Anatomy : int {
  kAbdominalCavity = 0,
  kAorticArch,
  kLeftApicalZone,
  kRightApicalZone,
  kCardiacShadow,
  kDescendingAorta,
  kLeftHilum,
  kRightHilum,
  kLeftClavicle,
  kLeftHemidiaphragm,
  kLeftLowerZone,
  kLeftLung,
  kLeftMidZone,
  kLeftUpperZone,
  kMediastinum,
  kRightAtrium,
  kRightHeartBorder,
  kRightClavicle,
  kRightHemidiaphragm,
  kRightLowerZone,
  kRightLung,
  kRightMidZone,
  kRightUpperZone,
  kCarina,
  kLeftHeartMargin,
  kLeftUpperAbdomen,
  kRightUpperAbdomen,
  kSuperiorMediastinum,
  kSvc,
  kTrachea,
  kSpine,
  kCavoatrial,
  kLeftCardiophrenic,
  kLeftCostophrenic,
  kRightCardiophrenic,
  kRightCostophrenic,
};

// Raw Chest ImaGenome `name` strings (with ";;" and "&&"), the strings the sentences start with.
const std::array<std::string, kAnatomyCount>& anatomy_raw_names();
// Cleaned names of the published anatomix.py list (same order).
const std::array<std::string, kAnatomyCount>& anatomy_display_names();
// Chest ImaGenome `bbox_name` strings (same order).
const std::array<std::string, kAnatomyCount>& anatomy_bbox_names();

enum Chexpert : int {
  kAtelectasisLabel = 0,
  kCardiomegalyLabel,
  kConsolidationLabel,
  kEdemaLabel,
  kEnlargedCardiomediastinumLabel,
  kFractureLabel,
  kLungLesionLabel,
  kLungOpacityLabel,
  kNoFindingLabel,
  kPleuralEffusionLabel,
  kPleuralOtherLabel,
  kPneumoniaLabel,
  kPneumothoraxLabel,
  kSupportDevicesLabel,
};

const std::array<std::string, kChexpertCount>& chexpert_label_names();

}  // namespace anatomix::synth
