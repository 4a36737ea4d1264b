#include "anatomix/ui/layers_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include "anatomix/viewer/overlay_layer_model.h"

namespace anatomix::ui {

using viewer::OverlayLayerModel;

LayersPanel::LayersPanel(OverlayLayerModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_list(new QListView(this)),
      m_opacity(new QSlider(Qt::Horizontal, this)),
      m_opacityValue(new QLabel(this)) {
  setObjectName(QStringLiteral("layersPanel"));
  m_list->setObjectName(QStringLiteral("layerList"));
  m_list->setModel(model);
  m_list->setSelectionMode(QAbstractItemView::SingleSelection);
  m_opacity->setObjectName(QStringLiteral("layerOpacity"));
  m_opacity->setRange(0, 100);
  m_opacity->setToolTip(tr("Opacity of the selected layer"));
  m_opacityValue->setMinimumWidth(m_opacityValue->fontMetrics().horizontalAdvance(QStringLiteral("100 %")));

  auto* opacityRow = new QHBoxLayout();
  opacityRow->addWidget(new QLabel(tr("Opacity:"), this));
  opacityRow->addWidget(m_opacity, 1);
  opacityRow->addWidget(m_opacityValue);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_list, 1);
  layout->addLayout(opacityRow);

  connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this]() { syncSlider(); });
  connect(m_model, &OverlayLayerModel::layerDisplayChanged, this, [this]() { syncSlider(); });
  connect(m_model, &QAbstractItemModel::rowsInserted, this, [this]() {
    if (!m_list->currentIndex().isValid() && m_model->rowCount() > 0) m_list->setCurrentIndex(m_model->index(0));
    syncSlider();
  });
  connect(m_model, &QAbstractItemModel::modelReset, this, [this]() { syncSlider(); });
  connect(m_opacity, &QSlider::valueChanged, this, [this](int percent) {
    const QModelIndex current = m_list->currentIndex();
    m_opacityValue->setText(tr("%1 %").arg(percent));
    if (current.isValid()) m_model->setData(current, percent / 100.0, OverlayLayerModel::OpacityRole);
  });
  if (m_model->rowCount() > 0) m_list->setCurrentIndex(m_model->index(0));
  syncSlider();
}

QString LayersPanel::currentLayerId() const {
  const QModelIndex current = m_list->currentIndex();
  return current.isValid() ? current.data(OverlayLayerModel::LayerIdRole).toString() : QString();
}

void LayersPanel::setCurrentLayer(const QString& layerId) {
  const int row = m_model->rowOfLayer(layerId);
  if (row >= 0) m_list->setCurrentIndex(m_model->index(row));
}

void LayersPanel::syncSlider() {
  const QModelIndex current = m_list->currentIndex();
  m_opacity->setEnabled(current.isValid());
  const int percent = current.isValid() ? qRound(current.data(OverlayLayerModel::OpacityRole).toDouble() * 100) : 100;
  const QSignalBlocker block(m_opacity);
  m_opacity->setValue(percent);
  m_opacityValue->setText(tr("%1 %").arg(percent));
}

}  // namespace anatomix::ui
