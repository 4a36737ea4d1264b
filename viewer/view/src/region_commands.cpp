#include "region_commands.h"

#include <QCoreApplication>

#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"

namespace anatomix::viewer {
namespace {
QString trCommand(const char* text) { return QCoreApplication::translate("UserRegionLayer", text); }
}  // namespace

AddRegionCommand::AddRegionCommand(UserRegionLayer* regions, const OverlayItem& region)
    : m_regions(regions), m_region(region) {
  setText(trCommand("Draw region"));
  m_region.flags.setFlag(OverlayItemFlag::Selected, false);
}

void AddRegionCommand::redo() {
  m_regions->model()->addItem(m_regions->layerId(), m_region);
  emit m_regions->regionsChanged();
}

void AddRegionCommand::undo() {
  m_regions->model()->removeItem(m_regions->layerId(), m_region.id);
  emit m_regions->regionsChanged();
}

RemoveRegionCommand::RemoveRegionCommand(UserRegionLayer* regions, const OverlayItem& region, int index,
                                         QUndoCommand* parent)
    : QUndoCommand(parent), m_regions(regions), m_region(region), m_index(index) {
  setText(trCommand("Delete region"));
  m_region.flags.setFlag(OverlayItemFlag::Selected, false);
}

void RemoveRegionCommand::redo() {
  m_regions->model()->removeItem(m_regions->layerId(), m_region.id);
  emit m_regions->regionsChanged();
}

void RemoveRegionCommand::undo() {
  m_regions->model()->addItem(m_regions->layerId(), m_region, m_index);
  emit m_regions->regionsChanged();
}

ChangeRegionCommand::ChangeRegionCommand(UserRegionLayer* regions, const OverlayItem& before,
                                         const OverlayItem& after, int mergeKey, int dragGeneration)
    : m_regions(regions), m_before(before), m_after(after), m_mergeKey(mergeKey), m_dragGeneration(dragGeneration) {
  setText(before.rectPx != after.rectPx ? trCommand("Move or resize region") : trCommand("Rename region"));
}

void ChangeRegionCommand::apply(const OverlayItem& state) {
  const OverlayItem* current = m_regions->model()->item(m_regions->layerId(), state.id);
  if (!current) return;
  OverlayItem updated = *current;
  updated.rectPx = state.rectPx;
  updated.label = state.label;
  m_regions->model()->updateItem(m_regions->layerId(), updated);
  emit m_regions->regionsChanged();
}

void ChangeRegionCommand::redo() { apply(m_after); }
void ChangeRegionCommand::undo() { apply(m_before); }

bool ChangeRegionCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = static_cast<const ChangeRegionCommand*>(other);
  if (next->m_mergeKey != m_mergeKey || next->m_dragGeneration != m_dragGeneration ||
      next->m_after.id != m_after.id)
    return false;
  m_after = next->m_after;
  return true;
}

}  // namespace anatomix::viewer
