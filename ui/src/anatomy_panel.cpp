#include "anatomix/ui/anatomy_panel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "anatomix/ui/anatomy_regions.h"
#include "anatomix/ui/engine_worker.h"
#include "anatomix/viewer/overlay_layer_model.h"

namespace anatomix::ui {

using viewer::OverlayItem;
using viewer::OverlayItemFlag;
using viewer::OverlayLabelMode;
using viewer::OverlayLayerModel;

namespace {

constexpr int kIndexRole = Qt::UserRole + 1;
const QColor kAbnormalText(239, 83, 80);  // readable on the dark and the light theme

QIcon swatch(const QColor& colour) {
  QPixmap pixmap(12, 12);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setPen(colour.darker(150));
  painter.setBrush(colour);
  painter.drawRect(0, 0, 11, 11);
  return QIcon(pixmap);
}

}  // namespace

AnatomyPanel::AnatomyPanel(OverlayLayerModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_list(new QTreeWidget(this)),
      m_labelMode(new QComboBox(this)),
      m_placeholder(new QLabel(this)),
      m_summary(new QLabel(this)) {
  setObjectName(QStringLiteral("anatomyPanel"));
  m_list->setObjectName(QStringLiteral("anatomyList"));
  m_list->setColumnCount(2);
  m_list->setRootIsDecorated(false);
  m_list->setUniformRowHeights(true);
  m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  m_labelMode->setObjectName(QStringLiteral("anatomyLabelMode"));
  m_placeholder->setObjectName(QStringLiteral("anatomyPlaceholder"));
  m_placeholder->setWordWrap(true);
  m_placeholder->setAlignment(Qt::AlignCenter);
  m_summary->setObjectName(QStringLiteral("anatomySummary"));

  auto* labelsRow = new QHBoxLayout();
  labelsRow->addWidget(m_summary, 1);
  labelsRow->addWidget(m_labelMode);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(labelsRow);
  layout->addWidget(m_list, 1);
  layout->addWidget(m_placeholder, 1);
  m_list->hide();
  retranslate();
  ensureLayer();

  connect(m_list, &QTreeWidget::itemChanged, this, &AnatomyPanel::onItemChanged);
  connect(m_list, &QTreeWidget::currentItemChanged, this, &AnatomyPanel::onCurrentChanged);
  connect(m_labelMode, qOverload<int>(&QComboBox::currentIndexChanged), this, [this]() {
    ensureLayer();
    const viewer::OverlayLayer* layer = m_model->layer(QString::fromLatin1(kLayerId));
    viewer::OverlayLayerStyle style = layer->style;
    style.labelMode = static_cast<OverlayLabelMode>(m_labelMode->currentData().toInt());
    m_model->setLayerStyle(QString::fromLatin1(kLayerId), style);
  });
  connect(m_model, &OverlayLayerModel::selectionChanged, this, [this](const QString& layerId, const QString& itemId) {
    if (layerId == QLatin1String(kLayerId)) onLayerItemClicked(itemId);
  });
}

QString AnatomyPanel::itemId(int anatomyIndex) { return QStringLiteral("anatomy-%1").arg(anatomyIndex); }

viewer::OverlayLayer AnatomyPanel::emptyLayer() {
  viewer::OverlayLayer layer;
  layer.id = QString::fromLatin1(kLayerId);
  layer.name = tr("Anatomy");
  layer.style.labelMode = OverlayLabelMode::OnHover;
  layer.style.penWidthPx = 1.5;
  return layer;
}

QVector<OverlayItem> AnatomyPanel::itemsFor(const ImageAnalysis& analysis) {
  QVector<OverlayItem> items;
  for (const AnatomyResult& anatomy : analysis.analysis.anatomies) {
    const QString name = QString::fromStdString(anatomy.name);
    const AnatomyRegionGroup group = anatomyRegionGroup(name);
    OverlayItem item;
    item.id = itemId(anatomy.index);
    item.rectPx = QRectF(QPointF(anatomy.box.x1, anatomy.box.y1), QPointF(anatomy.box.x2, anatomy.box.y2)).normalized();
    item.label = name;
    item.colour = anatomy.abnormal ? QColor() : anatomyRegionColour(group);
    item.toolTip = tr("%1 (%2)\n%3").arg(name, anatomyRegionGroupName(group), QString::fromStdString(anatomy.sentence));
    if (anatomy.abnormal) item.flags |= OverlayItemFlag::Abnormal;
    items.push_back(item);
  }
  return items;
}

viewer::OverlayLayer AnatomyPanel::layerFor(const ImageAnalysis& analysis) {
  viewer::OverlayLayer layer = emptyLayer();
  layer.items = itemsFor(analysis);
  return layer;
}

void AnatomyPanel::ensureLayer() {
  if (m_model->hasLayer(QString::fromLatin1(kLayerId))) return;
  // Below the user's regions, so drawing a region over an anatomy still hits the region.
  m_model->addLayer(emptyLayer(), m_model->rowCount());
}

void AnatomyPanel::retranslate() {
  const QSignalBlocker block(m_labelMode);
  const int current = m_labelMode->currentIndex();
  m_labelMode->clear();
  m_labelMode->addItem(tr("Labels on hover"), static_cast<int>(OverlayLabelMode::OnHover));
  m_labelMode->addItem(tr("Labels always"), static_cast<int>(OverlayLabelMode::Always));
  m_labelMode->addItem(tr("No labels"), static_cast<int>(OverlayLabelMode::Never));
  m_labelMode->setCurrentIndex(current < 0 ? 0 : current);
  m_list->setHeaderLabels({tr("Anatomy"), tr("Retrieved finding")});
  if (m_model->hasLayer(QString::fromLatin1(kLayerId))) m_model->setLayerName(QString::fromLatin1(kLayerId), tr("Anatomy"));
  if (!m_analysis && m_placeholder->text().isEmpty()) m_placeholder->setText(tr("Open an image to see its anatomy."));
  if (m_analysis) {
    int abnormal = 0;
    for (const auto& anatomy : m_analysis->analysis.anatomies) abnormal += anatomy.abnormal ? 1 : 0;
    m_summary->setText(tr("%n anatomies", nullptr, static_cast<int>(m_analysis->analysis.anatomies.size())) +
                       QStringLiteral(", ") + tr("%n abnormal", nullptr, abnormal));
  } else {
    m_summary->clear();
  }
}

void AnatomyPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void AnatomyPanel::setPlaceholder(const QString& text) {
  m_placeholder->setText(text);
  if (!m_analysis) {
    m_list->hide();
    m_placeholder->show();
  }
}

void AnatomyPanel::clear() {
  m_analysis.reset();
  ensureLayer();
  m_model->clearItems(QString::fromLatin1(kLayerId));
  const QSignalBlocker block(m_list);
  m_list->clear();
  m_list->hide();
  m_placeholder->show();
  retranslate();
}

void AnatomyPanel::setAnalysis(std::shared_ptr<const ImageAnalysis> analysis) {
  if (!analysis) {
    clear();
    return;
  }
  m_analysis = std::move(analysis);
  ensureLayer();
  const QSignalBlocker block(m_list);
  m_list->clear();
  for (const AnatomyResult& anatomy : m_analysis->analysis.anatomies) {
    const QString name = QString::fromStdString(anatomy.name);
    const QString sentence = QString::fromStdString(anatomy.sentence);
    const AnatomyRegionGroup group = anatomyRegionGroup(name);
    auto* row = new QTreeWidgetItem(m_list, {name, sentence});
    row->setData(0, kIndexRole, anatomy.index);
    row->setIcon(0, swatch(anatomyRegionColour(group)));
    row->setFlags(row->flags() | Qt::ItemIsUserCheckable);
    row->setCheckState(0, Qt::Checked);
    row->setToolTip(0, anatomyRegionGroupName(group));
    row->setToolTip(1, sentence);
    if (anatomy.abnormal) {
      QFont bold = row->font(0);
      bold.setBold(true);
      for (int column : {0, 1}) {
        row->setFont(column, bold);
        row->setForeground(column, kAbnormalText);
      }
    }
  }
  m_model->setItems(QString::fromLatin1(kLayerId), itemsFor(*m_analysis));
  m_placeholder->hide();
  m_list->show();
  retranslate();
}

void AnatomyPanel::onItemChanged(QTreeWidgetItem* item, int column) {
  if (column != 0) return;
  const QString id = itemId(item->data(0, kIndexRole).toInt());
  m_model->setItemFlag(QString::fromLatin1(kLayerId), id, OverlayItemFlag::Hidden, item->checkState(0) != Qt::Checked);
}

void AnatomyPanel::onCurrentChanged() {
  QTreeWidgetItem* current = m_list->currentItem();
  const int index = current ? current->data(0, kIndexRole).toInt() : -1;
  const QString layerId = QString::fromLatin1(kLayerId);
  const viewer::OverlayLayer* layer = m_model->layer(layerId);
  if (layer)
    for (const OverlayItem& item : layer->items)
      if (item.flags.testFlag(OverlayItemFlag::Highlighted) && item.id != itemId(index))
        m_model->setItemFlag(layerId, item.id, OverlayItemFlag::Highlighted, false);
  if (index >= 0) {
    m_model->setItemFlag(layerId, itemId(index), OverlayItemFlag::Highlighted, true);
    if (m_model->selectedItemId(layerId) != itemId(index)) m_model->selectItem(layerId, itemId(index));
  }
  emit anatomySelected(index);
}

void AnatomyPanel::onLayerItemClicked(const QString& clickedId) {
  // A box clicked in the viewport selects its row.
  for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
    QTreeWidgetItem* item = m_list->topLevelItem(row);
    if (itemId(item->data(0, kIndexRole).toInt()) == clickedId && m_list->currentItem() != item) {
      m_list->setCurrentItem(item);
      return;
    }
  }
}

void AnatomyPanel::selectAnatomy(int index) {
  for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
    QTreeWidgetItem* item = m_list->topLevelItem(row);
    if (item->data(0, kIndexRole).toInt() == index) {
      m_list->setCurrentItem(item);
      return;
    }
  }
  m_list->setCurrentItem(nullptr);
}

}  // namespace anatomix::ui
