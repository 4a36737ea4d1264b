#include "anatomix/viewer/presentation_transform.h"

#include <algorithm>
#include <cmath>

namespace anatomix::viewer {
namespace {

constexpr int kRotateClockwise[2][2] = {{0, -1}, {1, 0}};  // y down: right -> down -> left
constexpr int kRotateCounterClockwise[2][2] = {{0, 1}, {-1, 0}};
constexpr int kMirrorHorizontal[2][2] = {{-1, 0}, {0, 1}};
constexpr int kMirrorVertical[2][2] = {{1, 0}, {0, -1}};

double clampZoom(double zoom) {
  if (!std::isfinite(zoom) || zoom <= 0) return 1.0;
  return std::clamp(zoom, PresentationTransform::kMinZoom, PresentationTransform::kMaxZoom);
}

QPointF multiply(const int m[2][2], const QPointF& v) {
  return QPointF(m[0][0] * v.x() + m[0][1] * v.y(), m[1][0] * v.x() + m[1][1] * v.y());
}

}  // namespace

void PresentationTransform::setImageSize(const QSizeF& imageSizePx) {
  m_imageSize = QSizeF(std::max(1.0, imageSizePx.width()), std::max(1.0, imageSizePx.height()));
  if (m_fitMode) fitToViewport();
}

void PresentationTransform::setViewportSize(const QSizeF& viewportSizePx) {
  m_viewportSize =
      QSizeF(std::max(1.0, viewportSizePx.width()), std::max(1.0, viewportSizePx.height()));
  if (m_fitMode) fitToViewport();
}

void PresentationTransform::applyScreenOrientation(const int m[2][2]) {
  int product[2][2];
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 2; ++c) product[r][c] = m[r][0] * m_o[0][c] + m[r][1] * m_o[1][c];
  std::copy(&product[0][0], &product[0][0] + 4, &m_o[0][0]);
  // The picture turns about the viewport centre, so the pan turns with it.
  m_pan = multiply(m, m_pan);
  if (m_fitMode) fitToViewport();
}

void PresentationTransform::rotateClockwise() { applyScreenOrientation(kRotateClockwise); }
void PresentationTransform::rotateCounterClockwise() { applyScreenOrientation(kRotateCounterClockwise); }
void PresentationTransform::flipHorizontal() { applyScreenOrientation(kMirrorHorizontal); }
void PresentationTransform::flipVertical() { applyScreenOrientation(kMirrorVertical); }

bool PresentationTransform::isMirrored() const { return m_o[0][0] * m_o[1][1] - m_o[0][1] * m_o[1][0] < 0; }

int PresentationTransform::quarterTurnsClockwise() const {
  int rotation[2][2];
  std::copy(&m_o[0][0], &m_o[0][0] + 4, &rotation[0][0]);
  if (isMirrored()) {  // O = M * R^k  =>  R^k = M * O (M is its own inverse)
    for (int c = 0; c < 2; ++c) rotation[0][c] = -rotation[0][c];
  }
  // R^k maps image +x to: k=0 right (1,0), k=1 down (0,1), k=2 left (-1,0), k=3 up (0,-1).
  if (rotation[0][0] == 1) return 0;
  if (rotation[1][0] == 1) return 1;
  if (rotation[0][0] == -1) return 2;
  return 3;
}

void PresentationTransform::setOrientation(int quarterTurnsClockwise, bool mirrored) {
  const QPointF pan = m_pan;
  const bool fit = m_fitMode;
  m_o[0][0] = 1, m_o[0][1] = 0, m_o[1][0] = 0, m_o[1][1] = 1;
  const int turns = ((quarterTurnsClockwise % 4) + 4) % 4;
  for (int i = 0; i < turns; ++i) applyScreenOrientation(kRotateClockwise);
  if (mirrored) applyScreenOrientation(kMirrorHorizontal);
  m_pan = pan;  // an absolute orientation keeps the pan as given
  m_fitMode = fit;
  if (m_fitMode) fitToViewport();
}

QPointF PresentationTransform::rotatedImageExtent() const {
  const double w = m_imageSize.width(), h = m_imageSize.height();
  return QPointF(std::abs(m_o[0][0]) * w + std::abs(m_o[0][1]) * h,
                 std::abs(m_o[1][0]) * w + std::abs(m_o[1][1]) * h);
}

double PresentationTransform::fitZoom() const {
  const QPointF extent = rotatedImageExtent();
  return clampZoom(std::min(m_viewportSize.width() / extent.x(), m_viewportSize.height() / extent.y()));
}

void PresentationTransform::zoomAbout(const QPointF& screenAnchor, double factor) {
  const QPointF anchorImage = screenToImage(screenAnchor);
  m_zoom = clampZoom(m_zoom * factor);
  const QPointF centre(m_viewportSize.width() / 2, m_viewportSize.height() / 2);
  const QPointF imageCentre(m_imageSize.width() / 2, m_imageSize.height() / 2);
  m_pan = screenAnchor - centre - m_zoom * multiply(m_o, anchorImage - imageCentre);
  m_fitMode = false;
}

void PresentationTransform::setZoom(double zoom) {
  const QPointF centre(m_viewportSize.width() / 2, m_viewportSize.height() / 2);
  zoomAbout(centre, clampZoom(zoom) / m_zoom);
}

void PresentationTransform::setPan(const QPointF& panPx) {
  m_pan = panPx;
  m_fitMode = false;
}

void PresentationTransform::panBy(const QPointF& deltaScreenPx) { setPan(m_pan + deltaScreenPx); }

void PresentationTransform::fitToViewport() {
  m_zoom = fitZoom();
  m_pan = QPointF(0, 0);
  m_fitMode = true;
}

void PresentationTransform::actualSize() { setZoom(1.0); }

void PresentationTransform::reset() {
  m_o[0][0] = 1, m_o[0][1] = 0, m_o[1][0] = 0, m_o[1][1] = 1;
  fitToViewport();
}

QPointF PresentationTransform::imageToScreen(const QPointF& imagePx) const {
  const QPointF centre(m_viewportSize.width() / 2, m_viewportSize.height() / 2);
  const QPointF imageCentre(m_imageSize.width() / 2, m_imageSize.height() / 2);
  return centre + m_pan + m_zoom * multiply(m_o, imagePx - imageCentre);
}

QPointF PresentationTransform::screenToImage(const QPointF& screenPx) const {
  const QPointF centre(m_viewportSize.width() / 2, m_viewportSize.height() / 2);
  const QPointF imageCentre(m_imageSize.width() / 2, m_imageSize.height() / 2);
  const QPointF v = (screenPx - centre - m_pan) / m_zoom;
  // O is orthogonal with integer entries: its inverse is its transpose (exact).
  return imageCentre + QPointF(m_o[0][0] * v.x() + m_o[1][0] * v.y(), m_o[0][1] * v.x() + m_o[1][1] * v.y());
}

QRectF PresentationTransform::imageToScreen(const QRectF& imageRectPx) const {
  const QPointF a = imageToScreen(imageRectPx.topLeft());
  const QPointF b = imageToScreen(imageRectPx.bottomRight());
  return QRectF(QPointF(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
                QPointF(std::max(a.x(), b.x()), std::max(a.y(), b.y())));
}

QRectF PresentationTransform::screenToImage(const QRectF& screenRectPx) const {
  const QPointF a = screenToImage(screenRectPx.topLeft());
  const QPointF b = screenToImage(screenRectPx.bottomRight());
  return QRectF(QPointF(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
                QPointF(std::max(a.x(), b.x()), std::max(a.y(), b.y())));
}

QTransform PresentationTransform::imageToScreenTransform() const {
  const QPointF origin = imageToScreen(QPointF(0, 0));
  return QTransform(m_zoom * m_o[0][0], m_zoom * m_o[1][0], m_zoom * m_o[0][1], m_zoom * m_o[1][1],
                    origin.x(), origin.y());
}

QRectF PresentationTransform::visibleImageRect() const {
  const QRectF viewport(QPointF(0, 0), m_viewportSize);
  return screenToImage(viewport).intersected(QRectF(QPointF(0, 0), m_imageSize));
}

bool PresentationTransform::pixelAt(const QPointF& screenPx, int* column, int* row) const {
  const QPointF p = screenToImage(screenPx);
  const double x = std::floor(p.x()), y = std::floor(p.y());
  const bool inside = x >= 0 && y >= 0 && x < m_imageSize.width() && y < m_imageSize.height();
  if (column) *column = inside ? static_cast<int>(x) : -1;
  if (row) *row = inside ? static_cast<int>(y) : -1;
  return inside;
}

bool PresentationTransform::operator==(const PresentationTransform& other) const {
  return m_imageSize == other.m_imageSize && m_viewportSize == other.m_viewportSize &&
         std::equal(&m_o[0][0], &m_o[0][0] + 4, &other.m_o[0][0]) && m_zoom == other.m_zoom &&
         m_pan == other.m_pan && m_fitMode == other.m_fitMode;
}

}  // namespace anatomix::viewer
