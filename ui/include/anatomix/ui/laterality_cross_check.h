// The laterality cross-check's comparison (no Qt widgets): where the analysed anatomy puts the
// patient's left against where the DICOM header's Patient Orientation says it is
// (anatomix/laterality.h). The model reads sides from the pixels, so a disagreement means the image
// is mirrored while its header says otherwise, or the patient has situs inversus (the pixels cannot
// tell the two apart); either way the reader must check the side marker. Nothing is reported when
// either side is unknown: no orientation in the header (PNG, an absent attribute) or an anatomy
// whose lungs and heart do not agree.
#pragma once

#include <string>
#include <vector>

#include "anatomix/engine.h"
#include "anatomix/laterality.h"

namespace anatomix::ui {

struct LateralityCrossCheck {
  PatientLeftAt fromAnatomy = PatientLeftAt::Unknown;
  PatientLeftAt fromHeader = PatientLeftAt::Unknown;
  bool disagree = false;  // both known and different
};

// `names` and `boxes`: the analysis' anatomies in query order (Analysis::anatomies);
// `orientationRow`: Patient Orientation's row direction as read ("L", "R", "" when absent).
LateralityCrossCheck crossCheckLaterality(const std::vector<std::string>& names, const std::vector<Box>& boxes,
                                          const std::string& orientationRow);

}  // namespace anatomix::ui
