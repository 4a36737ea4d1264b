// ImageViewport: the image view of the workstation. VTK (offscreen OpenGL, non-Qt modules) renders
// the image plane and the corner/orientation annotations into a frame that this QWidget paints;
// overlay layers are painted on top with QPainter through the same PresentationTransform.
// Works in QWidget::grab() screenshots. GUI thread only.
//
// Speed: only the visible part of the image is mapped through the display LUT (anatomix::image),
// never more pixels than the screen shows (zoomed out: resampled to screen resolution; zoomed in:
// the visible image pixels, magnified by VTK), so a window/level change costs one screen-sized LUT
// pass plus one VTK frame, whatever the image size. A plane at one pixel per screen pixel (zoomed
// out, or 1:1) is copied into the frame rather than textured by OpenGL, which with software OpenGL
// cost more than the rest of the frame. lastFrameTimings() says where the time went.
//
// Usage (ui/):
//   auto* view = new ImageViewport(parent);
//   view->setOverlayModel(layers);          // borrowed; also setUserRegionLayer(regions)
//   view->setImage(decoded);                // shared_ptr<const DecodedImage>, decoded off-thread
//   view->showError(tr("%1: truncated pixel data").arg(file));   // instead of an image
//   connect(view, &ImageViewport::cursorReadout, status, ...);
// Keyboard (when focused): Delete/Backspace removes the selected user region or measurement; Escape
// abandons a region or ruler being drawn (a move or resize already made stays, as one undo step).
#pragma once

#include <memory>
#include <vector>

#include <QString>
#include <QWidget>

#include "anatomix/image/display_lut.h"
#include "anatomix/image/window_presets.h"
#include "anatomix/viewer/presentation_transform.h"
#include "anatomix/viewer/viewport_tool.h"

namespace anatomix::viewer {

class OverlayLayerModel;
class UserRegionLayer;
class MeasurementLayer;

// What is under the cursor. Values are NaN outside the image.
struct PixelReadout {
  bool insideImage = false;
  QPointF imagePositionPx;  // continuous image coordinates of the cursor
  int column = -1, row = -1;
  double storedValue = 0;
  double modalityValue = 0;
  QString units;            // Rescale Type ("HU", "OD", ...) or empty
};

// Milliseconds spent in the last rendered frame (0 for skipped stages).
struct FrameTimings {
  double lutMs = 0;       // visible region through the display LUT into the 8-bit plane
  double renderMs = 0;    // VTK render (texture upload, plane, text; text only where the plane is copied)
  double readbackMs = 0;  // OpenGL frame -> QImage (with the plane copy and the text blended over it)
  double paintMs = 0;     // QPainter: frame + overlays
  double totalMs = 0;
  int planeWidth = 0, planeHeight = 0;  // size of the mapped plane
  double imagePixelsPerPlanePixel = 1;  // > 1 when zoomed out (the plane is at screen resolution)
  bool planeCopied = false;  // the plane was copied 1:1 into the frame, not drawn by OpenGL
};

class ImageViewport : public QWidget {
  Q_OBJECT
 public:
  explicit ImageViewport(QWidget* parent = nullptr);
  ~ImageViewport() override;

  // --- content ---
  // Shows `image` (shared: the study cache and the engine request hold it too; it is immutable).
  // Resets the view (fit) and the grey scale (image::default_display: first file window, else
  // first VOI LUT, else a histogram window; invert off).
  void setImage(std::shared_ptr<const image::DecodedImage> image);
  std::shared_ptr<const image::DecodedImage> image() const { return m_image; }
  // Shows "Cannot show image" and `problem` instead of an image (drops the current image).
  void showError(const QString& problem);
  bool hasError() const { return !m_errorText.isEmpty(); }
  QString errorText() const { return m_errorText; }
  void clear();  // no image, no error

  // --- overlays (borrowed; must outlive the viewport or be reset to nullptr) ---
  void setOverlayModel(OverlayLayerModel* model);
  OverlayLayerModel* overlayModel() const { return m_overlayModel; }
  // The editable layer that DrawRegion edits (its model should be the overlay model).
  void setUserRegionLayer(UserRegionLayer* regions);
  UserRegionLayer* userRegionLayer() const { return m_regions; }
  // The editable layer that the measuring tools draw into and whose points a drag adjusts.
  void setMeasurementLayer(MeasurementLayer* measurements);
  MeasurementLayer* measurementLayer() const { return m_measurements; }

  // --- view ---
  const PresentationTransform& transform() const { return m_transform; }
  void setTransform(const PresentationTransform& transform);  // viewport size is kept

  // --- grey scale (modality units; see anatomix/image/display_lut.h) ---
  const image::DisplaySettings& displaySettings() const { return m_display; }
  void setDisplaySettings(const image::DisplaySettings& settings);
  // The current window; when a VOI LUT is selected, the window a drag would start from.
  image::Window window() const { return m_display.voi.window; }
  bool isInverted() const { return m_display.invert; }
  // image::window_presets(): file windows, file VOI LUTs, Auto, Full range, Lung, Mediastinum,
  // Bone (chest presets derived from the histogram). Computed on first use per image (a histogram
  // pass that the first frame need not wait for); empty without an image.
  const std::vector<image::WindowPreset>& windowPresets() const;

  ViewportTool tool() const { return m_tool; }
  void setAnnotationsVisible(bool visible);
  bool annotationsVisible() const { return m_annotationsVisible; }
  // Bilinear (default) or nearest-neighbour magnification.
  void setSmoothMagnification(bool smooth);
  // Where the mapped plane lies 1:1 on whole screen pixels (zoomed out, or 1:1 at a whole-pixel
  // pan), it is copied into the frame instead of being textured by OpenGL: the same pixels at a
  // fraction of the cost with software OpenGL. On by default; off only to compare the two.
  void setDirectPlaneCopy(bool enabled);

  FrameTimings lastFrameTimings() const { return m_timings; }
  QSize sizeHint() const override { return QSize(800, 800); }

 public slots:
  void setWindow(const anatomix::image::Window& window);
  void setWindowLevel(double center, double width);
  void applyWindowPreset(int index);  // index into windowPresets()
  void setInverted(bool inverted);
  void setTool(anatomix::viewer::ViewportTool tool);
  void rotateClockwise();
  void rotateCounterClockwise();
  void flipHorizontal();
  void flipVertical();
  void zoomIn();   // x1.25 about the viewport centre
  void zoomOut();
  void fitToWindow();
  void actualSize();  // 1:1
  void resetView();   // orientation, zoom, pan, window and invert as after setImage()

 signals:
  void cursorReadout(const anatomix::viewer::PixelReadout& readout);
  void windowChanged(double center, double width);
  void invertedChanged(bool inverted);
  void viewChanged();  // zoom, pan, flip or rotation
  void toolChanged(anatomix::viewer::ViewportTool tool);
  void itemClicked(const QString& layerId, const QString& itemId);
  // An arrow was drawn into the measurement layer (its text is the caller's to ask for).
  void arrowDrawn(const QString& measurementId);
  void frameRendered();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void leaveEvent(QEvent* event) override;
  bool event(QEvent* event) override;  // tool tips of overlay items

 private:
  struct Private;
  void viewWasChanged();
  void requestFrame();
  void renderFrame();
  void emitReadout(const QPointF& screenPos);
  // A left press on a measurement's point handle: starts moving that point (true), else false.
  bool startPointDrag(const QPointF& screenPos);

  std::unique_ptr<Private> d;  // VTK renderer, LUT cache, drag state
  std::shared_ptr<const image::DecodedImage> m_image;
  QString m_errorText;
  OverlayLayerModel* m_overlayModel = nullptr;  // borrowed
  UserRegionLayer* m_regions = nullptr;         // borrowed
  MeasurementLayer* m_measurements = nullptr;   // borrowed
  PresentationTransform m_transform;
  image::DisplaySettings m_display;
  mutable std::vector<image::WindowPreset> m_presets;  // cache, filled by windowPresets()
  mutable bool m_presetsKnown = false;
  ViewportTool m_tool = ViewportTool::WindowLevel;
  bool m_annotationsVisible = true;
  FrameTimings m_timings;
};

}  // namespace anatomix::viewer

Q_DECLARE_METATYPE(anatomix::viewer::PixelReadout)
