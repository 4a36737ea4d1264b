// Orientation labels at the viewport edges, from DICOM Patient Orientation (0020,0020) or, when
// it is absent, from the view position of a chest radiograph (PA/AP: displayed with the patient's
// left on the image right and the feet at the bottom, i.e. row "L", column "F").
// Letters: L/R (left/right), A/P (anterior/posterior), H/F (head/feet); oblique values are several
// letters ("LF"). An edge shows where the patient direction towards that edge points.
#pragma once

#include <QString>

#include "anatomix/viewer/presentation_transform.h"

namespace anatomix::image {
struct InstanceAttributes;
}

namespace anatomix::viewer {

struct PatientOrientation {
  QString row;     // patient direction of increasing column index (image +x), e.g. "L"
  QString column;  // patient direction of increasing row index (image +y), e.g. "F"
  bool known() const { return !row.isEmpty() && !column.isEmpty(); }
};

struct EdgeLabels {
  QString left, right, top, bottom;  // screen edges; empty when unknown
};

// Explicit Patient Orientation first; else PA/AP view position -> {"L","F"}; else unknown.
PatientOrientation patientOrientationOf(const image::InstanceAttributes& instance);
// "L" -> "R", "AF" -> "PH"; letters other than LRAPHF are dropped.
QString oppositeDirection(const QString& direction);
// Labels for the four screen edges after the view's flips and rotations.
EdgeLabels edgeLabelsFor(const PatientOrientation& orientation, const PresentationTransform& transform);

}  // namespace anatomix::viewer
