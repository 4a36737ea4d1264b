#include "overlay_painter.h"

#include <cmath>

#include <QFontMetricsF>
#include <QPainter>

#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/presentation_transform.h"
#include "overlay_hit_test.h"

namespace anatomix::viewer {
namespace {

QColor itemColour(const OverlayItem& item, const OverlayLayerStyle& style) {
  if (item.colour.isValid()) return item.colour;
  return item.flags.testFlag(OverlayItemFlag::Abnormal) ? style.abnormalColour : style.colour;
}

bool showsLabel(const OverlayItem& item, const OverlayLayerStyle& style, bool hovered) {
  if (item.label.isEmpty()) return false;
  const bool emphasised = item.flags.testFlag(OverlayItemFlag::Highlighted) ||
                          item.flags.testFlag(OverlayItemFlag::Selected);
  switch (style.labelMode) {
    case OverlayLabelMode::Never: return false;
    case OverlayLabelMode::Always: return true;
    case OverlayLabelMode::OnHover: return hovered || emphasised;
    case OverlayLabelMode::WhenHighlighted: return emphasised;
  }
  return false;
}

// A label on a dark plate where placeLabel() puts it; `taken` holds the labels of this paint.
void paintLabel(QPainter& painter, const QRectF& box, const QString& text, const QColor& colour,
                const QRectF& viewport, QVector<QRectF>& taken) {
  const QFontMetricsF metrics(painter.font());
  const QSizeF size(metrics.horizontalAdvance(text) + 6, metrics.height() + 2);
  const QRectF background = placeLabel(box, size, viewport, taken);
  painter.fillRect(background, QColor(0, 0, 0, 170));
  painter.setPen(colour);
  painter.drawText(background, Qt::AlignCenter, text);
}

// A distance or calliper (two points, with ticks across both ends) or an angle (two arms).
void paintLines(QPainter& painter, const OverlayItem& item, const PresentationTransform& transform, const QPen& pen,
                bool selected, bool editable, const QColor& colour) {
  QVector<QPointF> points;
  for (const QPointF& p : item.pointsPx) points.push_back(transform.imageToScreen(p));
  painter.setBrush(Qt::NoBrush);
  if (selected) {
    painter.setPen(QPen(QColor(0, 0, 0, 200), pen.widthF() + 3));
    painter.drawPolyline(points.data(), static_cast<int>(points.size()));
  }
  painter.setPen(pen);
  painter.drawPolyline(points.data(), static_cast<int>(points.size()));
  if (points.size() == 2) {
    const QPointF along = points[1] - points[0];
    const double length = std::hypot(along.x(), along.y());
    if (length > 0) {
      const QPointF unit = along / length, across(-unit.y() * 6, unit.x() * 6);
      if (item.flags.testFlag(OverlayItemFlag::Arrow)) {  // a head at the tip (the first point)
        const QPointF base = points[0] + unit * 14;
        painter.drawLine(points[0], base + across);
        painter.drawLine(points[0], base - across);
      } else {  // calliper ticks across both ends
        for (const QPointF& end : points) painter.drawLine(end - across, end + across);
      }
    }
  }
  if (selected && editable) {
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(colour);
    for (const QPointF& p : points) painter.drawRect(QRectF(p - QPointF(kHandleSizePx / 2, kHandleSizePx / 2),
                                                            QSizeF(kHandleSizePx, kHandleSizePx)));
    painter.setBrush(Qt::NoBrush);
  }
}

void paintItem(QPainter& painter, const OverlayLayer& layer, const OverlayItem& item,
               const PresentationTransform& transform, bool hovered, QVector<QRectF>& taken) {
  const OverlayLayerStyle& style = layer.style;
  const QRectF box = transform.imageToScreen(item.rectPx);
  const QColor colour = itemColour(item, style);
  const bool highlighted = item.flags.testFlag(OverlayItemFlag::Highlighted);
  const bool selected = item.flags.testFlag(OverlayItemFlag::Selected);
  if (item.isLine()) {
    QPen pen(colour, style.penWidthPx * (highlighted ? 2.0 : 1.0) + (hovered ? 0.5 : 0.0));
    pen.setStyle(item.flags.testFlag(OverlayItemFlag::Dashed) ? Qt::DashLine : style.penStyle);
    paintLines(painter, item, transform, pen, selected, layer.editable, colour);
    if (showsLabel(item, style, hovered)) {
      // Beside the last point (a distance's end, an angle's second arm), not over the line.
      const QPointF end = transform.imageToScreen(item.pointsPx.last());
      paintLabel(painter, QRectF(end + QPointF(8, -4), QSizeF(1, 1)), item.label, colour, painter.viewport(), taken);
    }
    return;
  }

  const bool ellipse = item.flags.testFlag(OverlayItemFlag::Ellipse);
  auto drawShape = [&]() { ellipse ? painter.drawEllipse(box) : painter.drawRect(box); };
  double fill = style.fillOpacity;
  if (highlighted) fill = std::max(fill, 0.15);
  if (fill > 0) {
    QColor fillColour = colour;
    fillColour.setAlphaF(static_cast<float>(std::clamp(fill, 0.0, 1.0)));
    if (ellipse) {
      painter.setPen(Qt::NoPen);
      painter.setBrush(fillColour);
      painter.drawEllipse(box);
    } else {
      painter.fillRect(box, fillColour);
    }
  }
  if (selected) {  // a dark halo keeps the selection visible on bright anatomy
    painter.setPen(QPen(QColor(0, 0, 0, 200), style.penWidthPx + 3));
    painter.setBrush(Qt::NoBrush);
    drawShape();
  }
  QPen pen(colour, style.penWidthPx * (highlighted ? 2.0 : 1.0) + (hovered ? 0.5 : 0.0));
  pen.setStyle(item.flags.testFlag(OverlayItemFlag::Dashed) ? Qt::DashLine : style.penStyle);
  pen.setJoinStyle(Qt::MiterJoin);
  painter.setPen(pen);
  painter.setBrush(Qt::NoBrush);
  drawShape();

  if (selected && layer.editable) {
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(colour);
    for (const QRectF& handle : handleRects(box)) painter.drawRect(handle);
    painter.setBrush(Qt::NoBrush);
  }
  if (showsLabel(item, style, hovered)) paintLabel(painter, box, item.label, colour, painter.viewport(), taken);
}

}  // namespace

QRectF placeLabel(const QRectF& box, const QSizeF& size, const QRectF& viewport, QVector<QRectF>& taken) {
  auto placed = [&](double x, double y) {
    QPointF topLeft(x, y);
    topLeft.setX(std::clamp(topLeft.x(), viewport.left(), std::max(viewport.left(), viewport.right() - size.width())));
    topLeft.setY(std::clamp(topLeft.y(), viewport.top(), std::max(viewport.top(), viewport.bottom() - size.height())));
    return QRectF(topLeft, size);
  };
  QVector<QRectF> candidates = {placed(box.left(), box.top() - size.height() - 1), placed(box.left(), box.top() + 1),
                                placed(box.left(), box.bottom() + 1)};
  // No room above the box: inside its top edge comes first.
  if (candidates[0].top() > box.top() - size.height() - 1 + 0.5) std::swap(candidates[0], candidates[1]);
  for (double y = box.top() + size.height() + 2; y + size.height() <= box.bottom(); y += size.height() + 1)
    candidates.push_back(placed(box.left(), y));
  // Then the same places against the box's right edge.
  const int leftAligned = static_cast<int>(candidates.size());
  for (int i = 0; i < leftAligned; ++i)
    candidates.push_back(placed(box.right() - size.width(), candidates[i].top()));
  QRectF chosen = candidates.front();
  for (const QRectF& candidate : candidates) {
    bool free = true;
    for (const QRectF& other : taken) free = free && !candidate.intersects(other);
    if (free) {
      chosen = candidate;
      break;
    }
  }
  taken.push_back(chosen);
  return chosen;
}

void paintOverlayLayers(QPainter& painter, const OverlayLayerModel& model, const PresentationTransform& transform,
                        const OverlayHover& hover) {
  painter.save();
  QVector<QRectF> taken;
  for (int row = model.rowCount() - 1; row >= 0; --row) {
    const OverlayLayer& layer = model.layerAt(row);
    if (!layer.visible || layer.opacity <= 0.0) continue;
    painter.setOpacity(layer.opacity);
    for (const OverlayItem& item : layer.items) {
      if (item.flags.testFlag(OverlayItemFlag::Hidden)) continue;
      paintItem(painter, layer, item, transform, layer.id == hover.layerId && item.id == hover.itemId, taken);
    }
  }
  painter.restore();
}

}  // namespace anatomix::viewer
