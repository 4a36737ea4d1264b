// bench_viewer: viewport speed for a 3000 x 3000 16-bit image (software OpenGL under Xvfb here).
// Prints: loaded image -> first frame (cold: first image of a new viewport, including the OpenGL
// context; warm: a second image), window/level change (median of 50, with the split between the
// LUT pass, the VTK render, the read-back and painting; with every plane textured by OpenGL as
// before, and with the 1:1 plane copied as shipped), zoom/pan frame time, and peak memory.
// Asserts nothing. Options: --size WxH (viewport, default 1024x1024), --screenshot PATH (saves the
// viewport with annotations and a few overlay boxes as PNG).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <vector>

#include <QApplication>
#include <QUndoStack>
#include <QWindow>

#include "anatomix/image/decoded_image.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"

using namespace anatomix;
using namespace anatomix::viewer;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// CPU time of the whole process (all threads, llvmpipe's included), in ms. On a shared, loaded
// machine this says more about the cost of a frame than wall time does.
double processCpuMs() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

// A chest-like 16-bit radiograph: bright mediastinum and spine, darker lungs, ribs, noise.
std::shared_ptr<image::DecodedImage> makeRadiograph(int size, unsigned seed) {
  auto image = std::make_shared<image::DecodedImage>();
  image->path = "synthetic 3000x3000 16-bit radiograph";
  image->width = image->height = size;
  image->bits_stored = 16;
  image->stored.resize(static_cast<std::size_t>(size) * size);
  image->series.modality = "DX";
  image->instance.view_position = "PA";
  image->patient.name = "Bench^Patient";
  image->study.date = "20261123";
  image->study.description = "CHEST PA";
  std::mt19937 random(seed);
  std::normal_distribution<double> noise(0.0, 600.0);
  for (int y = 0; y < size; ++y) {
    const double v = static_cast<double>(y) / size;
    for (int x = 0; x < size; ++x) {
      const double u = static_cast<double>(x) / size;
      double value = 42000;
      const double lungLeft = std::hypot((u - 0.32) / 0.16, (v - 0.48) / 0.30);
      const double lungRight = std::hypot((u - 0.68) / 0.17, (v - 0.50) / 0.31);
      if (lungLeft < 1 || lungRight < 1) value = 16000 + 6000 * std::sin(v * 60.0) * std::sin(v * 60.0);
      if (std::abs(u - 0.5) < 0.04) value = 52000;
      if (std::hypot((u - 0.56) / 0.12, (v - 0.62) / 0.10) < 1) value = 47000;
      value += noise(random) + 8000 * v;
      image->stored[static_cast<std::size_t>(y) * size + x] = static_cast<std::int32_t>(std::clamp(value, 0.0, 65535.0));
    }
  }
  const auto [low, high] = std::minmax_element(image->stored.begin(), image->stored.end());
  image->min_stored = *low;
  image->max_stored = *high;
  image::Window window;
  window.center = 32768;
  window.width = 45000;
  window.explanation = "CHEST";
  image->file_windows.push_back(window);
  return image;
}

void waitUntilExposed(QWidget& widget) {
  const auto start = Clock::now();
  while (!(widget.windowHandle() && widget.windowHandle()->isExposed()) && ms(start) < 5000)
    QApplication::processEvents(QEventLoop::AllEvents, 20);
}

void printTimings(const char* what, const std::vector<FrameTimings>& all, double cpuMsPerFrame) {
  std::vector<double> total, lut, render, readback, paint;
  for (const FrameTimings& t : all) {
    total.push_back(t.totalMs), lut.push_back(t.lutMs), render.push_back(t.renderMs);
    readback.push_back(t.readbackMs), paint.push_back(t.paintMs);
  }
  std::printf("%-44s median %7.2f ms (LUT+map %5.2f, VTK render %5.2f, read-back %5.2f, paint %5.2f); max %.2f ms;"
              " CPU %.2f ms/frame\n",
              what, median(total), median(lut), median(render), median(readback), median(paint),
              *std::max_element(total.begin(), total.end()), cpuMsPerFrame);
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("DISPLAY")) {
    std::printf("bench_viewer: no X display (run under xvfb-run); nothing measured\n");
    return 0;
  }
  QApplication app(argc, argv);
  int viewWidth = 1024, viewHeight = 1024;
  QString screenshot;
  for (int i = 1; i < argc; ++i) {
    const QString arg = QString::fromLocal8Bit(argv[i]);
    if (arg == QLatin1String("--screenshot") && i + 1 < argc) screenshot = QString::fromLocal8Bit(argv[++i]);
    else if (arg == QLatin1String("--size") && i + 1 < argc) {
      const QStringList parts = QString::fromLocal8Bit(argv[++i]).split(QLatin1Char('x'));
      if (parts.size() == 2) viewWidth = parts[0].toInt(), viewHeight = parts[1].toInt();
    }
  }
  double load[1] = {0};
  if (getloadavg(load, 1) != 1) load[0] = -1;
  std::printf("bench_viewer: 3000x3000 16-bit image, viewport %dx%d, %s, load average %.1f\n", viewWidth, viewHeight,
              qPrintable(QApplication::platformName()), load[0]);

  auto first = makeRadiograph(3000, 1);
  auto second = makeRadiograph(3000, 2);

  OverlayLayerModel layers;
  QUndoStack undo;
  UserRegionLayer regions(&layers, &undo);
  ImageViewport view;
  view.resize(viewWidth, viewHeight);
  view.setOverlayModel(&layers);
  view.setUserRegionLayer(&regions);
  view.show();
  waitUntilExposed(view);

  auto start = Clock::now();
  view.setImage(first);
  view.repaint();
  const double coldMs = ms(start);
  const FrameTimings coldTimings = view.lastFrameTimings();
  start = Clock::now();
  view.setImage(second);
  view.repaint();
  const double warmMs = ms(start);
  std::printf("first frame, new viewport      %7.1f ms (LUT+map %.1f, VTK render %.1f incl. OpenGL set-up, read-back %.1f)\n",
              coldMs, coldTimings.lutMs, coldTimings.renderMs, coldTimings.readbackMs);
  std::printf("first frame, open viewport     %7.1f ms (setImage incl. presets %.1f ms; plane %dx%d, %.2f image px per plane px)\n",
              warmMs, warmMs - view.lastFrameTimings().totalMs, view.lastFrameTimings().planeWidth,
              view.lastFrameTimings().planeHeight, view.lastFrameTimings().imagePixelsPerPlanePixel);

  // Window/level twice: as before, every plane textured by OpenGL, and as shipped, the 1:1 plane
  // copied into the frame with only the texts drawn by OpenGL.
  auto windowLevelSteps = [&](const char* what, double width) {
    for (const bool copied : {false, true}) {
      view.setDirectPlaneCopy(copied);
      view.repaint();
      std::vector<FrameTimings> frames;
      std::vector<double> wall;
      const double cpuStart = processCpuMs();
      for (int i = 0; i < 50; ++i) {
        start = Clock::now();
        view.setWindowLevel(30000 + 200 * i, width > 0 ? width : 40000 - 300 * i);
        view.repaint();
        wall.push_back(ms(start));
        frames.push_back(view.lastFrameTimings());
      }
      const QByteArray label = QByteArray(what) + (copied ? ", plane copied" : ", OpenGL plane (old)");
      printTimings(label.constData(), frames, (processCpuMs() - cpuStart) / 50);
      std::printf("%-44s median %7.2f ms wall (setWindowLevel + repaint)%s\n", "", median(wall),
                  copied && !frames.back().planeCopied ? "; NOT copied" : "");
    }
  };
  windowLevelSteps("window/level change (fit)", 0);
  double cpuStart = 0;

  std::vector<FrameTimings> zoomFrames;
  cpuStart = processCpuMs();
  for (int i = 0; i < 50; ++i) {
    view.setTransform(view.transform());
    PresentationTransform t = view.transform();
    t.zoomAbout(QPointF(viewWidth * 0.4, viewHeight * 0.45), i < 25 ? 1.08 : 1 / 1.08);
    view.setTransform(t);
    view.repaint();
    zoomFrames.push_back(view.lastFrameTimings());
  }
  printTimings("zoom step (about a point)", zoomFrames, (processCpuMs() - cpuStart) / 50);

  view.actualSize();
  std::vector<FrameTimings> panFrames;
  cpuStart = processCpuMs();
  for (int i = 0; i < 50; ++i) {
    PresentationTransform t = view.transform();
    t.panBy(QPointF(i < 25 ? 7 : -7, 3));
    view.setTransform(t);
    view.repaint();
    panFrames.push_back(view.lastFrameTimings());
  }
  printTimings("pan step at 1:1", panFrames, (processCpuMs() - cpuStart) / 50);
  windowLevelSteps("window/level change (1:1)", 30000);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak memory (max RSS)          %7.1f MiB (two 3000x3000 images held: %.1f MiB of int32 pixels)\n",
              usage.ru_maxrss / 1024.0, 2 * 3000.0 * 3000 * 4 / (1024 * 1024));

  if (!screenshot.isEmpty()) {
    view.fitToWindow();
    view.setWindowLevel(32768, 45000);
    OverlayLayer anatomy;
    anatomy.id = QStringLiteral("anatomy");
    anatomy.name = QStringLiteral("Anatomy");
    anatomy.style.labelMode = OverlayLabelMode::Always;
    OverlayItem heart{QStringLiteral("cardiac silhouette"), QRectF(1330, 1560, 720, 600), QStringLiteral("cardiac silhouette"),
                      QColor(), QStringLiteral("The heart size is normal."), OverlayItemFlag::Highlighted};
    OverlayItem lung{QStringLiteral("left lung"), QRectF(1530, 560, 1030, 1860), QStringLiteral("left lung"),
                     QColor(), QString(), OverlayItemFlag::Abnormal};
    anatomy.items << heart << lung;
    layers.addLayer(anatomy, 1);
    const QString region = regions.addRegion(QRectF(500, 700, 500, 400));
    regions.select(region);
    view.flipHorizontal();
    const bool saved = view.grab().save(screenshot);
    std::printf("screenshot (flipped, anatomy + region layers): %s %s\n", qPrintable(screenshot), saved ? "saved" : "NOT saved");
  }
  return 0;
}
