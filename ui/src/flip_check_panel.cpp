#include "anatomix/ui/flip_check_panel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "anatomix/viewer/overlay_layer_model.h"

namespace anatomix::ui {

using viewer::OverlayItem;
using viewer::OverlayItemFlag;

namespace {

constexpr int kIndexRole = Qt::UserRole + 1;
const QColor kConsistentColour(80, 220, 100);
const QColor kInconsistentColour(255, 70, 60);

QRectF toRect(const Box& box) { return QRectF(QPointF(box.x1, box.y1), QPointF(box.x2, box.y2)).normalized(); }

}  // namespace

FlipCheckPanel::FlipCheckPanel(viewer::OverlayLayerModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_run(new QPushButton(this)),
      m_verdict(new QLabel(this)),
      m_list(new QTreeWidget(this)) {
  setObjectName(QStringLiteral("flipCheckPanel"));
  m_run->setObjectName(QStringLiteral("runFlipCheckButton"));
  m_verdict->setObjectName(QStringLiteral("flipCheckVerdict"));
  m_verdict->setWordWrap(true);
  m_list->setObjectName(QStringLiteral("flipCheckList"));
  m_list->setColumnCount(3);
  m_list->setRootIsDecorated(false);
  m_list->setUniformRowHeights(true);
  m_list->header()->setStretchLastSection(false);
  m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

  auto* top = new QHBoxLayout();
  top->addWidget(m_run);
  top->addWidget(m_verdict, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(top);
  layout->addWidget(m_list, 1);

  const QString layerId = QString::fromLatin1(kLayerId);
  if (!m_model->hasLayer(layerId)) {
    viewer::OverlayLayer layer;
    layer.id = layerId;
    layer.style.colour = kConsistentColour;
    layer.style.abnormalColour = kInconsistentColour;
    layer.style.labelMode = viewer::OverlayLabelMode::WhenHighlighted;
    layer.visible = false;  // shown once a check has run
    m_model->addLayer(layer, m_model->rowCount());
  }
  retranslate();

  connect(m_run, &QPushButton::clicked, this, &FlipCheckPanel::runRequested);
  connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    highlightRow(item ? item->data(0, kIndexRole).toInt() : -1);
  });
}

void FlipCheckPanel::retranslate() {
  m_run->setText(tr("Run &Flip Check"));
  m_run->setToolTip(tr("Analyse the horizontally mirrored image and compare each anatomy's box, mapped back, "
                       "with its box in the original"));
  m_list->setHeaderLabels({tr("Anatomy"), tr("Same side"), tr("IoU")});
  m_model->setLayerName(QString::fromLatin1(kLayerId), tr("Flip check"));
  rebuild();
}

void FlipCheckPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void FlipCheckPanel::setAiAvailable(bool available) {
  m_aiAvailable = available;
  m_run->setEnabled(m_aiAvailable && !m_running);
}

void FlipCheckPanel::setRunning(bool running) {
  m_running = running;
  if (running) m_failure.clear();
  m_run->setEnabled(m_aiAvailable && !m_running);
  rebuild();
}

void FlipCheckPanel::showFailure(const QString& message) {
  m_failure = message;
  m_running = false;
  m_run->setEnabled(m_aiAvailable);
  rebuild();
}

void FlipCheckPanel::clear() {
  m_report = FlipConsistencyReport();
  m_hasReport = false;
  m_failure.clear();
  m_model->clearItems(QString::fromLatin1(kLayerId));
  rebuild();
}

void FlipCheckPanel::setReport(const FlipConsistencyReport& report) {
  m_report = report;
  m_hasReport = true;
  m_running = false;
  m_failure.clear();
  m_run->setEnabled(m_aiAvailable);
  QVector<OverlayItem> items;
  for (const FlipAnatomyResult& anatomy : m_report.anatomies) {
    const QString name = QString::fromStdString(anatomy.name);
    OverlayItem original;
    original.id = QStringLiteral("original-%1").arg(anatomy.index);
    original.rectPx = toRect(anatomy.original);
    original.label = name;
    original.toolTip = tr("Original box of %1").arg(name);
    OverlayItem mapped;
    mapped.id = QStringLiteral("mirrored-%1").arg(anatomy.index);
    mapped.rectPx = toRect(anatomy.mapped_back);
    mapped.label = tr("%1 (mirrored run)").arg(name);
    mapped.toolTip = tr("%1 in the mirrored image, mapped back: IoU %2 with the original box")
                         .arg(name)
                         .arg(anatomy.iou, 0, 'f', 2);
    mapped.flags |= OverlayItemFlag::Dashed;
    if (!anatomy.consistent) {
      original.flags |= OverlayItemFlag::Abnormal;
      mapped.flags |= OverlayItemFlag::Abnormal;
    }
    items << original << mapped;
  }
  m_model->setItems(QString::fromLatin1(kLayerId), items);
  m_model->setLayerVisible(QString::fromLatin1(kLayerId), true);
  // On top, or the anatomy boxes (which the originals repeat) would hide the verdict colours.
  const int row = m_model->rowOfLayer(QString::fromLatin1(kLayerId));
  if (row > 0) m_model->moveLayer(row, 0);
  rebuild();
}

QString FlipCheckPanel::verdictText() const { return m_verdict->text(); }

void FlipCheckPanel::rebuild() {
  if (m_running) {
    m_verdict->setText(tr("Analysing the mirrored image..."));
    m_verdict->setStyleSheet(QString());
  } else if (!m_failure.isEmpty()) {
    m_verdict->setText(tr("The flip check failed: %1").arg(m_failure));
    m_verdict->setStyleSheet(QStringLiteral("color: #c62828;"));
  } else if (!m_hasReport) {
    m_verdict->setText(tr("Checks whether the model still names left and right correctly on the mirrored image."));
    m_verdict->setStyleSheet(QString());
  } else {
    const int total = static_cast<int>(m_report.anatomies.size());
    const bool allConsistent = m_report.consistent_count == total;
    int wrongSide = 0;
    for (const FlipAnatomyResult& anatomy : m_report.anatomies) wrongSide += anatomy.same_side ? 0 : 1;
    // Name what failed: a side that changed is a laterality error, a box that moved is a localisation one.
    const QString problem = wrongSide > 0 ? tr("%n anatomies change side: the model does not read sides reliably", nullptr, wrongSide)
                                          : tr("every anatomy keeps its side; some boxes move under the mirror");
    m_verdict->setText(tr("%1/%2 consistent, mean IoU %3").arg(m_report.consistent_count).arg(total)
                           .arg(m_report.mean_iou, 0, 'f', 2) +
                       (allConsistent ? QString() : QStringLiteral(" — ") + problem));
    m_verdict->setStyleSheet(allConsistent ? QStringLiteral("color: #2e7d32; font-weight: bold;")
                                           : QStringLiteral("color: #c62828; font-weight: bold;"));
  }
  const QSignalBlocker block(m_list);
  m_list->clear();
  if (!m_hasReport) return;
  for (const FlipAnatomyResult& anatomy : m_report.anatomies) {
    auto* row = new QTreeWidgetItem(m_list, {QString::fromStdString(anatomy.name),
                                             anatomy.same_side ? tr("yes") : tr("no"),
                                             QString::number(anatomy.iou, 'f', 2)});
    row->setData(0, kIndexRole, anatomy.index);
    row->setForeground(1, anatomy.same_side ? kConsistentColour.darker(140) : kInconsistentColour);
    if (!anatomy.consistent) row->setForeground(0, kInconsistentColour);
    row->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
  }
}

void FlipCheckPanel::highlightRow(int anatomyIndex) {
  const QString layerId = QString::fromLatin1(kLayerId);
  const viewer::OverlayLayer* layer = m_model->layer(layerId);
  if (!layer) return;
  QString original, mirrored;
  if (anatomyIndex >= 0) {
    mirrored = QStringLiteral("mirrored-%1").arg(anatomyIndex);
    original = QStringLiteral("original-%1").arg(anatomyIndex);
  }
  const QVector<OverlayItem> items = layer->items;
  for (const OverlayItem& item : items) {
    const bool on = item.id == original || item.id == mirrored;
    if (item.flags.testFlag(OverlayItemFlag::Highlighted) != on)
      m_model->setItemFlag(layerId, item.id, OverlayItemFlag::Highlighted, on);
  }
}

}  // namespace anatomix::ui
