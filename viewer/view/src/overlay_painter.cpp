#include "overlay_painter.h"

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

void paintLabel(QPainter& painter, const QRectF& box, const QString& text, const QColor& colour,
                const QRectF& viewport) {
  const QFontMetricsF metrics(painter.font());
  const QSizeF size(metrics.horizontalAdvance(text) + 6, metrics.height() + 2);
  // Above the box when there is room, else inside its top edge; kept inside the viewport.
  QPointF topLeft(box.left(), box.top() - size.height() - 1);
  if (topLeft.y() < viewport.top()) topLeft.setY(box.top() + 1);
  topLeft.setX(std::clamp(topLeft.x(), viewport.left(), std::max(viewport.left(), viewport.right() - size.width())));
  const QRectF background(topLeft, size);
  painter.fillRect(background, QColor(0, 0, 0, 160));
  painter.setPen(colour);
  painter.drawText(background, Qt::AlignCenter, text);
}

void paintItem(QPainter& painter, const OverlayLayer& layer, const OverlayItem& item,
               const PresentationTransform& transform, bool hovered) {
  const OverlayLayerStyle& style = layer.style;
  const QRectF box = transform.imageToScreen(item.rectPx);
  const QColor colour = itemColour(item, style);
  const bool highlighted = item.flags.testFlag(OverlayItemFlag::Highlighted);
  const bool selected = item.flags.testFlag(OverlayItemFlag::Selected);

  double fill = style.fillOpacity;
  if (highlighted) fill = std::max(fill, 0.15);
  if (fill > 0) {
    QColor fillColour = colour;
    fillColour.setAlphaF(static_cast<float>(std::clamp(fill, 0.0, 1.0)));
    painter.fillRect(box, fillColour);
  }
  if (selected) {  // a dark halo keeps the selection visible on bright anatomy
    painter.setPen(QPen(QColor(0, 0, 0, 200), style.penWidthPx + 3));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(box);
  }
  QPen pen(colour, style.penWidthPx * (highlighted ? 2.0 : 1.0) + (hovered ? 0.5 : 0.0));
  pen.setStyle(item.flags.testFlag(OverlayItemFlag::Dashed) ? Qt::DashLine : style.penStyle);
  pen.setJoinStyle(Qt::MiterJoin);
  painter.setPen(pen);
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(box);

  if (selected && layer.editable) {
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(colour);
    for (const QRectF& handle : handleRects(box)) painter.drawRect(handle);
    painter.setBrush(Qt::NoBrush);
  }
  if (showsLabel(item, style, hovered)) paintLabel(painter, box, item.label, colour, painter.viewport());
}

}  // namespace

void paintOverlayLayers(QPainter& painter, const OverlayLayerModel& model, const PresentationTransform& transform,
                        const OverlayHover& hover) {
  painter.save();
  for (int row = model.rowCount() - 1; row >= 0; --row) {
    const OverlayLayer& layer = model.layerAt(row);
    if (!layer.visible || layer.opacity <= 0.0) continue;
    painter.setOpacity(layer.opacity);
    for (const OverlayItem& item : layer.items) {
      if (item.flags.testFlag(OverlayItemFlag::Hidden)) continue;
      paintItem(painter, layer, item, transform, layer.id == hover.layerId && item.id == hover.itemId);
    }
  }
  painter.restore();
}

}  // namespace anatomix::viewer
