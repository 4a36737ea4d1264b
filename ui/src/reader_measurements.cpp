#include "anatomix/ui/reader_measurements.h"

#include "anatomix/viewer/measurement_layer.h"

namespace anatomix::ui {

using report::MeasurementKind;
using report::ReaderMeasurement;
using viewer::OverlayItem;
using viewer::OverlayItemFlag;

QVector<ReaderMeasurement> readerMeasurements(const viewer::MeasurementLayer& layer) {
  QVector<ReaderMeasurement> measurements;
  for (const OverlayItem& item : layer.measurements()) {
    if (!viewer::MeasurementLayer::isReaderMeasurement(item.id)) continue;
    ReaderMeasurement measurement;
    measurement.id = item.id;
    measurement.calibrated = layer.hasSpacing();
    measurement.calibrationNote = layer.hasSpacing() ? layer.spacingNote() : QString();
    if (item.flags.testFlag(OverlayItemFlag::Arrow)) {
      measurement.kind = MeasurementKind::Arrow;
      measurement.pointsPx = item.pointsPx;
      measurement.text = layer.caption(item.id);
    } else if (item.pointsPx.size() == 3) {
      measurement.kind = MeasurementKind::Angle;
      measurement.pointsPx = item.pointsPx;
      measurement.value = layer.angleDegrees(item.id);
    } else if (item.isLine()) {
      measurement.kind = MeasurementKind::Distance;
      measurement.pointsPx = item.pointsPx;
      measurement.value = layer.hasSpacing() ? layer.lengthMm(item.id) : layer.lengthPx(item.id);
    } else {
      measurement.kind =
          item.flags.testFlag(OverlayItemFlag::Ellipse) ? MeasurementKind::Ellipse : MeasurementKind::Rectangle;
      measurement.rectPx = item.rectPx;
      const viewer::RoiStatistics statistics = layer.roiStatistics(item.id);
      measurement.pixelCount = statistics.pixelCount;
      measurement.mean = statistics.mean;
      measurement.standardDeviation = statistics.standardDeviation;
      measurement.minimum = statistics.minimum;
      measurement.maximum = statistics.maximum;
      measurement.area = layer.hasSpacing() ? statistics.areaMm2 : statistics.areaPx;
      measurement.valueUnits = layer.valueUnits();
    }
    measurements.append(measurement);
  }
  return measurements;
}

void restoreReaderMeasurements(viewer::MeasurementLayer& layer, const QVector<ReaderMeasurement>& measurements) {
  for (const ReaderMeasurement& measurement : measurements) {
    OverlayItem item;
    item.id = measurement.id;
    switch (measurement.kind) {
      case MeasurementKind::Rectangle:
      case MeasurementKind::Ellipse:
        item.rectPx = measurement.rectPx.normalized();
        item.flags.setFlag(OverlayItemFlag::Ellipse, measurement.kind == MeasurementKind::Ellipse);
        break;
      case MeasurementKind::Arrow:
        item.flags.setFlag(OverlayItemFlag::Arrow);
        item.pointsPx = measurement.pointsPx;
        break;
      case MeasurementKind::Distance:
      case MeasurementKind::Angle:
        item.pointsPx = measurement.pointsPx;
        break;
    }
    layer.restoreMeasurement(item, measurement.kind == MeasurementKind::Arrow ? measurement.text : QString());
  }
}

}  // namespace anatomix::ui
