#include "anatomix/viewer/user_region_layer.h"

#include <algorithm>

#include <QCoreApplication>
#include <QUndoStack>

#include "anatomix/viewer/overlay_layer_model.h"
#include "region_commands.h"

namespace anatomix::viewer {

UserRegionLayer::UserRegionLayer(OverlayLayerModel* model, QUndoStack* undoStack, QObject* parent)
    : QObject(parent), m_model(model), m_undoStack(undoStack) {
  Q_ASSERT(model && undoStack);
  if (!m_model->hasLayer(layerId())) {
    OverlayLayer layer;
    layer.id = layerId();
    layer.name = QCoreApplication::translate("UserRegionLayer", "My regions");
    layer.editable = true;
    layer.style.colour = QColor(255, 210, 0);
    layer.style.labelMode = OverlayLabelMode::Always;
    m_model->addLayer(layer, 0);
  }
  // Continue numbering after regions that already exist (e.g. restored with the layer).
  for (const OverlayItem& item : regions()) {
    if (item.id.startsWith(QLatin1String("region-")))
      m_nextId = std::max(m_nextId, item.id.mid(7).toInt() + 1);
  }
}

QRectF UserRegionLayer::normalised(const QRectF& rectPx) const {
  QRectF rect = rectPx.normalized();
  if (m_bounds.isValid()) rect = rect.intersected(m_bounds);
  if (rect.width() < kMinSidePx) rect.setWidth(kMinSidePx);
  if (rect.height() < kMinSidePx) rect.setHeight(kMinSidePx);
  return rect;
}

QString UserRegionLayer::addRegion(const QRectF& rectPx, const QString& label) {
  OverlayItem region;
  region.id = QStringLiteral("region-%1").arg(m_nextId++);
  region.rectPx = normalised(rectPx);
  region.label = label.isEmpty() ? QCoreApplication::translate("UserRegionLayer", "Region %1").arg(m_nextId - 1)
                                 : label;
  m_undoStack->push(new AddRegionCommand(this, region));
  return region.id;
}

bool UserRegionLayer::setRegionRect(const QString& regionId, const QRectF& rectPx, int mergeKey) {
  const OverlayItem* current = region(regionId);
  if (!current) return false;
  OverlayItem after = *current;
  after.rectPx = normalised(rectPx);
  if (after.rectPx == current->rectPx) return true;
  m_undoStack->push(new ChangeRegionCommand(this, *current, after, mergeKey, m_dragGeneration));
  return true;
}

bool UserRegionLayer::setRegionLabel(const QString& regionId, const QString& label) {
  const OverlayItem* current = region(regionId);
  if (!current) return false;
  if (current->label == label) return true;
  OverlayItem after = *current;
  after.label = label;
  m_undoStack->push(new ChangeRegionCommand(this, *current, after, 0, m_dragGeneration));
  return true;
}

bool UserRegionLayer::removeRegion(const QString& regionId) {
  const OverlayItem* current = region(regionId);
  if (!current) return false;
  m_undoStack->push(new RemoveRegionCommand(this, *current, m_model->indexOfItem(layerId(), regionId)));
  return true;
}

void UserRegionLayer::removeAllRegions() {
  const QVector<OverlayItem> all = regions();
  if (all.isEmpty()) return;
  auto* macro = new QUndoCommand(QCoreApplication::translate("UserRegionLayer", "Delete all regions"));
  // Children run in order on redo and in reverse on undo: remove from the back so indices hold.
  for (int i = static_cast<int>(all.size()) - 1; i >= 0; --i) new RemoveRegionCommand(this, all[i], i, macro);
  m_undoStack->push(macro);
}

void UserRegionLayer::finishDrag() { ++m_dragGeneration; }

QVector<OverlayItem> UserRegionLayer::regions() const {
  const OverlayLayer* layer = m_model->layer(layerId());
  return layer ? layer->items : QVector<OverlayItem>();
}

const OverlayItem* UserRegionLayer::region(const QString& regionId) const {
  return m_model->item(layerId(), regionId);
}

void UserRegionLayer::select(const QString& regionId) { m_model->selectItem(layerId(), regionId); }

QString UserRegionLayer::selectedRegionId() const { return m_model->selectedItemId(layerId()); }

}  // namespace anatomix::viewer
