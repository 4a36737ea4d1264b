#include "anatomix/viewer/orientation_labels.h"

#include <cmath>

#include "anatomix/image/dicom_attributes.h"

namespace anatomix::viewer {

PatientOrientation patientOrientationOf(const image::InstanceAttributes& instance) {
  PatientOrientation orientation{QString::fromStdString(instance.patient_orientation_row).trimmed().toUpper(),
                                 QString::fromStdString(instance.patient_orientation_column).trimmed().toUpper()};
  if (orientation.known()) return orientation;
  const QString view = QString::fromStdString(instance.view_position).trimmed().toUpper();
  // Chest radiographs are displayed as if facing the patient, whether acquired PA or AP.
  if (view == QLatin1String("PA") || view == QLatin1String("AP")) return {QStringLiteral("L"), QStringLiteral("F")};
  return {};
}

QString oppositeDirection(const QString& direction) {
  QString result;
  for (const QChar letter : direction) {
    switch (letter.toUpper().toLatin1()) {
      case 'L': result += QLatin1Char('R'); break;
      case 'R': result += QLatin1Char('L'); break;
      case 'A': result += QLatin1Char('P'); break;
      case 'P': result += QLatin1Char('A'); break;
      case 'H': result += QLatin1Char('F'); break;
      case 'F': result += QLatin1Char('H'); break;
      default: break;
    }
  }
  return result;
}

EdgeLabels edgeLabelsFor(const PatientOrientation& orientation, const PresentationTransform& transform) {
  EdgeLabels labels;
  if (!orientation.known()) return labels;
  // Each image axis points at exactly one screen edge; the opposite edge gets the opposite letters.
  auto assign = [&labels](const QPointF& screenDirection, const QString& towards) {
    const QString away = oppositeDirection(towards);
    if (screenDirection.x() > 0.5) labels.right = towards, labels.left = away;
    else if (screenDirection.x() < -0.5) labels.left = towards, labels.right = away;
    else if (screenDirection.y() > 0.5) labels.bottom = towards, labels.top = away;
    else labels.top = towards, labels.bottom = away;
  };
  assign(transform.screenDirectionOfImageX(), orientation.row);
  assign(transform.screenDirectionOfImageY(), orientation.column);
  return labels;
}

}  // namespace anatomix::viewer
