#include "anatomix/viewer/measurement_layer.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <QCoreApplication>
#include <QUndoCommand>
#include <QUndoStack>

#include "anatomix/image/decoded_image.h"
#include "anatomix/viewer/overlay_layer_model.h"

namespace anatomix::viewer {
namespace {

QString trLayer(const char* text) { return QCoreApplication::translate("MeasurementLayer", text); }

QRectF boundsOf(const QVector<QPointF>& points) {
  if (points.isEmpty()) return {};
  double x1 = points[0].x(), x2 = x1, y1 = points[0].y(), y2 = y1;
  for (const QPointF& p : points) {
    x1 = std::min(x1, p.x()), x2 = std::max(x2, p.x());
    y1 = std::min(y1, p.y()), y2 = std::max(y2, p.y());
  }
  return QRectF(QPointF(x1, y1), QPointF(x2, y2));
}

// One undoable change of one measurement: added (no before), removed (no after) or changed.
class MeasurementCommand : public QUndoCommand {
 public:
  static constexpr int kMergeId = 0x4d454153;  // "MEAS"
  MeasurementCommand(MeasurementLayer* layer, std::optional<OverlayItem> before, std::optional<OverlayItem> after,
                     int index, int mergeKey, int generation, const QString& text, QUndoCommand* parent = nullptr)
      : QUndoCommand(text, parent), m_layer(layer), m_before(std::move(before)), m_after(std::move(after)),
        m_index(index), m_mergeKey(mergeKey), m_generation(generation) {}
  void redo() override { apply(m_after, m_before); }
  void undo() override { apply(m_before, m_after); }
  int id() const override { return m_mergeKey != 0 ? kMergeId : -1; }
  bool mergeWith(const QUndoCommand* other) override {
    const auto* next = static_cast<const MeasurementCommand*>(other);
    if (next->m_mergeKey != m_mergeKey || next->m_generation != m_generation || !m_after || !next->m_after ||
        next->m_after->id != m_after->id)
      return false;
    m_after = next->m_after;
    return true;
  }

 private:
  void apply(const std::optional<OverlayItem>& state, const std::optional<OverlayItem>& other) {
    OverlayLayerModel* model = m_layer->model();
    const QString layerId = m_layer->layerId();
    if (!state) {
      model->removeItem(layerId, other->id);
    } else if (const OverlayItem* current = model->item(layerId, state->id)) {
      OverlayItem updated = m_layer->relabelled(*state);
      // Selection is not part of the undo history; the shape is.
      updated.flags = current->flags;
      updated.flags.setFlag(OverlayItemFlag::Ellipse, state->flags.testFlag(OverlayItemFlag::Ellipse));
      updated.flags.setFlag(OverlayItemFlag::Arrow, state->flags.testFlag(OverlayItemFlag::Arrow));
      model->updateItem(layerId, updated);
    } else {
      OverlayItem added = m_layer->relabelled(*state);
      added.flags.setFlag(OverlayItemFlag::Selected, false);
      model->addItem(layerId, added, m_index);
    }
    emit m_layer->measurementsChanged();
  }

  MeasurementLayer* m_layer;  // borrowed
  std::optional<OverlayItem> m_before, m_after;
  int m_index;
  int m_mergeKey;
  int m_generation;
};

}  // namespace

MeasurementLayer::MeasurementLayer(OverlayLayerModel* model, QUndoStack* undoStack, QObject* parent)
    : QObject(parent), m_model(model), m_undoStack(undoStack) {
  Q_ASSERT(model && undoStack);
  if (!m_model->hasLayer(layerId())) {
    OverlayLayer layer;
    layer.id = layerId();
    layer.name = trLayer("Measurements");
    layer.editable = true;
    layer.style.colour = QColor(120, 255, 120);  // bright green: readable on dark and bright anatomy
    layer.style.penWidthPx = 2.0;  // callipers stay visible over 36 anatomy boxes
    layer.style.labelMode = OverlayLabelMode::Always;
    m_model->addLayer(layer, 0);
  }
}

void MeasurementLayer::setSpacing(double columnMm, double rowMm, const QString& qualifier, const QString& note) {
  m_columnMm = columnMm > 0 && rowMm > 0 ? columnMm : 0;
  m_rowMm = columnMm > 0 && rowMm > 0 ? rowMm : 0;
  m_spacingQualifier = qualifier;
  m_spacingNote = note;
  for (const OverlayItem& item : measurements()) m_model->updateItem(layerId(), relabelled(item));
  emit measurementsChanged();
}

QPointF MeasurementLayer::scaled(const QPointF& px) const {
  return hasSpacing() ? QPointF(px.x() * m_columnMm, px.y() * m_rowMm) : px;
}

double MeasurementLayer::angleOf(const QVector<QPointF>& points) const {
  if (points.size() != 3) return 0;
  const QPointF a = scaled(points[0] - points[1]), b = scaled(points[2] - points[1]);
  const double la = std::hypot(a.x(), a.y()), lb = std::hypot(b.x(), b.y());
  if (la <= 0 || lb <= 0) return 0;
  return std::acos(std::clamp(QPointF::dotProduct(a, b) / (la * lb), -1.0, 1.0)) * 180.0 / M_PI;
}

double MeasurementLayer::lengthOf(const QVector<QPointF>& points) const {
  if (points.size() != 2) return 0;
  const QPointF d = scaled(points[1] - points[0]);
  return std::hypot(d.x(), d.y());
}

QString MeasurementLayer::labelFor(const QString& id, const QVector<QPointF>& points) const {
  if (id.startsWith(QLatin1String("arrow-"))) return m_captions.value(id);
  if (points.size() == 3) return trLayer("%1°").arg(angleOf(points), 0, 'f', 1);
  if (points.size() != 2) return QString();
  const double length = lengthOf(points);
  QString value = hasSpacing() ? trLayer("%1 mm").arg(length, 0, 'f', 1) : trLayer("%1 px").arg(length, 0, 'f', 0);
  if (hasSpacing() && !m_spacingQualifier.isEmpty()) value += QLatin1Char(' ') + m_spacingQualifier;
  const QString caption = m_captions.value(id);
  return caption.isEmpty() ? value : trLayer("%1 %2").arg(caption, value);
}

RoiStatistics MeasurementLayer::statisticsOf(const QRectF& rectPx, bool ellipse) const {
  RoiStatistics stats;
  if (!m_image || rectPx.isEmpty()) return stats;
  const QRectF rect = rectPx.normalized();
  const int x0 = std::max(0, static_cast<int>(std::floor(rect.left())));
  const int y0 = std::max(0, static_cast<int>(std::floor(rect.top())));
  const int x1 = std::min(m_image->width - 1, static_cast<int>(std::ceil(rect.right())));
  const int y1 = std::min(m_image->height - 1, static_cast<int>(std::ceil(rect.bottom())));
  const QPointF centre = rect.center();
  const double rx = rect.width() / 2, ry = rect.height() / 2;
  double sum = 0, squares = 0;
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      const double px = x + 0.5, py = y + 0.5;  // the pixel's centre
      if (px < rect.left() || px >= rect.right() || py < rect.top() || py >= rect.bottom()) continue;
      if (ellipse) {
        const double u = (px - centre.x()) / rx, v = (py - centre.y()) / ry;
        if (u * u + v * v > 1.0) continue;
      }
      const double value = m_image->modality_value_at(x, y);
      if (stats.pixelCount == 0) stats.minimum = stats.maximum = value;
      stats.minimum = std::min(stats.minimum, value);
      stats.maximum = std::max(stats.maximum, value);
      sum += value;
      squares += value * value;
      ++stats.pixelCount;
    }
  }
  if (stats.pixelCount == 0) return stats;
  stats.mean = sum / stats.pixelCount;
  stats.standardDeviation = std::sqrt(std::max(0.0, squares / stats.pixelCount - stats.mean * stats.mean));
  stats.areaPx = stats.pixelCount;
  stats.areaMm2 = hasSpacing() ? stats.pixelCount * m_columnMm * m_rowMm : 0;
  return stats;
}

RoiStatistics MeasurementLayer::roiStatistics(const QString& id) const {
  const OverlayItem* item = measurement(id);
  if (!item || item->isLine()) return {};
  return statisticsOf(item->rectPx, item->flags.testFlag(OverlayItemFlag::Ellipse));
}

void MeasurementLayer::setImage(std::shared_ptr<const image::DecodedImage> image) {
  m_image = std::move(image);
  for (const OverlayItem& item : measurements()) m_model->updateItem(layerId(), relabelled(item));
}

QString MeasurementLayer::addRegionOfInterest(const QRectF& rectPx, bool ellipse) {
  OverlayItem item;
  item.id = QStringLiteral("%1-%2").arg(ellipse ? QStringLiteral("ellipse") : QStringLiteral("roi")).arg(m_nextId++);
  QRectF rect = rectPx.normalized();
  if (m_image) rect = rect.intersected(QRectF(0, 0, m_image->width, m_image->height));
  item.rectPx = rect;
  item.flags.setFlag(OverlayItemFlag::Ellipse, ellipse);
  item = relabelled(item);
  m_undoStack->push(new MeasurementCommand(this, std::nullopt, item, -1, 0, m_dragGeneration,
                                           ellipse ? trLayer("Measure ellipse") : trLayer("Measure rectangle")));
  return item.id;
}

OverlayItem MeasurementLayer::relabelled(OverlayItem item) const {
  if (!item.isLine()) {  // a region of interest
    const RoiStatistics stats = statisticsOf(item.rectPx, item.flags.testFlag(OverlayItemFlag::Ellipse));
    const QString units = valueUnits();
    const QString area = hasSpacing() ? trLayer("%1 cm²").arg(stats.areaMm2 / 100.0, 0, 'f', 2)
                                      : trLayer("%1 px²").arg(stats.areaPx, 0, 'f', 0);
    item.label = stats.pixelCount == 0
                     ? area
                     : trLayer("mean %1 SD %2 min %3 max %4%5, %6")
                           .arg(stats.mean, 0, 'f', 1)
                           .arg(stats.standardDeviation, 0, 'f', 1)
                           .arg(stats.minimum, 0, 'g', 6)
                           .arg(stats.maximum, 0, 'g', 6)
                           .arg(units.isEmpty() ? QString() : QLatin1Char(' ') + units)
                           .arg(area);
    item.toolTip = m_spacingNote;
    return item;
  }
  item.rectPx = boundsOf(item.pointsPx);
  item.label = labelFor(item.id, item.pointsPx);
  if (item.flags.testFlag(OverlayItemFlag::Arrow)) {
    item.toolTip = item.label;
    return item;
  }
  item.toolTip = item.pointsPx.size() == 2 && !hasSpacing()
                     ? trLayer("Length in pixels: the image has no pixel spacing.")
                     : m_spacingNote;
  return item;
}

QString MeasurementLayer::add(const QString& prefix, const QVector<QPointF>& points) {
  OverlayItem item;
  item.id = QStringLiteral("%1-%2").arg(prefix).arg(m_nextId++);
  item.pointsPx = points;
  item = relabelled(item);
  m_undoStack->push(new MeasurementCommand(this, std::nullopt, item, -1, 0, m_dragGeneration,
                                           points.size() == 3 ? trLayer("Measure angle") : trLayer("Measure distance")));
  return item.id;
}

QString MeasurementLayer::addArrow(const QPointF& tip, const QPointF& tail, const QString& text) {
  OverlayItem item;
  item.id = QStringLiteral("arrow-%1").arg(m_nextId++);
  if (!text.isEmpty()) m_captions.insert(item.id, text);
  item.pointsPx = {tip, tail};
  item.flags.setFlag(OverlayItemFlag::Arrow);
  item = relabelled(item);
  m_undoStack->push(new MeasurementCommand(this, std::nullopt, item, -1, 0, m_dragGeneration, trLayer("Draw arrow")));
  return item.id;
}

QString MeasurementLayer::addDistance(const QPointF& a, const QPointF& b) {
  return add(QStringLiteral("distance"), {a, b});
}

QString MeasurementLayer::addAngle(const QPointF& armEnd, const QPointF& vertex, const QPointF& otherArmEnd) {
  return add(QStringLiteral("angle"), {armEnd, vertex, otherArmEnd});
}

void MeasurementLayer::placeCalliper(const QString& id, const QPointF& a, const QPointF& b, const QString& caption) {
  m_captions.insert(id, caption);
  OverlayItem item;
  if (const OverlayItem* current = measurement(id)) item = *current;
  item.id = id;
  item.pointsPx = {a, b};
  item = relabelled(item);
  if (measurement(id)) m_model->updateItem(layerId(), item);
  else m_model->addItem(layerId(), item);
  ++m_dragGeneration;
  emit measurementsChanged();
}

void MeasurementLayer::removeCalliper(const QString& id) {
  m_captions.remove(id);
  if (!m_model->removeItem(layerId(), id)) return;
  ++m_dragGeneration;
  emit measurementsChanged();
}

void MeasurementLayer::setCaption(const QString& id, const QString& caption) {
  if (m_captions.value(id) == caption) return;
  m_captions.insert(id, caption);
  if (const OverlayItem* current = measurement(id)) m_model->updateItem(layerId(), relabelled(*current));
}

bool MeasurementLayer::setPoint(const QString& id, int index, const QPointF& pointPx, int mergeKey) {
  const OverlayItem* current = measurement(id);
  if (!current || index < 0 || index >= current->pointsPx.size()) return false;
  if (current->pointsPx[index] == pointPx) return true;
  OverlayItem after = *current;
  after.pointsPx[index] = pointPx;
  after = relabelled(after);
  m_undoStack->push(new MeasurementCommand(this, *current, after, -1, mergeKey, m_dragGeneration,
                                           trLayer("Move measurement point")));
  return true;
}

bool MeasurementLayer::removeMeasurement(const QString& id) {
  const OverlayItem* current = measurement(id);
  if (!current) return false;
  m_undoStack->push(new MeasurementCommand(this, *current, std::nullopt, m_model->indexOfItem(layerId(), id), 0,
                                           m_dragGeneration, trLayer("Delete measurement")));
  return true;
}

void MeasurementLayer::removeAll() {
  const QVector<OverlayItem> all = measurements();
  if (all.isEmpty()) return;
  auto* macro = new QUndoCommand(trLayer("Delete all measurements"));
  for (int i = static_cast<int>(all.size()) - 1; i >= 0; --i)
    new MeasurementCommand(this, all[i], std::nullopt, i, 0, m_dragGeneration, QString(), macro);
  m_undoStack->push(macro);
}

void MeasurementLayer::clearWithoutUndo() {
  m_model->clearItems(layerId());
  m_captions.clear();
  ++m_dragGeneration;
  emit measurementsChanged();
}

void MeasurementLayer::finishDrag() { ++m_dragGeneration; }

QString MeasurementLayer::valueUnits() const {
  return m_image ? QString::fromStdString(m_image->modality.rescale_type) : QString();
}

bool MeasurementLayer::isReaderMeasurement(const QString& id) {
  for (const char* prefix : {"distance-", "angle-", "roi-", "ellipse-", "arrow-"}) {
    if (id.startsWith(QLatin1String(prefix))) return true;
  }
  return false;
}

void MeasurementLayer::restoreMeasurement(OverlayItem item, const QString& caption) {
  if (caption.isEmpty()) m_captions.remove(item.id);
  else m_captions.insert(item.id, caption);
  item.flags.setFlag(OverlayItemFlag::Selected, false);
  item = relabelled(item);
  if (measurement(item.id)) m_model->updateItem(layerId(), item);
  else m_model->addItem(layerId(), item);
  // "distance-7" restored: the next new measurement is number 8 or later, never a second 7.
  m_nextId = std::max(m_nextId, item.id.section(QLatin1Char('-'), -1).toInt() + 1);
  ++m_dragGeneration;
  emit measurementsChanged();
}

QVector<OverlayItem> MeasurementLayer::measurements() const {
  const OverlayLayer* layer = m_model->layer(layerId());
  return layer ? layer->items : QVector<OverlayItem>();
}

const OverlayItem* MeasurementLayer::measurement(const QString& id) const { return m_model->item(layerId(), id); }

void MeasurementLayer::select(const QString& id) { m_model->selectItem(layerId(), id); }

QString MeasurementLayer::selectedId() const { return m_model->selectedItemId(layerId()); }

double MeasurementLayer::lengthPx(const QString& id) const {
  const OverlayItem* item = measurement(id);
  if (!item || item->pointsPx.size() != 2) return 0;
  const QPointF d = item->pointsPx[1] - item->pointsPx[0];
  return std::hypot(d.x(), d.y());
}

double MeasurementLayer::lengthMm(const QString& id) const {
  const OverlayItem* item = measurement(id);
  return item && hasSpacing() ? lengthOf(item->pointsPx) : 0;
}

double MeasurementLayer::angleDegrees(const QString& id) const {
  const OverlayItem* item = measurement(id);
  return item ? angleOf(item->pointsPx) : 0;
}

}  // namespace anatomix::viewer
