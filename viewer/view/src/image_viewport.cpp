#include "anatomix/viewer/image_viewport.h"

#include <chrono>
#include <cmath>
#include <limits>

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>

#include "anatomix/image/decoded_image.h"
#include "anatomix/viewer/measurement_layer.h"
#include "anatomix/viewer/orientation_labels.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"
#include "overlay_hit_test.h"
#include "overlay_painter.h"
#include "viewer_log.h"
#include "viewport_annotations.h"
#include "vtk_frame_renderer.h"

namespace anatomix::viewer {
namespace {

using Clock = std::chrono::steady_clock;
double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

constexpr double kDragThresholdPx = 3.0;
constexpr double kMinDrawnSidePx = 3.0;  // smaller rubber bands are clicks, not regions
constexpr double kZoomStep = 1.25;
constexpr int kRegionDragMergeKey = 1;

constexpr int kPointDragMergeKey = 2;

enum class Drag {
  None, WindowLevel, Pan, Zoom, DrawRegion, MoveRegion, ResizeRegion, DrawLine, MovePoint, DrawRoi, Magnify
};

constexpr double kLensRadiusPx = 90.0;
constexpr double kLensZoom = 2.0;

Qt::CursorShape toolCursor(ViewportTool tool) {
  switch (tool) {
    case ViewportTool::DrawRegion:
    case ViewportTool::MeasureDistance:
    case ViewportTool::MeasureAngle:
    case ViewportTool::MeasureRectangle:
    case ViewportTool::MeasureEllipse:
    case ViewportTool::Arrow:
    case ViewportTool::Magnifier: return Qt::CrossCursor;
    case ViewportTool::Pan: return Qt::OpenHandCursor;
    default: return Qt::ArrowCursor;
  }
}

}  // namespace

struct ImageViewport::Private {
  VtkFrameRenderer renderer;
  QString rendererError;  // set once when VTK cannot render here
  QImage frame;           // last VTK frame, widget size
  bool frameDirty = true;
  image::DisplayLut lut;
  bool lutDirty = true;
  bool smoothMagnification = true;

  Drag drag = Drag::None;
  QPointF pressPos;
  QPointF lastPos;
  bool moved = false;
  image::Window pressWindow;
  double windowPerPixel = 1;  // modality units per screen pixel of a window/level drag
  QString dragRegionId;
  QRectF dragStartScreenRect;
  int dragHandle = -1;
  QRectF rubberBandScreen;
  QString dragPointId;     // MovePoint: the measurement and the index of its point
  int dragPointIndex = -1;
  QString pendingAngleId;  // an angle whose second arm follows the cursor until a click
  OverlayHover hover;
};

ImageViewport::ImageViewport(QWidget* parent) : QWidget(parent), d(std::make_unique<Private>()) {
  qRegisterMetaType<anatomix::viewer::PixelReadout>();
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(64, 64);
  m_transform.setViewportSize(size());
}

ImageViewport::~ImageViewport() = default;

// ---------------------------------------------------------------- content

void ImageViewport::setImage(std::shared_ptr<const image::DecodedImage> decoded) {
  if (!decoded || decoded->empty() || decoded->width <= 0 || decoded->height <= 0) {
    showError(decoded ? tr("%1: the image has no pixels").arg(QString::fromStdString(decoded->path))
                      : tr("no image was given"));
    return;
  }
  try {
    m_display = image::default_display(*decoded);
    if (m_display.voi.kind != image::VoiSelection::Kind::Window)
      m_display.voi.window = image::default_window(*decoded);
  } catch (const std::exception& error) {
    showError(QString::fromStdString(error.what()));
    return;
  }
  m_image = std::move(decoded);
  m_presets.clear();
  m_presetsKnown = false;
  m_errorText.clear();
  m_transform.setImageSize(QSizeF(m_image->width, m_image->height));
  m_transform.setViewportSize(size());
  m_transform.reset();
  if (m_regions) m_regions->setBounds(QRectF(0, 0, m_image->width, m_image->height));
  d->pendingAngleId.clear();
  d->lutDirty = true;
  viewerLog().debug("ImageViewport::setImage: {}x{} from {}", m_image->width, m_image->height, m_image->path);
  emit windowChanged(m_display.voi.window.center, m_display.voi.window.width);
  emit invertedChanged(m_display.invert);
  viewWasChanged();
}

void ImageViewport::showError(const QString& problem) {
  m_image.reset();
  m_presets.clear();
  m_presetsKnown = false;
  m_errorText = problem.isEmpty() ? tr("unknown error") : problem;
  viewerLog().warn("ImageViewport::showError: {}", m_errorText.toStdString());
  d->frameDirty = true;
  update();
}

void ImageViewport::clear() {
  m_image.reset();
  m_presets.clear();
  m_presetsKnown = false;
  m_errorText.clear();
  d->frameDirty = true;
  update();
}

void ImageViewport::setOverlayModel(OverlayLayerModel* model) {
  if (m_overlayModel) disconnect(m_overlayModel, nullptr, this, nullptr);
  m_overlayModel = model;
  if (!model) return;
  auto repaint = [this] { update(); };
  connect(model, &OverlayLayerModel::layerItemsChanged, this, repaint);
  connect(model, &OverlayLayerModel::layerDisplayChanged, this, repaint);
  connect(model, &QAbstractItemModel::rowsInserted, this, repaint);
  connect(model, &QAbstractItemModel::rowsRemoved, this, repaint);
  connect(model, &QAbstractItemModel::rowsMoved, this, repaint);
  connect(model, &QAbstractItemModel::modelReset, this, repaint);
  connect(model, &QObject::destroyed, this, [this] { m_overlayModel = nullptr; });
  update();
}

void ImageViewport::setUserRegionLayer(UserRegionLayer* regions) {
  if (m_regions) disconnect(m_regions, nullptr, this, nullptr);
  m_regions = regions;
  if (!regions) return;
  if (m_image) regions->setBounds(QRectF(0, 0, m_image->width, m_image->height));
  if (!m_overlayModel) setOverlayModel(regions->model());
  connect(regions, &QObject::destroyed, this, [this] { m_regions = nullptr; });
}

void ImageViewport::setMeasurementLayer(MeasurementLayer* measurements) {
  m_measurements = measurements;
  if (!measurements) return;
  if (!m_overlayModel) setOverlayModel(measurements->model());
  connect(measurements, &QObject::destroyed, this, [this] { m_measurements = nullptr; });
}

bool ImageViewport::startPointDrag(const QPointF& screenPos) {
  const OverlayLayer* layer = m_measurements->model()->layer(m_measurements->layerId());
  if (!layer || !layer->visible) return false;
  for (int i = static_cast<int>(layer->items.size()) - 1; i >= 0; --i) {
    const OverlayItem& item = layer->items[i];
    if (item.flags.testFlag(OverlayItemFlag::Hidden)) continue;
    const int index = pointHandleAt(item, m_transform, screenPos);
    if (index < 0) continue;
    d->dragPointId = item.id;
    d->dragPointIndex = index;
    m_measurements->select(item.id);
    return true;
  }
  return false;
}

void ImageViewport::setTransform(const PresentationTransform& transform) {
  m_transform = transform;
  m_transform.setViewportSize(size());
  viewWasChanged();
}

void ImageViewport::setAnnotationsVisible(bool visible) {
  m_annotationsVisible = visible;
  requestFrame();
}

void ImageViewport::setSmoothMagnification(bool smooth) {
  d->smoothMagnification = smooth;
  requestFrame();
}

void ImageViewport::setDirectPlaneCopy(bool enabled) {
  d->renderer.setDirectPlaneCopy(enabled);
  requestFrame();
}

// ---------------------------------------------------------------- grey scale

void ImageViewport::setDisplaySettings(const image::DisplaySettings& settings) {
  if (settings.voi.kind == image::VoiSelection::Kind::Lut && m_image &&
      (settings.voi.lut_index < 0 || settings.voi.lut_index >= static_cast<int>(m_image->voi_luts.size()))) {
    viewerLog().warn("ImageViewport::setDisplaySettings: VOI LUT {} does not exist, kept the current one",
                     settings.voi.lut_index);
    return;
  }
  const bool invertChanged = settings.invert != m_display.invert;
  const image::Window previousWindow = m_display.voi.window;
  m_display = settings;
  if (m_display.voi.kind != image::VoiSelection::Kind::Window) m_display.voi.window = previousWindow;
  d->lutDirty = true;
  requestFrame();
  emit windowChanged(m_display.voi.window.center, m_display.voi.window.width);
  if (invertChanged) emit invertedChanged(m_display.invert);
}

void ImageViewport::setWindow(const image::Window& window) {
  image::DisplaySettings settings = m_display;
  settings.voi.kind = image::VoiSelection::Kind::Window;
  settings.voi.window = window;
  // DICOM's linear VOI needs width >= 1 (PS3.3 C.11.2.1.2); the others need width > 0.
  const double minWidth = window.function == image::VoiFunction::Linear ? 1.0 : 1e-6;
  if (!(settings.voi.window.width >= minWidth)) settings.voi.window.width = minWidth;
  if (!std::isfinite(settings.voi.window.center)) return;
  setDisplaySettings(settings);
}

void ImageViewport::setWindowLevel(double center, double width) {
  image::Window window = m_display.voi.window;
  window.center = center;
  window.width = width;
  window.explanation.clear();
  setWindow(window);
}

const std::vector<image::WindowPreset>& ImageViewport::windowPresets() const {
  if (!m_presetsKnown && m_image) {
    try {
      m_presets = image::window_presets(*m_image);
    } catch (const std::exception& error) {
      viewerLog().warn("ImageViewport::windowPresets: {}", error.what());
      m_presets.clear();
    }
    m_presetsKnown = true;
  }
  return m_presets;
}

void ImageViewport::applyWindowPreset(int index) {
  windowPresets();
  if (index < 0 || index >= static_cast<int>(m_presets.size())) return;
  image::DisplaySettings settings = m_display;
  settings.voi = m_presets[index].voi;
  setDisplaySettings(settings);
}

void ImageViewport::setInverted(bool inverted) {
  if (inverted == m_display.invert) return;
  image::DisplaySettings settings = m_display;
  settings.invert = inverted;
  setDisplaySettings(settings);
}

// ---------------------------------------------------------------- view

void ImageViewport::setTool(ViewportTool tool) {
  if (tool == m_tool) return;
  m_tool = tool;
  setCursor(toolCursor(tool));
  d->pendingAngleId.clear();
  emit toolChanged(tool);
}

void ImageViewport::rotateClockwise() { m_transform.rotateClockwise(), viewWasChanged(); }
void ImageViewport::rotateCounterClockwise() { m_transform.rotateCounterClockwise(), viewWasChanged(); }
void ImageViewport::flipHorizontal() { m_transform.flipHorizontal(), viewWasChanged(); }
void ImageViewport::flipVertical() { m_transform.flipVertical(), viewWasChanged(); }
void ImageViewport::zoomIn() { m_transform.setZoom(m_transform.zoom() * kZoomStep), viewWasChanged(); }
void ImageViewport::zoomOut() { m_transform.setZoom(m_transform.zoom() / kZoomStep), viewWasChanged(); }
void ImageViewport::fitToWindow() { m_transform.fitToViewport(), viewWasChanged(); }
void ImageViewport::actualSize() { m_transform.actualSize(), viewWasChanged(); }

void ImageViewport::resetView() {
  m_transform.reset();
  if (m_image) {
    image::DisplaySettings settings = image::default_display(*m_image);
    if (settings.voi.kind != image::VoiSelection::Kind::Window) settings.voi.window = image::default_window(*m_image);
    settings.invert = false;
    setDisplaySettings(settings);
  }
  viewWasChanged();
}

void ImageViewport::viewWasChanged() {
  requestFrame();
  emit viewChanged();
}

void ImageViewport::requestFrame() {
  d->frameDirty = true;
  update();
}

// ---------------------------------------------------------------- rendering

void ImageViewport::renderFrame() {
  const auto start = Clock::now();
  FrameTimings timings;
  VtkFrameRenderer& renderer = d->renderer;
  renderer.setFrameSize(width(), height());

  auto lutStart = Clock::now();
  if (d->lutDirty) {
    try {
      d->lut = image::DisplayLut(*m_image, m_display);
    } catch (const std::exception& error) {
      showError(QString::fromStdString(error.what()));
      return;
    }
    d->lutDirty = false;
  }
  const QRectF visible = m_transform.visibleImageRect();
  if (visible.isEmpty()) {
    renderer.setPlaneVisible(false);
  } else if (m_transform.zoom() < 1.0) {
    // Zoomed out: one plane pixel per screen pixel, on whole screen pixels, so VTK copies it 1:1.
    const QRectF onScreen = m_transform.imageToScreen(visible);
    const QRectF snapped(QPointF(std::floor(onScreen.left()), std::floor(onScreen.top())),
                         QPointF(std::ceil(onScreen.right()), std::ceil(onScreen.bottom())));
    const QRectF source = m_transform.screenToImage(snapped);
    const double zoom = m_transform.zoom();
    const int planeWidth = std::max(1, static_cast<int>(std::lround(source.width() * zoom)));
    const int planeHeight = std::max(1, static_cast<int>(std::lround(source.height() * zoom)));
    std::uint8_t* plane = renderer.planeBuffer(planeWidth, planeHeight);
    image::render_display_resampled(*m_image, d->lut, source.left(), source.top(), source.width(), source.height(),
                                    planeWidth, planeHeight, plane, static_cast<std::size_t>(planeWidth));
    const QTransform planeToImage(source.width() / planeWidth, 0, 0, source.height() / planeHeight, source.left(),
                                  source.top());
    renderer.setPlaneToScreen(planeToImage * m_transform.imageToScreenTransform());
    renderer.setSmoothMagnification(false);
    renderer.setPlaneVisible(true);
    timings.planeWidth = planeWidth;
    timings.planeHeight = planeHeight;
    timings.imagePixelsPerPlanePixel = 1.0 / zoom;
  } else {
    // Zoomed in: the visible image pixels (plus one of margin for bilinear filtering at the edges).
    const int x0 = std::max(0, static_cast<int>(std::floor(visible.left())) - 1);
    const int y0 = std::max(0, static_cast<int>(std::floor(visible.top())) - 1);
    const int x1 = std::min(m_image->width, static_cast<int>(std::ceil(visible.right())) + 1);
    const int y1 = std::min(m_image->height, static_cast<int>(std::ceil(visible.bottom())) + 1);
    std::uint8_t* plane = renderer.planeBuffer(x1 - x0, y1 - y0);
    image::render_display_region(*m_image, d->lut, image::PixelRect{x0, y0, x1 - x0, y1 - y0}, 1, plane,
                                 static_cast<std::size_t>(x1 - x0));
    renderer.setPlaneToScreen(QTransform::fromTranslate(x0, y0) * m_transform.imageToScreenTransform());
    renderer.setSmoothMagnification(d->smoothMagnification);
    renderer.setPlaneVisible(true);
    timings.planeWidth = x1 - x0;
    timings.planeHeight = y1 - y0;
  }
  timings.lutMs = millisecondsSince(lutStart);

  if (m_annotationsVisible) {
    renderer.setCornerTexts(cornerTexts(*m_image, m_display, m_transform, width()));
    renderer.setEdgeLabels(edgeLabelsFor(patientOrientationOf(m_image->instance), m_transform));
  } else {
    renderer.setCornerTexts({});
    renderer.setEdgeLabels({});
  }
  renderer.render(&d->frame, &timings.renderMs, &timings.readbackMs, &timings.planeCopied);
  d->frameDirty = false;
  timings.totalMs = millisecondsSince(start);
  m_timings = timings;
}

static void paintCentredMessage(QPainter& painter, const QRect& area, const QString& title, const QString& detail) {
  painter.fillRect(area, QColor(24, 24, 28));
  QFont font = painter.font();
  font.setPointSizeF(font.pointSizeF() * 1.4);
  font.setBold(true);
  painter.setFont(font);
  painter.setPen(QColor(255, 120, 100));
  const QRect inner = area.adjusted(24, 24, -24, -24);
  const QFontMetrics titleMetrics(font);
  const QRect titleRect(inner.left(), inner.center().y() - titleMetrics.height() - 4, inner.width(), titleMetrics.height());
  painter.drawText(titleRect, Qt::AlignHCenter | Qt::AlignBottom, title);
  font.setBold(false);
  font.setPointSizeF(font.pointSizeF() / 1.4);
  painter.setFont(font);
  painter.setPen(QColor(230, 230, 230));
  painter.drawText(QRect(inner.left(), inner.center().y() + 4, inner.width(), inner.height() / 2),
                   Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, detail);
}

void ImageViewport::paintEvent(QPaintEvent*) {
  const auto start = Clock::now();
  QPainter painter(this);
  if (!m_errorText.isEmpty()) {
    paintCentredMessage(painter, rect(), tr("Cannot show image"), m_errorText);
    return;
  }
  // The OpenGL context is made on the first paint, so that an open viewport is ready for a study.
  if (!d->renderer.isInitialized() && d->rendererError.isEmpty()) {
    QString problem;
    if (!d->renderer.initialize(&problem)) {
      d->rendererError = problem;
      viewerLog().error("ImageViewport::paintEvent: cannot render with VTK: {}", problem.toStdString());
    }
  }
  if (!m_image) {
    painter.fillRect(rect(), QColor(24, 24, 28));
    painter.setPen(QColor(150, 150, 150));
    painter.drawText(rect(), Qt::AlignCenter, tr("No image"));
    return;
  }
  if (!d->rendererError.isEmpty()) {
    paintCentredMessage(painter, rect(), tr("Cannot show image"), d->rendererError);
    return;
  }
  if (d->frameDirty || d->frame.size() != size()) {
    renderFrame();
    if (!m_image) {  // renderFrame() turned into an error
      paintCentredMessage(painter, rect(), tr("Cannot show image"), m_errorText);
      return;
    }
  }
  const auto paintStart = Clock::now();
  painter.drawImage(0, 0, d->frame);
  if (m_overlayModel) {
    painter.setRenderHint(QPainter::Antialiasing, false);
    paintOverlayLayers(painter, *m_overlayModel, m_transform, d->hover);
  }
  if (d->drag == Drag::DrawRegion && !d->rubberBandScreen.isNull()) {
    QPen pen(QColor(255, 210, 0), 1.5, Qt::DashLine);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(d->rubberBandScreen);
  }
  if (d->drag == Drag::Magnify) {
    // The displayed view (image, overlays excluded) around the cursor, twice as large, in a round lens.
    const QPointF centre = d->lastPos;
    const QRectF lens(centre - QPointF(kLensRadiusPx, kLensRadiusPx), QSizeF(2 * kLensRadiusPx, 2 * kLensRadiusPx));
    const double sourceRadius = kLensRadiusPx / kLensZoom;
    const QRectF source(centre - QPointF(sourceRadius, sourceRadius), QSizeF(2 * sourceRadius, 2 * sourceRadius));
    painter.save();
    QPainterPath round;
    round.addEllipse(lens);
    painter.setClipPath(round);
    painter.fillRect(lens, Qt::black);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, d->smoothMagnification);
    painter.drawImage(lens, d->frame, source);
    painter.restore();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(QColor(200, 200, 200), 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(lens);
  }
  if (d->drag == Drag::DrawRoi && !d->rubberBandScreen.isNull()) {
    painter.setPen(QPen(QColor(120, 255, 120), 1.5, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    if (m_tool == ViewportTool::MeasureEllipse) painter.drawEllipse(d->rubberBandScreen);
    else painter.drawRect(d->rubberBandScreen);
  }
  if (d->drag == Drag::DrawLine && d->moved) {
    painter.setPen(QPen(QColor(120, 255, 120), 1.5, Qt::DashLine));
    painter.drawLine(d->pressPos, d->lastPos);
  }
  m_timings.paintMs = millisecondsSince(paintStart);
  m_timings.totalMs = millisecondsSince(start);  // the whole paint, including a VTK frame if one was due
  emit frameRendered();
}

void ImageViewport::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  m_transform.setViewportSize(size());
  requestFrame();
}

// ---------------------------------------------------------------- interaction

void ImageViewport::emitReadout(const QPointF& screenPos) {
  PixelReadout readout;
  readout.storedValue = readout.modalityValue = std::numeric_limits<double>::quiet_NaN();
  if (m_image) {
    readout.imagePositionPx = m_transform.screenToImage(screenPos);
    int column = -1, row = -1;
    readout.insideImage = m_transform.pixelAt(screenPos, &column, &row);
    if (readout.insideImage) {
      readout.column = column;
      readout.row = row;
      readout.storedValue = m_image->stored_at(column, row);
      readout.modalityValue = m_image->modality_value_at(column, row);
      readout.units = QString::fromStdString(m_image->modality.rescale_type);
    }
  }
  emit cursorReadout(readout);
}

void ImageViewport::mousePressEvent(QMouseEvent* event) {
  const QPointF pos = event->position();
  d->pressPos = d->lastPos = pos;
  d->moved = false;
  d->drag = Drag::None;
  if (!m_image) return;
  if (event->button() == Qt::RightButton) {
    d->drag = Drag::WindowLevel;
  } else if (event->button() == Qt::MiddleButton) {
    d->drag = Drag::Pan;
  } else if (event->button() == Qt::LeftButton && !d->pendingAngleId.isEmpty() && m_measurements) {
    // The click that ends an angle's second arm.
    m_measurements->setPoint(d->pendingAngleId, 2, m_transform.screenToImage(pos), kPointDragMergeKey);
    m_measurements->finishDrag();
    m_measurements->select(d->pendingAngleId);
    d->pendingAngleId.clear();
    event->accept();
    return;
  } else if (event->button() == Qt::LeftButton && m_tool != ViewportTool::DrawRegion && m_measurements &&
             startPointDrag(pos)) {
    d->drag = Drag::MovePoint;
  } else if (event->button() == Qt::LeftButton) {
    switch (m_tool) {
      case ViewportTool::MeasureDistance:
      case ViewportTool::MeasureAngle:
      case ViewportTool::Arrow:
        if (m_measurements) {
          m_measurements->select(QString());
          d->drag = Drag::DrawLine;
        }
        break;
      case ViewportTool::Magnifier:
        d->drag = Drag::Magnify;
        update();
        break;
      case ViewportTool::MeasureRectangle:
      case ViewportTool::MeasureEllipse:
        if (m_measurements) {
          m_measurements->select(QString());
          d->drag = Drag::DrawRoi;
          d->rubberBandScreen = QRectF();
        }
        break;
      case ViewportTool::WindowLevel: d->drag = Drag::WindowLevel; break;
      case ViewportTool::Pan: d->drag = Drag::Pan; break;
      case ViewportTool::Zoom: d->drag = Drag::Zoom; break;
      case ViewportTool::DrawRegion: {
        if (!m_regions) break;
        const QString selected = m_regions->selectedRegionId();
        const OverlayItem* selectedRegion = selected.isEmpty() ? nullptr : m_regions->region(selected);
        const OverlayLayer* layer = m_regions->model()->layer(m_regions->layerId());
        const bool layerShown = layer && layer->visible;
        if (layerShown && selectedRegion) {
          const QRectF screen = m_transform.imageToScreen(selectedRegion->rectPx);
          const int handle = handleAt(screen, pos);
          if (handle >= 0) {
            d->drag = Drag::ResizeRegion;
            d->dragRegionId = selected;
            d->dragStartScreenRect = screen;
            d->dragHandle = handle;
            break;
          }
        }
        const OverlayHit hit = layerShown ? overlayItemAt(*m_regions->model(), m_transform, pos, m_regions->layerId())
                                          : OverlayHit{};
        if (hit.isValid()) {
          m_regions->select(hit.itemId);
          d->drag = Drag::MoveRegion;
          d->dragRegionId = hit.itemId;
          d->dragStartScreenRect = m_transform.imageToScreen(m_regions->region(hit.itemId)->rectPx);
        } else {
          m_regions->select(QString());
          d->drag = Drag::DrawRegion;
          d->rubberBandScreen = QRectF();
        }
        break;
      }
    }
  }
  d->pressWindow = m_display.voi.window;
  // One screen pixel moves the window by 1/1024 of the image's value range (at least 1/4 unit).
  const double range = std::max(1.0, m_image->max_modality() - m_image->min_modality());
  d->windowPerPixel = std::max(0.25, range / 1024.0);
  if (d->drag == Drag::Pan || d->drag == Drag::MoveRegion) setCursor(Qt::ClosedHandCursor);
  event->accept();
}

void ImageViewport::mouseMoveEvent(QMouseEvent* event) {
  const QPointF pos = event->position();
  emitReadout(pos);
  if (d->drag == Drag::None && !d->pendingAngleId.isEmpty() && m_measurements) {
    m_measurements->setPoint(d->pendingAngleId, 2, m_transform.screenToImage(pos), kPointDragMergeKey);
    return;
  }
  if (d->drag == Drag::None) {
    OverlayHover hover;
    if (m_overlayModel && m_image) {
      const OverlayHit hit = overlayItemAt(*m_overlayModel, m_transform, pos);
      hover = {hit.layerId, hit.itemId};
    }
    if (hover.layerId != d->hover.layerId || hover.itemId != d->hover.itemId) {
      d->hover = hover;
      update();
    }
    return;
  }
  const QPointF delta = pos - d->lastPos;
  const QPointF total = pos - d->pressPos;
  d->lastPos = pos;
  if (d->drag == Drag::Magnify) {  // the lens follows the cursor from the first pixel
    update();
    return;
  }
  if (!d->moved && total.manhattanLength() < kDragThresholdPx) return;
  d->moved = true;
  switch (d->drag) {
    case Drag::WindowLevel:
      // Right: wider window (less contrast); down: higher centre (darker image).
      setWindowLevel(d->pressWindow.center + total.y() * d->windowPerPixel,
                     d->pressWindow.width + total.x() * d->windowPerPixel);
      break;
    case Drag::Pan: m_transform.panBy(delta), viewWasChanged(); break;
    case Drag::Zoom: m_transform.zoomAbout(d->pressPos, std::pow(1.01, -delta.y())), viewWasChanged(); break;
    case Drag::DrawRoi:
    case Drag::DrawRegion:
      d->rubberBandScreen = QRectF(d->pressPos, pos).normalized().intersected(
          m_transform.imageToScreen(QRectF(0, 0, m_image->width, m_image->height)));
      update();
      break;
    case Drag::MoveRegion: {
      QRectF moved = m_transform.screenToImage(d->dragStartScreenRect.translated(total));
      // Keep the whole region on the image instead of clipping it at the edge.
      const QRectF bounds(0, 0, m_image->width, m_image->height);
      moved.moveLeft(std::clamp(moved.left(), bounds.left(), std::max(bounds.left(), bounds.right() - moved.width())));
      moved.moveTop(std::clamp(moved.top(), bounds.top(), std::max(bounds.top(), bounds.bottom() - moved.height())));
      m_regions->setRegionRect(d->dragRegionId, moved, kRegionDragMergeKey);
      break;
    }
    case Drag::ResizeRegion:
      m_regions->setRegionRect(d->dragRegionId,
                               m_transform.screenToImage(resizedByHandle(d->dragStartScreenRect, d->dragHandle, total)),
                               kRegionDragMergeKey);
      break;
    case Drag::DrawLine:
    case Drag::Magnify: update(); break;
    case Drag::MovePoint:
      m_measurements->setPoint(d->dragPointId, d->dragPointIndex, m_transform.screenToImage(pos), kPointDragMergeKey);
      break;
    case Drag::None: break;
  }
}

void ImageViewport::mouseReleaseEvent(QMouseEvent* event) {
  const Drag drag = d->drag;
  d->drag = Drag::None;
  setCursor(toolCursor(m_tool));
  if (drag == Drag::DrawRegion && d->moved && m_regions) {
    const QRectF band = d->rubberBandScreen;
    d->rubberBandScreen = QRectF();
    if (band.width() >= kMinDrawnSidePx && band.height() >= kMinDrawnSidePx) {
      const QString id = m_regions->addRegion(m_transform.screenToImage(band));
      m_regions->select(id);
    }
    update();
  } else if ((drag == Drag::MoveRegion || drag == Drag::ResizeRegion) && m_regions) {
    m_regions->finishDrag();
  } else if (drag == Drag::MovePoint && m_measurements) {
    m_measurements->finishDrag();
  } else if (drag == Drag::Magnify) {
    update();  // the lens goes
  } else if (drag == Drag::DrawRoi && d->moved && m_measurements) {
    const QRectF band = d->rubberBandScreen;
    d->rubberBandScreen = QRectF();
    if (band.width() >= kMinDrawnSidePx && band.height() >= kMinDrawnSidePx)
      m_measurements->addRegionOfInterest(m_transform.screenToImage(band), m_tool == ViewportTool::MeasureEllipse);
    update();
  } else if (drag == Drag::DrawLine && d->moved && m_measurements) {
    const QPointF from = m_transform.screenToImage(d->pressPos), to = m_transform.screenToImage(event->position());
    const QPointF along = event->position() - d->pressPos;
    if (std::hypot(along.x(), along.y()) >= kMinDrawnSidePx) {
      if (m_tool == ViewportTool::MeasureAngle) {
        d->pendingAngleId = m_measurements->addAngle(from, to, to);
      } else if (m_tool == ViewportTool::Arrow) {
        const QString id = m_measurements->addArrow(from, to);
        m_measurements->select(id);
        emit arrowDrawn(id);
      } else {
        m_measurements->select(m_measurements->addDistance(from, to));
      }
    }
    update();
  }
  if (!d->moved && event->button() == Qt::LeftButton && m_overlayModel && m_image) {
    const OverlayHit hit = overlayItemAt(*m_overlayModel, m_transform, event->position());
    if (hit.isValid()) emit itemClicked(hit.layerId, hit.itemId);
  }
  event->accept();
}

void ImageViewport::wheelEvent(QWheelEvent* event) {
  if (!m_image) return;
  const double notches = event->angleDelta().y() / 120.0;
  if (notches == 0.0) return;
  m_transform.zoomAbout(event->position(), std::pow(1.2, notches));
  viewWasChanged();
  event->accept();
}

void ImageViewport::keyPressEvent(QKeyEvent* event) {
  if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && m_measurements &&
      !m_measurements->selectedId().isEmpty()) {
    m_measurements->removeMeasurement(m_measurements->selectedId());
    event->accept();
    return;
  }
  if (event->key() == Qt::Key_Escape && !d->pendingAngleId.isEmpty()) {
    d->pendingAngleId.clear();
    m_measurements->finishDrag();
    event->accept();
    return;
  }
  if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && m_regions &&
      !m_regions->selectedRegionId().isEmpty()) {
    m_regions->removeRegion(m_regions->selectedRegionId());
    event->accept();
    return;
  }
  if (event->key() == Qt::Key_Escape && d->drag != Drag::None) {
    if (d->drag == Drag::MoveRegion || d->drag == Drag::ResizeRegion) m_regions->finishDrag();
    if (d->drag == Drag::MovePoint) m_measurements->finishDrag();
    d->drag = Drag::None;
    d->rubberBandScreen = QRectF();
    update();
    event->accept();
    return;
  }
  QWidget::keyPressEvent(event);
}

void ImageViewport::leaveEvent(QEvent* event) {
  if (!d->hover.itemId.isEmpty()) {
    d->hover = {};
    update();
  }
  PixelReadout outside;
  outside.storedValue = outside.modalityValue = std::numeric_limits<double>::quiet_NaN();
  emit cursorReadout(outside);
  QWidget::leaveEvent(event);
}

bool ImageViewport::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const OverlayItem* item = nullptr;
    if (m_overlayModel && m_image) {
      const OverlayHit hit = overlayItemAt(*m_overlayModel, m_transform, help->pos());
      if (hit.isValid()) item = m_overlayModel->item(hit.layerId, hit.itemId);
    }
    if (item && !item->toolTip.isEmpty()) {
      QToolTip::showText(help->globalPos(), item->toolTip, this, m_transform.imageToScreen(item->rectPx).toRect());
    } else {
      QToolTip::hideText();
      event->ignore();
    }
    return true;
  }
  return QWidget::event(event);
}

}  // namespace anatomix::viewer
