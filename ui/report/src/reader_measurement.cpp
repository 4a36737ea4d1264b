#include "anatomix/report/reader_measurement.h"

#include <QCoreApplication>

#include "anatomix/report/study_identity.h"

namespace anatomix::report {

namespace {

QString trMeasurement(const char* text) {
  return QCoreApplication::translate("anatomix::report::ReaderMeasurement", text);
}

QString lengthText(double value, bool calibrated) {
  return calibrated ? trMeasurement("%1 mm").arg(value, 0, 'f', 1) : trMeasurement("%1 px").arg(value, 0, 'f', 0);
}

QString areaText(double area, bool calibrated) {
  return calibrated ? trMeasurement("%1 cm²").arg(area / 100.0, 0, 'f', 2)
                    : trMeasurement("%1 px²").arg(area, 0, 'f', 0);
}

}  // namespace

bool ReaderMeasurement::operator==(const ReaderMeasurement& other) const {
  return id == other.id && imageKey == other.imageKey && kind == other.kind && pointsPx == other.pointsPx &&
         rectPx == other.rectPx && text == other.text && calibrated == other.calibrated &&
         calibrationNote == other.calibrationNote && value == other.value && pixelCount == other.pixelCount &&
         mean == other.mean && standardDeviation == other.standardDeviation && minimum == other.minimum &&
         maximum == other.maximum && area == other.area && valueUnits == other.valueUnits;
}

QString imageKey(const StudyIdentity& study) {
  return study.sopInstanceUid.isEmpty() ? study.sourceFilePath : study.sopInstanceUid;
}

QVector<ReaderMeasurement> measurementsOfImage(const QVector<ReaderMeasurement>& measurements, const QString& key) {
  QVector<ReaderMeasurement> ofImage;
  for (const ReaderMeasurement& measurement : measurements) {
    if (measurement.imageKey == key) ofImage.append(measurement);
  }
  return ofImage;
}

QString measurementKindKey(MeasurementKind kind) {
  switch (kind) {
    case MeasurementKind::Distance:
      return QStringLiteral("distance");
    case MeasurementKind::Angle:
      return QStringLiteral("angle");
    case MeasurementKind::Rectangle:
      return QStringLiteral("rectangle");
    case MeasurementKind::Ellipse:
      return QStringLiteral("ellipse");
    case MeasurementKind::Arrow:
      return QStringLiteral("arrow");
  }
  return {};
}

QString measurementKindDisplayName(MeasurementKind kind) {
  switch (kind) {
    case MeasurementKind::Distance:
      return trMeasurement("Distance");
    case MeasurementKind::Angle:
      return trMeasurement("Angle");
    case MeasurementKind::Rectangle:
      return trMeasurement("Rectangle");
    case MeasurementKind::Ellipse:
      return trMeasurement("Ellipse");
    case MeasurementKind::Arrow:
      return trMeasurement("Arrow");
  }
  return {};
}

QString measurementValueText(const ReaderMeasurement& measurement) {
  switch (measurement.kind) {
    case MeasurementKind::Distance:
      return lengthText(measurement.value, measurement.calibrated);
    case MeasurementKind::Angle:
      return trMeasurement("%1°").arg(measurement.value, 0, 'f', 1);
    case MeasurementKind::Rectangle:
    case MeasurementKind::Ellipse: {
      const QString area = areaText(measurement.area, measurement.calibrated);
      if (measurement.pixelCount == 0) return trMeasurement("area %1").arg(area);
      const QString units = measurement.valueUnits.isEmpty() ? QString() : QLatin1Char(' ') + measurement.valueUnits;
      return trMeasurement("mean %1 SD %2 min %3 max %4%5, area %6")
          .arg(measurement.mean, 0, 'f', 1)
          .arg(measurement.standardDeviation, 0, 'f', 1)
          .arg(measurement.minimum, 0, 'g', 6)
          .arg(measurement.maximum, 0, 'g', 6)
          .arg(units, area);
    }
    case MeasurementKind::Arrow:
      return measurement.text;
  }
  return {};
}

QString measurementCalibrationText(const ReaderMeasurement& measurement) {
  // A uniform magnification leaves angles as they are.
  if (measurement.kind == MeasurementKind::Arrow || measurement.kind == MeasurementKind::Angle) return {};
  if (!measurement.calibrated) return trMeasurement("no pixel spacing: in pixels, not millimetres");
  return measurement.calibrationNote;
}

}  // namespace anatomix::report
