// OverlayLayerModel: the list of overlay layers shown over the image (a Qt list model, so a
// QListView in the layers dock can show names, visibility check boxes and reorder rows).
//
// Row 0 is the TOP layer (drawn last); the viewport draws rows from the last to the first.
// Roles: Qt::DisplayRole/EditRole = name, Qt::CheckStateRole = visibility (editable),
// Qt::ToolTipRole = "<n> items", OpacityRole (double 0..1, editable), LayerIdRole, ItemCountRole,
// EditableRole. Item edits (setItems/addItem/...) emit layerItemsChanged(layerId); they are the
// only mutators of items. Undoable user edits go through UserRegionLayer, which calls them.
// GUI thread only. The model owns its layers; items are values.
#pragma once

#include <QAbstractListModel>
#include <QVector>

#include "anatomix/viewer/overlay_item.h"

namespace anatomix::viewer {

class OverlayLayerModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role { OpacityRole = Qt::UserRole + 1, LayerIdRole, ItemCountRole, EditableRole };

  explicit OverlayLayerModel(QObject* parent = nullptr);

  // QAbstractListModel
  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QHash<int, QByteArray> roleNames() const override;
  bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                const QModelIndex& destinationParent, int destinationChild) override;

  // --- layers ---
  // Adds a layer at `row` (0 = top, -1 = top). An existing id is replaced in place. Returns its row.
  int addLayer(const OverlayLayer& layer, int row = 0);
  bool removeLayer(const QString& layerId);
  int rowOfLayer(const QString& layerId) const;  // -1 if absent
  bool hasLayer(const QString& layerId) const { return rowOfLayer(layerId) >= 0; }
  const OverlayLayer* layer(const QString& layerId) const;  // nullptr if absent; valid until next edit
  const OverlayLayer& layerAt(int row) const;
  QStringList layerIds() const;  // top to bottom
  void setLayerVisible(const QString& layerId, bool visible);
  void setLayerOpacity(const QString& layerId, double opacity);
  void setLayerStyle(const QString& layerId, const OverlayLayerStyle& style);
  void setLayerName(const QString& layerId, const QString& name);
  bool moveLayer(int fromRow, int toRow);  // z order

  // --- items (ids unique per layer) ---
  void setItems(const QString& layerId, const QVector<OverlayItem>& items);  // replace all
  bool addItem(const QString& layerId, const OverlayItem& item, int index = -1);  // false: dup id
  bool updateItem(const QString& layerId, const OverlayItem& item);  // matched by id
  bool removeItem(const QString& layerId, const QString& itemId);
  void clearItems(const QString& layerId);
  const OverlayItem* item(const QString& layerId, const QString& itemId) const;
  int indexOfItem(const QString& layerId, const QString& itemId) const;
  // Sets or clears a flag on one item (e.g. Highlighted for the anatomy named in an answer).
  bool setItemFlag(const QString& layerId, const QString& itemId, OverlayItemFlag flag, bool on);
  // Makes `itemId` the only Selected item of its layer (empty id: clear the selection).
  void selectItem(const QString& layerId, const QString& itemId);
  QString selectedItemId(const QString& layerId) const;

 signals:
  void layerItemsChanged(const QString& layerId);
  // Visibility, opacity, style, name or order changed: the viewport repaints overlays.
  void layerDisplayChanged(const QString& layerId);
  void selectionChanged(const QString& layerId, const QString& itemId);

 private:
  OverlayLayer* mutableLayer(const QString& layerId);
  QVector<OverlayLayer> m_layers;  // row order, 0 = top
};

}  // namespace anatomix::viewer
