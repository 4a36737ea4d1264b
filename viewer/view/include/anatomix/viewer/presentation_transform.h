// PresentationTransform: the one mapping between image pixels and viewport (screen) pixels.
// Pixels, overlay boxes, hit tests and the cursor readout all go through this class, so a flipped
// or rotated view moves everything together.
//
// Spaces (both x right, y down, continuous, in pixels):
//   image  : pixel (i, j) covers [i, i+1) x [j, j+1); the image centre is (width/2, height/2).
//   screen : widget pixels, (0,0) = top-left corner of the viewport.
// Mapping: screen = viewportCentre + pan + zoom * O * (image - imageCentre), where O is one of the
// eight 90-degree rotations/mirrors (an integer 2x2 matrix), so the inverse is exact.
// Flips and rotations act on what the user sees: flipHorizontal() always mirrors left/right on
// the screen, whatever the rotation.
// Plain value class, no widget; GUI thread only in the app, but freely usable anywhere.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QTransform>

namespace anatomix::viewer {

class PresentationTransform {
 public:
  static constexpr double kMinZoom = 1.0 / 64.0;  // screen px per image px
  static constexpr double kMaxZoom = 64.0;

  PresentationTransform() = default;

  // Size of the image in pixels; resets nothing else (call reset() for a new image).
  void setImageSize(const QSizeF& imageSizePx);
  QSizeF imageSize() const { return m_imageSize; }
  // Size of the viewport in screen pixels. In fit mode the zoom follows the viewport.
  void setViewportSize(const QSizeF& viewportSizePx);
  QSizeF viewportSize() const { return m_viewportSize; }

  // --- orientation (applied in screen space, on top of the current orientation) ---
  void rotateClockwise();         // 90 degrees clockwise as seen on screen
  void rotateCounterClockwise();
  void flipHorizontal();          // mirror left/right as seen on screen
  void flipVertical();            // mirror top/bottom as seen on screen
  // Canonical decomposition: orientation = (mirror left/right if mirrored) after
  // (rotation by quarterTurnsClockwise * 90 degrees).
  int quarterTurnsClockwise() const;  // 0..3
  bool isMirrored() const;            // determinant -1
  void setOrientation(int quarterTurnsClockwise, bool mirrored);
  // Where image +x and +y point on screen: unit vectors with integer components.
  QPointF screenDirectionOfImageX() const { return QPointF(m_o[0][0], m_o[1][0]); }
  QPointF screenDirectionOfImageY() const { return QPointF(m_o[0][1], m_o[1][1]); }

  // --- zoom and pan ---
  double zoom() const { return m_zoom; }
  // Zoom by `factor`, keeping the image point under `screenAnchor` fixed (wheel zoom to cursor).
  void zoomAbout(const QPointF& screenAnchor, double factor);
  // Set an absolute zoom about the viewport centre.
  void setZoom(double zoom);
  QPointF pan() const { return m_pan; }  // screen offset of the image centre from the viewport centre
  void setPan(const QPointF& panPx);
  void panBy(const QPointF& deltaScreenPx);
  void fitToViewport();   // whole (rotated) image visible, centred; stays fitted on viewport resize
  void actualSize();      // 1:1 (one image pixel per screen pixel), about the viewport centre
  void reset();           // identity orientation, fit
  bool isFitMode() const { return m_fitMode; }
  double fitZoom() const;

  // --- mappings (exact inverses of each other up to floating point) ---
  QPointF imageToScreen(const QPointF& imagePx) const;
  QPointF screenToImage(const QPointF& screenPx) const;
  // Rectangles map to rectangles (90-degree steps only); result is normalised (positive size).
  QRectF imageToScreen(const QRectF& imageRectPx) const;
  QRectF screenToImage(const QRectF& screenRectPx) const;
  // The same mapping as a QTransform, for QPainter (image px -> screen px).
  QTransform imageToScreenTransform() const;
  // Part of the image (in image px, clipped to the image) covered by the viewport.
  QRectF visibleImageRect() const;
  // Pixel (column,row) under a screen point; false (and -1, -1) outside the image.
  bool pixelAt(const QPointF& screenPx, int* column, int* row) const;

  bool operator==(const PresentationTransform& other) const;
  bool operator!=(const PresentationTransform& other) const { return !(*this == other); }

 private:
  void applyScreenOrientation(const int m[2][2]);
  QPointF rotatedImageExtent() const;  // |O| * imageSize: the on-screen size at zoom 1

  QSizeF m_imageSize{1, 1};
  QSizeF m_viewportSize{1, 1};
  int m_o[2][2] = {{1, 0}, {0, 1}};  // screen = O * image (centred), entries in {-1, 0, 1}
  double m_zoom = 1.0;
  QPointF m_pan{0, 0};
  bool m_fitMode = true;
};

}  // namespace anatomix::viewer
