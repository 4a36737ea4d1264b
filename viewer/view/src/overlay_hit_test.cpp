#include "overlay_hit_test.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/presentation_transform.h"

namespace anatomix::viewer {

std::array<QRectF, 8> handleRects(const QRectF& r) {
  const QPointF centres[8] = {r.topLeft(),     QPointF(r.center().x(), r.top()),
                              r.topRight(),    QPointF(r.right(), r.center().y()),
                              r.bottomRight(), QPointF(r.center().x(), r.bottom()),
                              r.bottomLeft(),  QPointF(r.left(), r.center().y())};
  std::array<QRectF, 8> rects;
  for (int i = 0; i < 8; ++i)
    rects[i] = QRectF(centres[i] - QPointF(kHandleSizePx / 2, kHandleSizePx / 2), QSizeF(kHandleSizePx, kHandleSizePx));
  return rects;
}

int handleAt(const QRectF& screenRect, const QPointF& screenPos) {
  const auto rects = handleRects(screenRect);
  for (int i = 0; i < 8; ++i)
    if (rects[i].adjusted(-2, -2, 2, 2).contains(screenPos)) return i;
  return -1;
}

QRectF resizedByHandle(const QRectF& screenRect, int handle, const QPointF& delta) {
  QRectF r = screenRect;
  const bool left = handle == 0 || handle == 6 || handle == 7;
  const bool right = handle == 2 || handle == 3 || handle == 4;
  const bool top = handle == 0 || handle == 1 || handle == 2;
  const bool bottom = handle == 4 || handle == 5 || handle == 6;
  if (left) r.setLeft(r.left() + delta.x());
  if (right) r.setRight(r.right() + delta.x());
  if (top) r.setTop(r.top() + delta.y());
  if (bottom) r.setBottom(r.bottom() + delta.y());
  return r.normalized();
}

int pointHandleAt(const OverlayItem& item, const PresentationTransform& transform, const QPointF& screenPos) {
  for (int i = static_cast<int>(item.pointsPx.size()) - 1; i >= 0; --i) {
    const QPointF centre = transform.imageToScreen(item.pointsPx[i]);
    if (std::abs(centre.x() - screenPos.x()) <= kHandleSizePx / 2 + 2 &&
        std::abs(centre.y() - screenPos.y()) <= kHandleSizePx / 2 + 2)
      return i;
  }
  return -1;
}

double distanceToLines(const OverlayItem& item, const PresentationTransform& transform, const QPointF& screenPos) {
  double best = std::numeric_limits<double>::infinity();
  for (int i = 0; i + 1 < static_cast<int>(item.pointsPx.size()); ++i) {
    const QPointF a = transform.imageToScreen(item.pointsPx[i]);
    const QPointF b = transform.imageToScreen(item.pointsPx[i + 1]);
    const QPointF ab = b - a;
    const double squared = QPointF::dotProduct(ab, ab);
    const double t = squared > 0 ? std::clamp(QPointF::dotProduct(screenPos - a, ab) / squared, 0.0, 1.0) : 0.0;
    const QPointF nearest = a + t * ab;
    best = std::min(best, std::hypot(screenPos.x() - nearest.x(), screenPos.y() - nearest.y()));
  }
  return best;
}

OverlayHit overlayItemAt(const OverlayLayerModel& model, const PresentationTransform& transform,
                         const QPointF& screenPos, const QString& onlyLayerId) {
  constexpr double kTolerancePx = 3.0;
  for (int row = 0; row < model.rowCount(); ++row) {
    const OverlayLayer& layer = model.layerAt(row);
    if (!layer.visible || layer.opacity <= 0.0) continue;
    if (!onlyLayerId.isEmpty() && layer.id != onlyLayerId) continue;
    for (int i = static_cast<int>(layer.items.size()) - 1; i >= 0; --i) {
      const OverlayItem& item = layer.items[i];
      if (item.flags.testFlag(OverlayItemFlag::Hidden)) continue;
      if (item.isLine()) {
        if (distanceToLines(item, transform, screenPos) <= kTolerancePx + 1) return {layer.id, item.id};
        continue;
      }
      const QRectF screen = transform.imageToScreen(item.rectPx)
                                .adjusted(-kTolerancePx, -kTolerancePx, kTolerancePx, kTolerancePx);
      if (screen.contains(screenPos)) return {layer.id, item.id};
    }
  }
  return {};
}

}  // namespace anatomix::viewer
