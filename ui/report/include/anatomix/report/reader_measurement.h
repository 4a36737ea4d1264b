// One of the radiologist's own measurements on the image (distance, angle, rectangle or ellipse
// region of interest, arrow with text) as the viewer's measurement layer computed it. Plain values:
// the draft saves them, the SR and PDF exports report them; nothing here computes a measurement.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

namespace anatomix::report {

struct StudyIdentity;

enum class MeasurementKind { Distance, Angle, Rectangle, Ellipse, Arrow };

struct ReaderMeasurement {
  QString id;  // stable within an image, e.g. "distance-3"
  // The image measured (imageKey() of its study identity): a study's draft keeps the measurements
  // of all its images; each image shows and exports its own.
  QString imageKey;
  MeasurementKind kind = MeasurementKind::Distance;
  // Original-image pixels (x right, y down; (0, 0) the top-left corner of the top-left pixel).
  // Distance: its two ends; angle: arm end, vertex, other arm end; arrow: tip, tail.
  QVector<QPointF> pointsPx;
  QRectF rectPx;  // rectangle and ellipse: the bounds
  QString text;   // arrow: the reader's text

  // Lengths in millimetres and areas in mm² when the image's pixel spacing is known, else pixels.
  bool calibrated = false;
  // Why a calibrated length may differ from the patient's (e.g. magnification at the detector);
  // empty when there is nothing to say.
  QString calibrationNote;

  double value = 0;  // distance: length (mm or pixels); angle: degrees
  // Rectangle and ellipse: statistics of the modality values of the pixels whose centres lie inside.
  int pixelCount = 0;
  double mean = 0, standardDeviation = 0, minimum = 0, maximum = 0;
  double area = 0;     // mm² when calibrated, else pixels
  QString valueUnits;  // the image's Rescale Type ("HU", "US"); empty: stored pixel values

  bool operator==(const ReaderMeasurement& other) const;
  bool operator!=(const ReaderMeasurement& other) const { return !(*this == other); }
};

// The image a study identity names: its SOP Instance UID, or its file path when it has none.
QString imageKey(const StudyIdentity& study);
// The measurements of the image `key`, in their order.
QVector<ReaderMeasurement> measurementsOfImage(const QVector<ReaderMeasurement>& measurements, const QString& key);

// Stable names used in JSON ("distance", "angle", "rectangle", "ellipse", "arrow").
QString measurementKindKey(MeasurementKind kind);
// Translated, user-facing names ("Distance" / "Strecke").
QString measurementKindDisplayName(MeasurementKind kind);
// The measured value with its unit, as the exports show it ("52.3 mm", "140 px", "37.5°",
// "mean 812.4 SD 20.1 min 760 max 870, area 1.23 cm²", the arrow's text).
QString measurementValueText(const ReaderMeasurement& measurement);
// The caveat that goes with the value: the calibration note, or that lengths are in pixels.
QString measurementCalibrationText(const ReaderMeasurement& measurement);

}  // namespace anatomix::report
