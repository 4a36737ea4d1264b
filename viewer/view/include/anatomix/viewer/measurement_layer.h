// MeasurementLayer: the reader's measurements, kept as an editable layer of an OverlayLayerModel,
// every edit an undo command on a QUndoStack (like UserRegionLayer):
//   - distance: two points, labelled with its length in millimetres when the image's pixel spacing
//     is known (setSpacing), else in pixels;
//   - angle: three points (arm end, vertex, arm end), labelled in degrees;
//   - callipers: distances with a fixed id and a caption placed by the program (the cardiothoracic
//     ratio's heart and thorax diameters), labelled "<caption> <length>", adjustable like the others;
//   - regions of interest: a rectangle or an ellipse (a box item, OverlayItemFlag::Ellipse), labelled
//     with the mean, SD, minimum and maximum of the modality values of the pixels whose centres lie
//     inside, and the area (cm² with spacing, else pixels) (setImage);
//   - arrows: two points (tip, tail) labelled with the reader's text (setCaption).
// Points are image pixels of the original image (overlay_item.h), so measurements follow zoom,
// flips and rotations. A drag pushes one command per mouse move with the same merge key; they
// merge, so one drag is one undo step. Ids are "distance-<n>", "angle-<n>", "roi-<n>",
// "ellipse-<n>" and "arrow-<n>"; selection is not undoable. Borrowed pointers: `model` and `undoStack` must outlive this object. GUI thread only.
#pragma once

#include <memory>

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QVector>

#include "anatomix/viewer/overlay_item.h"

class QUndoStack;

namespace anatomix::image {
struct DecodedImage;
}

namespace anatomix::viewer {

// Statistics of a region of interest over the modality values of the pixels whose centres lie inside.
struct RoiStatistics {
  int pixelCount = 0;
  double mean = 0, standardDeviation = 0, minimum = 0, maximum = 0;
  double areaMm2 = 0;  // 0 without pixel spacing
  double areaPx = 0;   // pixelCount
};

class OverlayLayerModel;

class MeasurementLayer : public QObject {
  Q_OBJECT
 public:
  static constexpr const char* kLayerId = "measurements";

  // Creates the layer in `model` (top row) if it does not exist yet.
  MeasurementLayer(OverlayLayerModel* model, QUndoStack* undoStack, QObject* parent = nullptr);

  OverlayLayerModel* model() const { return m_model; }
  QUndoStack* undoStack() const { return m_undoStack; }
  QString layerId() const { return QString::fromLatin1(kLayerId); }

  // Millimetres between columns (x) and between rows (y); 0 or less: unknown, lengths in pixels.
  // `qualifier` follows every length in its label ("52.3 mm at detector"), `note` is its tool tip
  // (e.g. why such lengths are magnified). Relabels every measurement (not an undo step).
  void setSpacing(double columnMm, double rowMm, const QString& qualifier = QString(), const QString& note = QString());
  bool hasSpacing() const { return m_columnMm > 0 && m_rowMm > 0; }
  // The tool tip that explains the spacing (setSpacing's `note`).
  QString spacingNote() const { return m_spacingNote; }
  // The unit of the image's modality values, its Rescale Type ("HU", "US"); empty without one.
  QString valueUnits() const;

  // Undoable edits; each returns the new measurement's id.
  QString addDistance(const QPointF& a, const QPointF& b);
  QString addAngle(const QPointF& armEnd, const QPointF& vertex, const QPointF& otherArmEnd);
  QString addRegionOfInterest(const QRectF& rectPx, bool ellipse);
  QString addArrow(const QPointF& tip, const QPointF& tail, const QString& text = QString());

  // The image whose values regions of interest measure (shared, immutable; null: none).
  void setImage(std::shared_ptr<const image::DecodedImage> image);
  RoiStatistics roiStatistics(const QString& id) const;
  RoiStatistics statisticsOf(const QRectF& rectPx, bool ellipse) const;
  // Places (or replaces) the calliper `id` from a to b with `caption`. Not an undo step: callipers
  // come from an analysis; moving their points afterwards is.
  void placeCalliper(const QString& id, const QPointF& a, const QPointF& b, const QString& caption);
  // Removes a calliper without an undo step (its analysis is gone).
  void removeCalliper(const QString& id);
  // A calliper's caption changes (e.g. the ratio it takes part in); not an undo step, and no
  // measurementsChanged (the layer repaints through the model).
  void setCaption(const QString& id, const QString& caption);
  // Moves point `index` of a measurement. `mergeKey` != 0: consecutive moves with the same key and
  // id merge into one undo step until finishDrag().
  bool setPoint(const QString& id, int index, const QPointF& pointPx, int mergeKey = 0);
  bool removeMeasurement(const QString& id);
  void removeAll();  // one undo step
  // Drops every measurement and calliper without an undo step (a new image).
  void clearWithoutUndo();
  void finishDrag();
  // Puts back a measurement saved with the study (its id, points or box and shape as saved; the
  // label recomputed), without an undo step; `caption` is an arrow's text. New ids follow it.
  void restoreMeasurement(OverlayItem item, const QString& caption = QString());
  // Whether `id` names one of the reader's own measurements (distance, angle, rectangle, ellipse,
  // arrow), not a calliper placed by an analysis.
  static bool isReaderMeasurement(const QString& id);
  // An arrow's text or a calliper's caption.
  QString caption(const QString& id) const { return m_captions.value(id); }

  QVector<OverlayItem> measurements() const;
  const OverlayItem* measurement(const QString& id) const;
  void select(const QString& id);  // empty: none
  QString selectedId() const;

  // Length of a two-point measurement in millimetres (0 without spacing) and in pixels.
  double lengthMm(const QString& id) const;
  double lengthPx(const QString& id) const;
  // Angle of a three-point measurement at its vertex, 0..180 degrees (taking pixel spacing into
  // account when known).
  double angleDegrees(const QString& id) const;

  // The label a measurement with these points gets ("52.3 mm", "140 px", "37.5°").
  QString labelFor(const QString& id, const QVector<QPointF>& points) const;
  // An item with its points, bounding box and label brought up to date (used by the commands).
  OverlayItem relabelled(OverlayItem item) const;

 signals:
  // Any change of the measurements' set or geometry (also by undo/redo and setSpacing).
  void measurementsChanged();

 private:
  QString add(const QString& prefix, const QVector<QPointF>& points);
  QPointF scaled(const QPointF& px) const;  // millimetres when the spacing is known, else pixels
  double lengthOf(const QVector<QPointF>& points) const;  // two points, scaled
  double angleOf(const QVector<QPointF>& points) const;   // three points, degrees

  OverlayLayerModel* m_model;  // borrowed
  QUndoStack* m_undoStack;     // borrowed
  double m_columnMm = 0, m_rowMm = 0;
  QString m_spacingQualifier;
  QString m_spacingNote;
  QHash<QString, QString> m_captions;  // callipers' captions by id
  std::shared_ptr<const image::DecodedImage> m_image;
  int m_nextId = 1;
  int m_dragGeneration = 0;
};

}  // namespace anatomix::viewer
