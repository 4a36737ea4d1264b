// Between the viewer's measurement layer and the report's plain measurements: the draft saves and
// the exports report what the layer computed (lengths, angles, region statistics: no second
// implementation), and a reopened study's saved measurements go back onto the layer.
#pragma once

#include <QVector>

#include "anatomix/report/reader_measurement.h"

namespace anatomix::viewer {
class MeasurementLayer;
}

namespace anatomix::ui {

// The reader's own measurements on the layer (not the analysis' callipers), in the layer's order,
// with the layer's values. Their imageKey is left empty (the report panel sets it).
QVector<report::ReaderMeasurement> readerMeasurements(const viewer::MeasurementLayer& layer);

// Puts saved measurements back on the layer (no undo step); the layer recomputes their values
// for the image it shows.
void restoreReaderMeasurements(viewer::MeasurementLayer& layer, const QVector<report::ReaderMeasurement>& measurements);

}  // namespace anatomix::ui
