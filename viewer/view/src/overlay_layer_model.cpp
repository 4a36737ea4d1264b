#include "anatomix/viewer/overlay_layer_model.h"

#include <algorithm>

namespace anatomix::viewer {

OverlayLayerModel::OverlayLayerModel(QObject* parent) : QAbstractListModel(parent) {}

int OverlayLayerModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_layers.size());
}

QVariant OverlayLayerModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() < 0 || index.row() >= m_layers.size()) return {};
  const OverlayLayer& layer = m_layers[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return layer.name;
    case Qt::CheckStateRole: return layer.visible ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole: return tr("%n item(s)", nullptr, static_cast<int>(layer.items.size()));
    case OpacityRole: return layer.opacity;
    case LayerIdRole: return layer.id;
    case ItemCountRole: return static_cast<int>(layer.items.size());
    case EditableRole: return layer.editable;
    default: return {};
  }
}

bool OverlayLayerModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || index.row() < 0 || index.row() >= m_layers.size()) return false;
  const QString id = m_layers[index.row()].id;
  switch (role) {
    case Qt::CheckStateRole:
      setLayerVisible(id, value.toInt() == Qt::Checked);
      return true;
    case OpacityRole: {
      bool ok = false;
      const double opacity = value.toDouble(&ok);
      if (!ok) return false;
      setLayerOpacity(id, opacity);
      return true;
    }
    case Qt::EditRole:
      setLayerName(id, value.toString());
      return true;
    default: return false;
  }
}

Qt::ItemFlags OverlayLayerModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::ItemIsDropEnabled;
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled;
}

QHash<int, QByteArray> OverlayLayerModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractListModel::roleNames();
  names[OpacityRole] = "opacity";
  names[LayerIdRole] = "layerId";
  names[ItemCountRole] = "itemCount";
  names[EditableRole] = "editable";
  return names;
}

bool OverlayLayerModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                                 const QModelIndex& destinationParent, int destinationChild) {
  if (sourceParent.isValid() || destinationParent.isValid() || count != 1) return false;
  if (sourceRow < 0 || sourceRow >= m_layers.size() || destinationChild < 0 ||
      destinationChild > m_layers.size())
    return false;
  if (destinationChild == sourceRow || destinationChild == sourceRow + 1) return false;
  if (!beginMoveRows(QModelIndex(), sourceRow, sourceRow, QModelIndex(), destinationChild)) return false;
  const int to = destinationChild > sourceRow ? destinationChild - 1 : destinationChild;
  m_layers.move(sourceRow, to);
  endMoveRows();
  emit layerDisplayChanged(m_layers[to].id);
  return true;
}

bool OverlayLayerModel::moveLayer(int fromRow, int toRow) {
  if (fromRow == toRow) return fromRow >= 0 && fromRow < m_layers.size();
  return moveRows(QModelIndex(), fromRow, 1, QModelIndex(), toRow > fromRow ? toRow + 1 : toRow);
}

int OverlayLayerModel::addLayer(const OverlayLayer& layer, int row) {
  const int existing = rowOfLayer(layer.id);
  if (existing >= 0) {
    m_layers[existing] = layer;
    emit dataChanged(index(existing), index(existing));
    emit layerItemsChanged(layer.id);
    emit layerDisplayChanged(layer.id);
    return existing;
  }
  const int at = (row < 0 || row > m_layers.size()) ? 0 : row;
  beginInsertRows(QModelIndex(), at, at);
  m_layers.insert(at, layer);
  endInsertRows();
  emit layerItemsChanged(layer.id);
  return at;
}

bool OverlayLayerModel::removeLayer(const QString& layerId) {
  const int row = rowOfLayer(layerId);
  if (row < 0) return false;
  beginRemoveRows(QModelIndex(), row, row);
  m_layers.removeAt(row);
  endRemoveRows();
  emit layerItemsChanged(layerId);
  return true;
}

int OverlayLayerModel::rowOfLayer(const QString& layerId) const {
  for (int row = 0; row < m_layers.size(); ++row)
    if (m_layers[row].id == layerId) return row;
  return -1;
}

const OverlayLayer* OverlayLayerModel::layer(const QString& layerId) const {
  const int row = rowOfLayer(layerId);
  return row < 0 ? nullptr : &m_layers[row];
}

const OverlayLayer& OverlayLayerModel::layerAt(int row) const { return m_layers.at(row); }

QStringList OverlayLayerModel::layerIds() const {
  QStringList ids;
  for (const OverlayLayer& layer : m_layers) ids << layer.id;
  return ids;
}

OverlayLayer* OverlayLayerModel::mutableLayer(const QString& layerId) {
  const int row = rowOfLayer(layerId);
  return row < 0 ? nullptr : &m_layers[row];
}

void OverlayLayerModel::setLayerVisible(const QString& layerId, bool visible) {
  OverlayLayer* layer = mutableLayer(layerId);
  if (!layer || layer->visible == visible) return;
  layer->visible = visible;
  const QModelIndex at = index(rowOfLayer(layerId));
  emit dataChanged(at, at, {Qt::CheckStateRole});
  emit layerDisplayChanged(layerId);
}

void OverlayLayerModel::setLayerOpacity(const QString& layerId, double opacity) {
  OverlayLayer* layer = mutableLayer(layerId);
  opacity = std::clamp(opacity, 0.0, 1.0);
  if (!layer || layer->opacity == opacity) return;
  layer->opacity = opacity;
  const QModelIndex at = index(rowOfLayer(layerId));
  emit dataChanged(at, at, {OpacityRole});
  emit layerDisplayChanged(layerId);
}

void OverlayLayerModel::setLayerStyle(const QString& layerId, const OverlayLayerStyle& style) {
  OverlayLayer* layer = mutableLayer(layerId);
  if (!layer) return;
  layer->style = style;
  emit layerDisplayChanged(layerId);
}

void OverlayLayerModel::setLayerName(const QString& layerId, const QString& name) {
  OverlayLayer* layer = mutableLayer(layerId);
  if (!layer || layer->name == name) return;
  layer->name = name;
  const QModelIndex at = index(rowOfLayer(layerId));
  emit dataChanged(at, at, {Qt::DisplayRole, Qt::EditRole});
  emit layerDisplayChanged(layerId);
}

void OverlayLayerModel::setItems(const QString& layerId, const QVector<OverlayItem>& items) {
  OverlayLayer* layer = mutableLayer(layerId);
  if (!layer) return;
  layer->items = items;
  const QModelIndex at = index(rowOfLayer(layerId));
  emit dataChanged(at, at, {ItemCountRole, Qt::ToolTipRole});
  emit layerItemsChanged(layerId);
}

bool OverlayLayerModel::addItem(const QString& layerId, const OverlayItem& item, int index) {
  OverlayLayer* layer = mutableLayer(layerId);
  if (!layer || indexOfItem(layerId, item.id) >= 0) return false;
  if (index < 0 || index > layer->items.size()) index = static_cast<int>(layer->items.size());
  layer->items.insert(index, item);
  const QModelIndex at = this->index(rowOfLayer(layerId));
  emit dataChanged(at, at, {ItemCountRole, Qt::ToolTipRole});
  emit layerItemsChanged(layerId);
  return true;
}

bool OverlayLayerModel::updateItem(const QString& layerId, const OverlayItem& item) {
  OverlayLayer* layer = mutableLayer(layerId);
  const int at = indexOfItem(layerId, item.id);
  if (!layer || at < 0) return false;
  if (layer->items[at] == item) return true;
  layer->items[at] = item;
  emit layerItemsChanged(layerId);
  return true;
}

bool OverlayLayerModel::removeItem(const QString& layerId, const QString& itemId) {
  OverlayLayer* layer = mutableLayer(layerId);
  const int at = indexOfItem(layerId, itemId);
  if (!layer || at < 0) return false;
  const bool wasSelected = layer->items[at].flags.testFlag(OverlayItemFlag::Selected);
  layer->items.removeAt(at);
  const QModelIndex row = index(rowOfLayer(layerId));
  emit dataChanged(row, row, {ItemCountRole, Qt::ToolTipRole});
  emit layerItemsChanged(layerId);
  if (wasSelected) emit selectionChanged(layerId, QString());
  return true;
}

void OverlayLayerModel::clearItems(const QString& layerId) { setItems(layerId, {}); }

const OverlayItem* OverlayLayerModel::item(const QString& layerId, const QString& itemId) const {
  const OverlayLayer* layer = this->layer(layerId);
  if (!layer) return nullptr;
  for (const OverlayItem& item : layer->items)
    if (item.id == itemId) return &item;
  return nullptr;
}

int OverlayLayerModel::indexOfItem(const QString& layerId, const QString& itemId) const {
  const OverlayLayer* layer = this->layer(layerId);
  if (!layer) return -1;
  for (int i = 0; i < layer->items.size(); ++i)
    if (layer->items[i].id == itemId) return i;
  return -1;
}

bool OverlayLayerModel::setItemFlag(const QString& layerId, const QString& itemId, OverlayItemFlag flag,
                                    bool on) {
  OverlayLayer* layer = mutableLayer(layerId);
  const int at = indexOfItem(layerId, itemId);
  if (!layer || at < 0) return false;
  if (layer->items[at].flags.testFlag(flag) == on) return true;
  layer->items[at].flags.setFlag(flag, on);
  emit layerItemsChanged(layerId);
  return true;
}

void OverlayLayerModel::selectItem(const QString& layerId, const QString& itemId) {
  OverlayLayer* layer = mutableLayer(layerId);
  if (!layer || selectedItemId(layerId) == itemId) return;
  for (OverlayItem& item : layer->items) item.flags.setFlag(OverlayItemFlag::Selected, item.id == itemId);
  emit layerItemsChanged(layerId);
  emit selectionChanged(layerId, indexOfItem(layerId, itemId) >= 0 ? itemId : QString());
}

QString OverlayLayerModel::selectedItemId(const QString& layerId) const {
  const OverlayLayer* layer = this->layer(layerId);
  if (!layer) return {};
  for (const OverlayItem& item : layer->items)
    if (item.flags.testFlag(OverlayItemFlag::Selected)) return item.id;
  return {};
}

}  // namespace anatomix::viewer
