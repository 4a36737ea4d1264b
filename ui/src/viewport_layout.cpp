#include "anatomix/ui/viewport_layout.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QUndoStack>
#include <QVBoxLayout>

#include "anatomix/image/decoded_image.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/measurement_layer.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"
#include "anatomix/viewer/viewport_link.h"

namespace anatomix::ui {

using viewer::ImageViewport;

ViewportLayout::ViewportLayout(ImageViewport* primary, QWidget* parent)
    : QWidget(parent),
      m_primary(primary),
      m_secondary(new ImageViewport(this)),
      m_secondaryModel(new viewer::OverlayLayerModel(this)),
      m_secondaryUndo(new QUndoStack(this)),
      m_secondaryRegions(new viewer::UserRegionLayer(m_secondaryModel, m_secondaryUndo, this)),
      m_secondaryMeasurements(new viewer::MeasurementLayer(m_secondaryModel, m_secondaryUndo, this)),
      m_link(new viewer::ViewportLink(primary, m_secondary, this)),
      m_primaryCaption(new QLabel(this)),
      m_secondaryCaption(new QLabel(this)),
      m_secondaryColumn(new QWidget(this)),
      m_active(primary) {
  setObjectName(QStringLiteral("viewportLayout"));
  m_secondary->setObjectName(QStringLiteral("secondImageViewport"));
  m_secondary->setOverlayModel(m_secondaryModel);
  m_secondary->setUserRegionLayer(m_secondaryRegions);
  m_secondary->setMeasurementLayer(m_secondaryMeasurements);
  m_secondary->setTool(primary->tool());
  nameSecondaryLayers();
  m_primaryCaption->setObjectName(QStringLiteral("primaryViewportCaption"));
  m_secondaryCaption->setObjectName(QStringLiteral("secondViewportCaption"));
  for (QLabel* caption : {m_primaryCaption, m_secondaryCaption}) {
    caption->setContentsMargins(6, 2, 6, 2);
    caption->setTextFormat(Qt::PlainText);
  }

  auto* primaryColumn = new QWidget(this);
  auto* primaryLayout = new QVBoxLayout(primaryColumn);
  primaryLayout->setContentsMargins(0, 0, 0, 0);
  primaryLayout->setSpacing(0);
  primaryLayout->addWidget(m_primaryCaption);
  primaryLayout->addWidget(primary, 1);
  auto* secondaryLayout = new QVBoxLayout(m_secondaryColumn);
  secondaryLayout->setContentsMargins(0, 0, 0, 0);
  secondaryLayout->setSpacing(0);
  secondaryLayout->addWidget(m_secondaryCaption);
  secondaryLayout->addWidget(m_secondary, 1);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(primaryColumn, 1);
  layout->addWidget(m_secondaryColumn, 1);

  m_primaryCaption->hide();
  m_secondaryColumn->hide();
  for (ImageViewport* viewport : {primary, m_secondary}) viewport->installEventFilter(this);
  // One tool for both: the tool actions set the primary's.
  connect(primary, &ImageViewport::toolChanged, m_secondary, &ImageViewport::setTool);
  connect(m_secondary, &ImageViewport::toolChanged, primary, &ImageViewport::setTool);
  updateCaptionStyles();
}

ViewportLayout::~ViewportLayout() {
  // The secondary's layers are this widget's children too: detach them before they go.
  m_secondary->setOverlayModel(nullptr);
  m_secondary->setUserRegionLayer(nullptr);
  m_secondary->setMeasurementLayer(nullptr);
}

ImageViewport* ViewportLayout::activeViewport() const { return m_sideBySide ? m_active : m_primary; }

void ViewportLayout::setActiveViewport(ImageViewport* viewport) {
  if (viewport != m_primary && viewport != m_secondary) return;
  if (viewport == m_active) return;
  m_active = viewport;
  updateCaptionStyles();
  emit activeViewportChanged(viewport);
}

void ViewportLayout::setSideBySide(bool on) {
  if (on == m_sideBySide) return;
  m_sideBySide = on;
  m_primaryCaption->setVisible(on);
  m_secondaryColumn->setVisible(on);
  if (!on) setActiveViewport(m_primary);
  updateCaptionStyles();
  emit sideBySideChanged(on);
}

void ViewportLayout::showSecondaryImage(const QString& path, std::shared_ptr<const image::DecodedImage> image,
                                        const QVector<viewer::OverlayLayer>& aiLayers, const QString& error) {
  m_secondaryPath = path;
  // Overlays belong to one image: the analysis layers of the previous image go, its regions and
  // measurements too (without undo).
  for (const QString& id : m_secondaryModel->layerIds())
    if (id != m_secondaryRegions->layerId() && id != m_secondaryMeasurements->layerId()) m_secondaryModel->removeLayer(id);
  m_secondaryModel->clearItems(m_secondaryRegions->layerId());
  m_secondaryMeasurements->clearWithoutUndo();
  m_secondaryUndo->clear();
  // Below the user's layers, in the primary's order.
  for (const viewer::OverlayLayer& layer : aiLayers) m_secondaryModel->addLayer(layer, m_secondaryModel->rowCount());
  m_secondaryMeasurements->setImage(image);
  if (image) {
    m_secondary->setImage(image);
  } else {
    m_secondary->showError(error);
  }
}

void ViewportLayout::setSecondaryAnalysisLayers(const QString& path, const QVector<viewer::OverlayLayer>& aiLayers) {
  if (path != m_secondaryPath) return;
  for (const viewer::OverlayLayer& layer : aiLayers) {
    if (m_secondaryModel->hasLayer(layer.id)) m_secondaryModel->removeLayer(layer.id);
    // Below the user's layers, as showSecondaryImage puts them.
    m_secondaryModel->addLayer(layer, m_secondaryModel->rowCount());
  }
}

void ViewportLayout::setCaptions(const QString& primary, const QString& secondary) {
  m_primaryCaption->setText(primary);
  m_secondaryCaption->setText(secondary);
}

QString ViewportLayout::primaryCaption() const { return m_primaryCaption->text(); }
QString ViewportLayout::secondaryCaption() const { return m_secondaryCaption->text(); }

bool ViewportLayout::eventFilter(QObject* watched, QEvent* event) {
  if ((event->type() == QEvent::MouseButtonPress || event->type() == QEvent::FocusIn || event->type() == QEvent::Wheel) &&
      (watched == m_primary || watched == m_secondary))
    setActiveViewport(static_cast<ImageViewport*>(watched));
  return QWidget::eventFilter(watched, event);
}

void ViewportLayout::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) nameSecondaryLayers();
  if (event->type() == QEvent::PaletteChange) updateCaptionStyles();
  QWidget::changeEvent(event);
}

void ViewportLayout::nameSecondaryLayers() {
  m_secondaryModel->setLayerName(m_secondaryRegions->layerId(), tr("My regions"));
  m_secondaryModel->setLayerName(m_secondaryMeasurements->layerId(), tr("Measurements"));
}

void ViewportLayout::updateCaptionStyles() {
  // The active viewport's caption in the highlight colour; the other one plain.
  const QString active = QStringLiteral("QLabel { background: %1; color: %2; font-weight: bold; }")
                             .arg(palette().color(QPalette::Highlight).name(),
                                  palette().color(QPalette::HighlightedText).name());
  const QString inactive = QStringLiteral("QLabel { background: %1; color: %2; }")
                               .arg(palette().color(QPalette::Window).name(), palette().color(QPalette::WindowText).name());
  m_primaryCaption->setStyleSheet(m_active == m_primary ? active : inactive);
  m_secondaryCaption->setStyleSheet(m_active == m_secondary ? active : inactive);
}

}  // namespace anatomix::ui
