// ViewportLayout: the reading area's image viewports. Normally it shows the primary viewport alone,
// exactly as the single-viewport reading does. In the 1x2 layout a second viewport stands beside
// it, for a prior of the study or another image of the same study (PA and lateral); each viewport
// keeps its own overlays (the second has its own layer model, regions and measurements, with its
// own undo history) and a caption above it names its image. The viewport last clicked or focused
// is the active one (its caption is highlighted): the window's view actions and image stepping act
// on it. The ViewportLink couples zoom, pan and window/level of the two while linked.
// GUI thread only.
#pragma once

#include <memory>

#include <QVector>
#include <QWidget>

#include "anatomix/viewer/overlay_item.h"

class QLabel;
class QUndoStack;

namespace anatomix::image {
struct DecodedImage;
}

namespace anatomix::viewer {
class ImageViewport;
class MeasurementLayer;
class OverlayLayerModel;
class UserRegionLayer;
class ViewportLink;
}  // namespace anatomix::viewer

namespace anatomix::ui {

class ViewportLayout : public QWidget {
  Q_OBJECT
 public:
  // `primary` is reparented into the layout; its overlays stay the caller's.
  explicit ViewportLayout(viewer::ImageViewport* primary, QWidget* parent = nullptr);
  ~ViewportLayout() override;

  viewer::ImageViewport* primary() const { return m_primary; }
  viewer::ImageViewport* secondary() const { return m_secondary; }
  viewer::OverlayLayerModel* secondaryOverlayModel() const { return m_secondaryModel; }
  viewer::UserRegionLayer* secondaryRegions() const { return m_secondaryRegions; }
  viewer::MeasurementLayer* secondaryMeasurements() const { return m_secondaryMeasurements; }
  QUndoStack* secondaryUndoStack() const { return m_secondaryUndo; }
  viewer::ViewportLink* link() const { return m_link; }

  bool isSideBySide() const { return m_sideBySide; }
  // The viewport that view actions and image stepping act on: the primary unless side by side.
  viewer::ImageViewport* activeViewport() const;
  void setActiveViewport(viewer::ImageViewport* viewport);

  // Shows `image` from `path` in the second viewport with the analysis layers of that image
  // (`aiLayers`, empty when it has not been analysed); its regions and measurements start empty.
  // Null `image`: the viewport shows `error` instead.
  void showSecondaryImage(const QString& path, std::shared_ptr<const image::DecodedImage> image,
                          const QVector<viewer::OverlayLayer>& aiLayers, const QString& error = QString());
  QString secondaryPath() const { return m_secondaryPath; }
  // Adds the analysis layers of the image at `path` to the second viewport if it still shows that image.
  void setSecondaryAnalysisLayers(const QString& path, const QVector<viewer::OverlayLayer>& aiLayers);
  void setCaptions(const QString& primary, const QString& secondary);
  QString primaryCaption() const;
  QString secondaryCaption() const;

 public slots:
  // On: the second viewport and the captions appear. Off: the primary alone, as before, and active.
  void setSideBySide(bool on);

 signals:
  void sideBySideChanged(bool on);
  void activeViewportChanged(anatomix::viewer::ImageViewport* viewport);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void updateCaptionStyles();
  void nameSecondaryLayers();

  viewer::ImageViewport* m_primary;
  viewer::ImageViewport* m_secondary;
  viewer::OverlayLayerModel* m_secondaryModel;
  QUndoStack* m_secondaryUndo;
  viewer::UserRegionLayer* m_secondaryRegions;
  viewer::MeasurementLayer* m_secondaryMeasurements;
  viewer::ViewportLink* m_link;
  QLabel* m_primaryCaption;
  QLabel* m_secondaryCaption;
  QWidget* m_secondaryColumn;
  bool m_sideBySide = false;
  viewer::ImageViewport* m_active;
  QString m_secondaryPath;
};

}  // namespace anatomix::ui
