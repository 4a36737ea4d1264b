#include "vtk_frame_renderer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include "anatomix/viewer/orientation_labels.h"
#include "viewer_log.h"

namespace anatomix::viewer {
namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void styleText(vtkTextProperty* text, int fontSize) {
  text->SetFontFamilyToArial();
  text->SetFontSize(fontSize);
  text->SetColor(0.95, 0.95, 0.80);
  text->ShadowOn();
  text->SetShadowOffset(1, -1);
}

// The plane -> screen mapping as whole-pixel steps: plane pixel (i, j) is screen pixel
// (x0 + xi*i + xj*j, y0 + yi*i + yj*j), each step -1, 0 or 1, one plane axis per screen axis.
struct PixelMapping {
  int x0 = 0, y0 = 0, xi = 1, xj = 0, yi = 0, yj = 1;
};

bool wholePixelMapping(const QTransform& t, PixelMapping* m) {
  if (!t.isAffine()) return false;
  constexpr double kTolerance = 1e-6;
  auto whole = [](double value, int* out) {
    const double rounded = std::round(value);
    if (std::abs(value - rounded) > kTolerance || std::abs(rounded) > 1e9) return false;
    *out = static_cast<int>(rounded);
    return true;
  };
  if (!whole(t.m11(), &m->xi) || !whole(t.m21(), &m->xj) || !whole(t.m12(), &m->yi) || !whole(t.m22(), &m->yj))
    return false;
  const bool permutation = std::abs(m->xi) + std::abs(m->xj) == 1 && std::abs(m->yi) + std::abs(m->yj) == 1 &&
                           m->xi * m->yi == 0 && m->xj * m->yj == 0;
  if (!permutation) return false;
  // The centre of plane pixel (0, 0), (0.5, 0.5), lands on the centre of screen pixel (x0, y0).
  return whole(0.5 * (m->xi + m->xj) + t.dx() - 0.5, &m->x0) && whole(0.5 * (m->yi + m->yj) + t.dy() - 0.5, &m->y0);
}

QRgb greyPixel(std::uint8_t value) { return 0xff000000u | (0x010101u * value); }

void copyPlane(const std::uint8_t* plane, int planeWidth, int planeHeight, const PixelMapping& m, QImage* frame) {
  frame->fill(0xff000000u);  // the renderer's black background
  const int width = frame->width(), height = frame->height();
  auto* bits = reinterpret_cast<QRgb*>(frame->bits());
  const std::size_t stride = static_cast<std::size_t>(frame->bytesPerLine()) / sizeof(QRgb);
  for (int j = 0; j < planeHeight; ++j) {
    const std::uint8_t* row = plane + static_cast<std::size_t>(j) * planeWidth;
    const int x = m.x0 + m.xj * j, y = m.y0 + m.yj * j;  // screen pixel of plane pixel (0, j)
    if (m.xi == 1 && m.yi == 0) {  // upright: a plane row is part of a screen row
      if (y < 0 || y >= height) continue;
      QRgb* out = bits + static_cast<std::size_t>(y) * stride;
      for (int i = std::max(0, -x), end = std::min(planeWidth, width - x); i < end; ++i) out[x + i] = greyPixel(row[i]);
      continue;
    }
    for (int i = 0; i < planeWidth; ++i) {
      const int sx = x + m.xi * i, sy = y + m.yi * i;
      if (sx >= 0 && sx < width && sy >= 0 && sy < height) bits[static_cast<std::size_t>(sy) * stride + sx] = greyPixel(row[i]);
    }
  }
}

// Blends a premultiplied RGBA OpenGL frame (rows bottom to top) over `frame`, as OpenGL would have
// blended the same drawing over the plane.
void blendOver(const unsigned char* rgba, QImage* frame) {
  const int width = frame->width(), height = frame->height();
  for (int y = 0; y < height; ++y) {
    const unsigned char* in = rgba + static_cast<std::size_t>(height - 1 - y) * width * 4;
    auto* out = reinterpret_cast<QRgb*>(frame->scanLine(y));
    for (int x = 0; x < width; ++x, in += 4) {
      const unsigned alpha = in[3];
      if (alpha == 0) continue;
      const unsigned keep = 255 - alpha;
      auto channel = [keep](unsigned source, unsigned below) { return std::min(255u, source + (below * keep + 127) / 255); };
      const QRgb below = out[x];
      out[x] = qRgb(channel(in[0], qRed(below)), channel(in[1], qGreen(below)), channel(in[2], qBlue(below)));
    }
  }
}

}  // namespace

struct VtkFrameRenderer::Vtk {
  vtkNew<vtkRenderWindow> window;
  vtkNew<vtkRenderer> renderer;
  vtkNew<vtkImageData> plane;
  vtkNew<vtkImageSliceMapper> planeMapper;
  vtkNew<vtkImageSlice> planeSlice;
  vtkNew<vtkMatrix4x4> planeMatrix;
  std::array<vtkNew<vtkTextActor>, 4> corners;  // indexed by Corner
  std::array<vtkNew<vtkTextActor>, 4> edges;    // left, right, top, bottom
  vtkNew<vtkUnsignedCharArray> readback;
  QTransform planeToScreen;
  int width = 1, height = 1;
  bool initialized = false;
  bool planeVisible = false;
  bool directPlaneCopy = true;

  void updateCamera() {
    // Parallel projection with one world unit per display pixel; world y up like OpenGL, so the
    // plane matrix below turns screen (y down) into display (y up) coordinates.
    vtkCamera* camera = renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    camera->SetFocalPoint(width / 2.0, height / 2.0, 0.0);
    camera->SetPosition(width / 2.0, height / 2.0, 1000.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->SetParallelScale(height / 2.0);
    camera->SetClippingRange(1.0, 2000.0);
  }

  void updatePlaneMatrix() {
    // display = (screen.x, height - screen.y); screen = planeToScreen(plane).
    const QTransform& t = planeToScreen;
    const double m[16] = {t.m11(), t.m21(), 0, t.dx(),
                          -t.m12(), -t.m22(), 0, height - t.dy(),
                          0, 0, 1, 0,
                          0, 0, 0, 1};
    planeMatrix->DeepCopy(m);
    planeSlice->SetUserMatrix(planeMatrix);
  }

  void placeTexts() {
    const int margin = 6;
    edges[0]->SetDisplayPosition(margin, height / 2);
    edges[1]->SetDisplayPosition(width - margin, height / 2);
    edges[2]->SetDisplayPosition(width / 2, height - margin);
    edges[3]->SetDisplayPosition(width / 2, margin);
    corners[LowerLeft]->SetDisplayPosition(margin, margin);
    corners[LowerRight]->SetDisplayPosition(width - margin, margin);
    corners[UpperLeft]->SetDisplayPosition(margin, height - margin);
    corners[UpperRight]->SetDisplayPosition(width - margin, height - margin);
  }
};

VtkFrameRenderer::VtkFrameRenderer() : m_vtk(std::make_unique<Vtk>()) {}
VtkFrameRenderer::~VtkFrameRenderer() {
  if (m_vtk->initialized) m_vtk->window->Finalize();
}

bool VtkFrameRenderer::isInitialized() const { return m_vtk->initialized; }

bool VtkFrameRenderer::initialize(QString* error) {
  if (m_vtk->initialized) return true;
  // VTK's X11 render window aborts the process when it cannot open a display; check first.
  if (qEnvironmentVariableIsEmpty("DISPLAY")) {
    if (error) *error = QStringLiteral("no X display for OpenGL rendering (DISPLAY is not set; run under X or xvfb-run)");
    return false;
  }
  Vtk& v = *m_vtk;
  v.window->SetOffScreenRendering(1);
  v.window->SetShowWindow(false);
  // The frame is read back, never shown by VTK: no glXSwapBuffers, which with software OpenGL
  // copies the whole frame to the X server every time.
  v.window->SwapBuffersOff();
  v.window->SetMultiSamples(0);
  // Alpha, and a transparent background, so that texts drawn without the plane can be blended
  // over a plane copied on the CPU.
  v.window->SetAlphaBitPlanes(1);
  v.window->SetSize(v.width, v.height);
  v.window->AddRenderer(v.renderer);
  v.renderer->SetBackground(0.0, 0.0, 0.0);
  v.renderer->SetBackgroundAlpha(0.0);
  v.renderer->InteractiveOff();

  v.plane->SetDimensions(1, 1, 1);
  // Pixel (i, j) centred at (i + 0.5, j + 0.5) with a half-pixel border: covers [i, i+1).
  v.plane->SetOrigin(0.5, 0.5, 0.0);
  v.plane->SetSpacing(1.0, 1.0, 1.0);
  v.plane->AllocateScalars(VTK_UNSIGNED_CHAR, 1);
  std::memset(v.plane->GetScalarPointer(), 0, 1);
  v.planeMapper->SetInputData(v.plane);
  v.planeMapper->BorderOn();
  v.planeMapper->SliceAtFocalPointOff();
  v.planeMapper->SliceFacesCameraOff();
  v.planeSlice->SetMapper(v.planeMapper);
  // An 8-bit plane already holds display values: identity window, so VTK uploads it as it is.
  vtkImageProperty* property = v.planeSlice->GetProperty();
  property->SetColorWindow(255.0);
  property->SetColorLevel(127.5);
  property->SetInterpolationTypeToLinear();
  v.planeSlice->VisibilityOff();
  v.renderer->AddViewProp(v.planeSlice);

  // Plain text actors at fixed font sizes: vtkCornerAnnotation refits its font on every text
  // change, which cost hundreds of milliseconds per window/level step here.
  for (int corner = 0; corner < 4; ++corner) {
    vtkTextProperty* text = v.corners[corner]->GetTextProperty();
    styleText(text, 14);
    const bool right = corner == LowerRight || corner == UpperRight;
    const bool upper = corner == UpperLeft || corner == UpperRight;
    text->SetJustification(right ? VTK_TEXT_RIGHT : VTK_TEXT_LEFT);
    text->SetVerticalJustification(upper ? VTK_TEXT_TOP : VTK_TEXT_BOTTOM);
    v.corners[corner]->VisibilityOff();
    v.renderer->AddViewProp(v.corners[corner]);
  }
  for (int i = 0; i < 4; ++i) {
    vtkTextProperty* text = v.edges[i]->GetTextProperty();
    styleText(text, 18);
    text->BoldOn();
    text->SetColor(1.0, 0.85, 0.3);
    text->SetJustification(i == 0 ? VTK_TEXT_LEFT : i == 1 ? VTK_TEXT_RIGHT : VTK_TEXT_CENTERED);
    text->SetVerticalJustification(i == 2 ? VTK_TEXT_TOP : i == 3 ? VTK_TEXT_BOTTOM : VTK_TEXT_CENTERED);
    v.edges[i]->VisibilityOff();
    v.renderer->AddViewProp(v.edges[i]);
  }
  v.updateCamera();
  v.placeTexts();
  v.initialized = true;
  // Compile the shaders of the image plane and the text now (an empty viewport is shown before any
  // study is opened), so that the first image does not wait for them.
  QImage warmUp;
  double renderMs = 0, readbackMs = 0;
  setFrameSize(std::max(v.width, 64), std::max(v.height, 64));  // text in a 1x1 frame has no pixels
  std::memset(planeBuffer(2, 2), 0, 4);
  // A plane that is scaled, so that OpenGL draws it.
  setPlaneToScreen(QTransform::fromScale(2, 2));
  setPlaneVisible(true);
  setCornerTexts({QStringLiteral("0"), QString(), QString(), QString()});
  render(&warmUp, &renderMs, &readbackMs);
  setPlaneVisible(false);
  setCornerTexts({});
  viewerLog().debug("VtkFrameRenderer::initialize: offscreen render window created");
  return true;
}

void VtkFrameRenderer::setFrameSize(int width, int height) {
  Vtk& v = *m_vtk;
  width = std::max(1, width), height = std::max(1, height);
  if (width == v.width && height == v.height) return;
  v.width = width, v.height = height;
  v.window->SetSize(width, height);
  v.updateCamera();
  v.updatePlaneMatrix();
  v.placeTexts();
}

std::uint8_t* VtkFrameRenderer::planeBuffer(int width, int height) {
  Vtk& v = *m_vtk;
  int* dims = v.plane->GetDimensions();
  if (dims[0] != width || dims[1] != height) {
    v.plane->SetDimensions(width, height, 1);
    v.plane->AllocateScalars(VTK_UNSIGNED_CHAR, 1);
  }
  // VTK's row 0 is at the lowest y; the plane matrix maps plane y down, so rows keep their order.
  v.plane->Modified();
  return static_cast<std::uint8_t*>(v.plane->GetScalarPointer());
}

void VtkFrameRenderer::setPlaneToScreen(const QTransform& planeToScreen) {
  m_vtk->planeToScreen = planeToScreen;
  m_vtk->updatePlaneMatrix();
}

void VtkFrameRenderer::setPlaneVisible(bool visible) {
  m_vtk->planeVisible = visible;
  m_vtk->planeSlice->SetVisibility(visible);
}

void VtkFrameRenderer::setDirectPlaneCopy(bool enabled) { m_vtk->directPlaneCopy = enabled; }

void VtkFrameRenderer::setSmoothMagnification(bool smooth) {
  if (smooth) m_vtk->planeSlice->GetProperty()->SetInterpolationTypeToLinear();
  else m_vtk->planeSlice->GetProperty()->SetInterpolationTypeToNearest();
}

namespace {
// Empty text is hidden rather than set: VTK reports an error for a text texture without pixels.
void setText(vtkTextActor* actor, const QString& text) {
  const QByteArray utf8 = text.trimmed().isEmpty() ? QByteArray() : text.toUtf8();
  actor->SetVisibility(!utf8.isEmpty());
  if (utf8.isEmpty()) return;
  const char* current = actor->GetInput();
  if (!current || utf8 != current) actor->SetInput(utf8.constData());
}
}  // namespace

void VtkFrameRenderer::setCornerTexts(const std::array<QString, 4>& texts) {
  for (int i = 0; i < 4; ++i) setText(m_vtk->corners[i], texts[i]);
}

void VtkFrameRenderer::setEdgeLabels(const EdgeLabels& labels) {
  const QString texts[4] = {labels.left, labels.right, labels.top, labels.bottom};
  for (int i = 0; i < 4; ++i) setText(m_vtk->edges[i], texts[i]);
}

void VtkFrameRenderer::render(QImage* frame, double* renderMs, double* readbackMs, bool* planeCopied) {
  Vtk& v = *m_vtk;
  PixelMapping mapping;
  const bool copy = v.planeVisible && v.directPlaneCopy && wholePixelMapping(v.planeToScreen, &mapping);
  if (planeCopied) *planeCopied = copy;
  auto start = std::chrono::steady_clock::now();
  if (copy) v.planeSlice->VisibilityOff();
  v.window->Render();
  if (copy) v.planeSlice->VisibilityOn();
  *renderMs = millisecondsSince(start);

  start = std::chrono::steady_clock::now();
  v.window->GetRGBACharPixelData(0, 0, v.width - 1, v.height - 1, 0, v.readback);
  if (frame->width() != v.width || frame->height() != v.height || frame->format() != QImage::Format_RGB32)
    *frame = QImage(v.width, v.height, QImage::Format_RGB32);
  const unsigned char* source = v.readback->GetPointer(0);
  if (copy) {
    const int* dims = v.plane->GetDimensions();
    copyPlane(static_cast<const std::uint8_t*>(v.plane->GetScalarPointer()), dims[0], dims[1], mapping, frame);
    blendOver(source, frame);
  } else {
    // OpenGL rows run bottom to top; QImage rows top to bottom. RGBA bytes -> 0xffRRGGBB words.
    for (int y = 0; y < v.height; ++y) {
      const unsigned char* in = source + static_cast<std::size_t>(v.height - 1 - y) * v.width * 4;
      auto* out = reinterpret_cast<std::uint32_t*>(frame->scanLine(y));
      for (int x = 0; x < v.width; ++x, in += 4)
        out[x] = 0xff000000u | (std::uint32_t(in[0]) << 16) | (std::uint32_t(in[1]) << 8) | in[2];
    }
  }
  *readbackMs = millisecondsSince(start);
}

}  // namespace anatomix::viewer
