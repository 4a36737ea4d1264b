// Hit tests of overlay items and of the resize handles of a selected editable item, in SCREEN
// pixels (private to the viewport). Items are mapped through the PresentationTransform first.
#pragma once

#include <array>

#include <QPointF>
#include <QRectF>
#include <QString>

namespace anatomix::viewer {

class OverlayLayerModel;
struct OverlayItem;
class PresentationTransform;

struct OverlayHit {
  QString layerId;
  QString itemId;
  bool isValid() const { return !itemId.isEmpty(); }
};

// Resize handles of a screen rectangle, clockwise from the top-left corner:
// 0 top-left, 1 top, 2 top-right, 3 right, 4 bottom-right, 5 bottom, 6 bottom-left, 7 left.
constexpr double kHandleSizePx = 9.0;
std::array<QRectF, 8> handleRects(const QRectF& screenRect);
// Index of the handle under `screenPos`, or -1.
int handleAt(const QRectF& screenRect, const QPointF& screenPos);
// `screenRect` with the edges that `handle` controls moved by `delta`.
QRectF resizedByHandle(const QRectF& screenRect, int handle, const QPointF& delta);

// Index of the point of a line item (OverlayItem::pointsPx) whose handle is under `screenPos`, or -1.
int pointHandleAt(const OverlayItem& item, const PresentationTransform& transform, const QPointF& screenPos);

// Distance in screen pixels from `screenPos` to the lines of a line item (infinity for a box).
double distanceToLines(const OverlayItem& item, const PresentationTransform& transform, const QPointF& screenPos);

// Topmost visible item whose screen rectangle contains `screenPos` (a tolerance of a few pixels
// around thin boxes), or whose lines pass within a few pixels of it (line items); layers from the top row down, later items of a layer first.
// `onlyLayerId`: restrict to one layer (empty: all layers).
OverlayHit overlayItemAt(const OverlayLayerModel& model, const PresentationTransform& transform,
                         const QPointF& screenPos, const QString& onlyLayerId = QString());

}  // namespace anatomix::viewer
