// UserRegionLayer: the user's own rectangles (drawn with the region tool), kept as an editable
// layer of an OverlayLayerModel, with every edit an undo command on a QUndoStack.
//
// Coordinates are image pixels (see overlay_item.h). Ids are "region-<n>", never reused within
// a session. A drag pushes one command per mouse move with the same merge key; the commands
// merge, so one drag is one undo step. Selection is not undoable.
// Borrowed pointers: `model` and `undoStack` must outlive this object.
#pragma once

#include <QObject>
#include <QRectF>
#include <QString>
#include <QVector>

#include "anatomix/viewer/overlay_item.h"

class QUndoStack;

namespace anatomix::viewer {

class OverlayLayerModel;

class UserRegionLayer : public QObject {
  Q_OBJECT
 public:
  static constexpr const char* kLayerId = "user-regions";
  static constexpr double kMinSidePx = 1.0;  // smaller rectangles are grown to this size

  // Creates the layer in `model` (top row) if it does not exist yet.
  UserRegionLayer(OverlayLayerModel* model, QUndoStack* undoStack, QObject* parent = nullptr);

  OverlayLayerModel* model() const { return m_model; }
  QUndoStack* undoStack() const { return m_undoStack; }
  QString layerId() const { return QString::fromLatin1(kLayerId); }

  // Undoable edits. Rectangles are normalised and clipped to `bounds` when bounds is valid.
  QString addRegion(const QRectF& rectPx, const QString& label = QString());  // returns its id
  // `mergeKey` != 0: consecutive calls with the same key and id merge into one undo step.
  bool setRegionRect(const QString& regionId, const QRectF& rectPx, int mergeKey = 0);
  bool setRegionLabel(const QString& regionId, const QString& label);
  bool removeRegion(const QString& regionId);
  void removeAllRegions();  // one undo step
  // Ends the current drag: later setRegionRect calls start a new undo step.
  void finishDrag();

  void setBounds(const QRectF& imageBoundsPx) { m_bounds = imageBoundsPx; }
  QRectF bounds() const { return m_bounds; }

  QVector<OverlayItem> regions() const;
  const OverlayItem* region(const QString& regionId) const;
  void select(const QString& regionId);  // empty: none
  QString selectedRegionId() const;

 signals:
  // Any change of the regions' set or geometry (also by undo/redo).
  void regionsChanged();

 private:
  QRectF normalised(const QRectF& rectPx) const;

  OverlayLayerModel* m_model;  // borrowed
  QUndoStack* m_undoStack;     // borrowed
  QRectF m_bounds;
  int m_nextId = 1;
  int m_dragGeneration = 0;
};

}  // namespace anatomix::viewer
