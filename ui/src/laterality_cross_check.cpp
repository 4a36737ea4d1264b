#include "anatomix/ui/laterality_cross_check.h"

namespace anatomix::ui {

LateralityCrossCheck crossCheckLaterality(const std::vector<std::string>& names, const std::vector<Box>& boxes,
                                          const std::string& orientationRow) {
  LateralityCrossCheck check;
  check.fromAnatomy = patient_left_from_anatomy(names, boxes);
  check.fromHeader = patient_left_from_orientation_row(orientationRow);
  check.disagree = check.fromAnatomy != PatientLeftAt::Unknown && check.fromHeader != PatientLeftAt::Unknown &&
                   check.fromAnatomy != check.fromHeader;
  return check;
}

}  // namespace anatomix::ui
