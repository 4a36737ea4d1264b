// Draws the overlay layers with QPainter in SCREEN pixels (private to the viewport): each item's
// image-pixel rectangle goes through the PresentationTransform, so boxes follow zoom, pan, flips
// and rotations exactly like the image; pen widths and labels stay screen-sized and upright.
#pragma once

#include <QRectF>
#include <QString>
#include <QVector>

class QPainter;

namespace anatomix::viewer {

class OverlayLayerModel;
class PresentationTransform;

struct OverlayHover {
  QString layerId;
  QString itemId;
};

// Where a label of `size` goes for a screen box: above it when there is room, else inside its top
// edge, else below it, else stepped down inside it, then the same against its right edge; the first
// place that overlaps no rectangle in `taken` wins (the first candidate when all do). Kept inside
// `viewport`; appended to `taken`. Labels of 36 anatomy boxes stay readable this way.
QRectF placeLabel(const QRectF& box, const QSizeF& size, const QRectF& viewport, QVector<QRectF>& taken);

// Layers are drawn from the bottom row to the top row (row 0 last).
void paintOverlayLayers(QPainter& painter, const OverlayLayerModel& model, const PresentationTransform& transform,
                        const OverlayHover& hover);

}  // namespace anatomix::viewer
