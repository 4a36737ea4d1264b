// ImageViewport renders real frames (VTK offscreen under Xvfb): grey levels of a known pattern in a
// grabbed widget, window/level and invert, zoomed-out resampling, the 1:1 plane copied into the
// frame against the plane textured by OpenGL, and the error message path.
#include <functional>

#include <QSignalSpy>
#include <QtTest>

#include "anatomix/viewer/image_viewport.h"
#include "test_images.h"

using namespace anatomix;
using namespace anatomix::viewer;
using namespace anatomix::viewer::testing;

class ViewportRenderingTest : public QObject {
  Q_OBJECT

  const std::array<int, 4> m_values{0, 1000, 2000, 4095};

  void checkQuadrants(ImageViewport& view, const image::DecodedImage& img, double center, double width, bool inverted) {
    const QImage frame = view.grab().toImage();
    QVERIFY(!frame.isNull());
    const QPointF centres[4] = {{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}};
    for (int q = 0; q < 4; ++q) {
      const QPointF screen = view.transform().imageToScreen(QPointF(centres[q].x() * img.width, centres[q].y() * img.height));
      int expected = expectedGrey(m_values[q], center, width);
      if (inverted) expected = 255 - expected;
      const double seen = meanRed(frame, screen.toPoint());
      QVERIFY2(std::abs(seen - expected) <= 2.0,
               qPrintable(QStringLiteral("quadrant %1: expected grey %2, frame has %3").arg(q).arg(expected).arg(seen)));
    }
  }

 private slots:
  // Where the plane lies 1:1 on screen pixels the viewport copies it instead of texturing it with
  // OpenGL; the frame (grey levels and the texts over them) must be the same either way.
  void copiedPlaneMatchesOpenGlPlane() {
    ImageViewport view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Noise: a plane pixel shifted, flipped or turned the wrong way shows as a large difference.
    auto img = makeQuadrantImage(1200, 900, m_values, 2048, 4096);
    std::uint32_t state = 12345;
    for (std::int32_t& value : img->stored) {
      state = state * 1664525u + 1013904223u;
      value = static_cast<std::int32_t>(state >> 20);  // 0..4095
    }
    img->min_stored = 0;
    img->max_stored = 4095;
    view.setImage(img);

    const std::pair<const char*, std::function<void()>> views[] = {
        {"fit", [] {}},
        {"flipped", [&] { view.flipHorizontal(); }},
        {"flipped and turned", [&] { view.rotateClockwise(); }},
        {"turned back, upside down", [&] { view.rotateCounterClockwise(), view.flipHorizontal(), view.flipVertical(); }},
        {"1:1", [&] { view.resetView(), view.actualSize(); }},
        {"1:1 panned", [&] { view.setTransform([&] { PresentationTransform t = view.transform(); t.panBy(QPointF(-37, 21)); return t; }()); }},
    };
    const std::pair<double, double> windows[] = {{2048, 4096}, {1500, 600}, {3000, 1}};
    for (const auto& [name, apply] : views) {
      apply();
      for (const auto& [center, width] : windows) {
        view.setWindowLevel(center, width);
        view.setDirectPlaneCopy(false);
        const QImage drawn = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY2(!view.lastFrameTimings().planeCopied, name);
        view.setDirectPlaneCopy(true);
        const QImage copied = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY2(view.lastFrameTimings().planeCopied, name);
        QCOMPARE(copied.size(), drawn.size());
        int differing = 0, largest = 0;
        for (int y = 0; y < drawn.height(); ++y)
          for (int x = 0; x < drawn.width(); ++x) {
            const QRgb a = drawn.pixel(x, y), b = copied.pixel(x, y);
            const int difference = std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                                              std::abs(qBlue(a) - qBlue(b))});
            largest = std::max(largest, difference);
            if (difference > 1) ++differing;
          }
        // Rounding may differ by one grey level (the texts' blending), nothing more.
        QVERIFY2(differing == 0,
                 qPrintable(QStringLiteral("%1, window %2/%3: %4 pixels differ by more than 1 grey level, at most by %5")
                                .arg(QLatin1String(name)).arg(width).arg(center).arg(differing).arg(largest)));
      }
    }
  }

  void knownPatternHasExpectedGreyLevels() {
    ImageViewport view;
    view.resize(400, 400);
    view.setAnnotationsVisible(false);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto img = makeQuadrantImage(256, 256, m_values, 2048, 4096);
    view.setImage(img);
    QCOMPARE(view.window().center, 2048.0);
    checkQuadrants(view, *img, 2048, 4096, false);

    view.setWindowLevel(1500, 1200);
    checkQuadrants(view, *img, 1500, 1200, false);
    view.setInverted(true);
    checkQuadrants(view, *img, 1500, 1200, true);
    view.resetView();
    checkQuadrants(view, *img, 2048, 4096, false);
  }

  void frameIsNotBlankWithAnnotations() {
    ImageViewport view;
    view.resize(500, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(makeQuadrantImage(300, 200, m_values, 2048, 4096));
    const QImage frame = view.grab().toImage();
    const QRect imageArea = view.transform().imageToScreen(QRectF(0, 0, 300, 200)).toRect().intersected(frame.rect());
    QSet<int> greys;
    for (int y = imageArea.top(); y <= imageArea.bottom(); y += 7)
      for (int x = imageArea.left(); x <= imageArea.right(); x += 7) greys.insert(qRed(frame.pixel(x, y)));
    QVERIFY2(greys.size() >= 4, qPrintable(QStringLiteral("only %1 grey levels in the image area").arg(greys.size())));
    // Orientation labels of a PA chest are drawn (bright yellow text near the right edge: "L").
    int labelPixels = 0;
    for (int y = 150; y < 250; ++y)
      for (int x = 470; x < 500; ++x) {
        const QRgb p = frame.pixel(x, y);
        if (qRed(p) > 200 && qGreen(p) > 150 && qBlue(p) < 140) ++labelPixels;
      }
    QVERIFY2(labelPixels > 5, "no orientation label at the right edge");
    const FrameTimings timings = view.lastFrameTimings();
    QVERIFY(timings.planeWidth > 0 && timings.planeHeight > 0);
  }

  // In a narrow viewport (one of the 1x2 layout) long patient and study texts are cut before they reach the
  // centred top orientation label.
  void upperCornerTextsLeaveTheTopLabelClear() {
    ImageViewport view;
    view.resize(380, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto img = makeQuadrantImage(1200, 300, m_values, 2048, 4096);  // letterboxed: a black band at the top
    img->patient.name = "WOLFESCHLEGELSTEINHAUSEN^BARNABY MAXIMILIAN";
    img->patient.id = "PID-0000000000000000000001";
    img->study.description = "CHEST PA AND LATERAL WITH COMPARISON";
    img->series.description = "Synthetic chest radiograph, no grid";
    view.setImage(img);
    const QImage frame = view.grab().toImage();
    // The label (orange) and the corner texts (pale yellow) in the top band.
    int labelLeft = frame.width(), labelRight = -1;
    QVector<QPoint> textPixels;
    for (int y = 0; y < 60; ++y)
      for (int x = 0; x < frame.width(); ++x) {
        const QRgb p = frame.pixel(x, y);
        if (qRed(p) > 200 && qGreen(p) > 150 && qGreen(p) < 235 && qBlue(p) < 120) {
          labelLeft = std::min(labelLeft, x);
          labelRight = std::max(labelRight, x);
        } else if (qRed(p) > 200 && qGreen(p) > 200 && qBlue(p) > 150) {
          textPixels << QPoint(x, y);
        }
      }
    QVERIFY2(labelRight >= 0 && labelRight - labelLeft < 40, "no top orientation label near the centre");
    QVERIFY2(textPixels.size() > 50, "no corner texts at the top");
    for (const QPoint& p : textPixels)
      QVERIFY2(p.x() < labelLeft - 2 || p.x() > labelRight + 2,
               qPrintable(QStringLiteral("corner text at x %1 runs into the label at %2-%3").arg(p.x()).arg(labelLeft).arg(labelRight)));
  }

  void monochrome1IsInvertedAfterVoi() {
    ImageViewport view;
    view.resize(300, 300);
    view.setAnnotationsVisible(false);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto img = makeQuadrantImage(200, 200, m_values, 2048, 4096);
    img->monochrome1 = true;
    view.setImage(img);
    checkQuadrants(view, *img, 2048, 4096, true);
  }

  void zoomedOutAndZoomedInFramesKeepGreyLevels() {
    ImageViewport view;
    view.resize(400, 300);
    view.setAnnotationsVisible(false);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto img = makeQuadrantImage(3000, 3000, m_values, 2048, 4096);
    view.setImage(img);
    checkQuadrants(view, *img, 2048, 4096, false);
    // Zoomed out to 1/10: the plane is at screen resolution, not at image resolution.
    QVERIFY(std::abs(view.lastFrameTimings().imagePixelsPerPlanePixel - 10.0) < 1e-9);
    QVERIFY(view.lastFrameTimings().planeWidth <= 400 && view.lastFrameTimings().planeHeight <= 300);

    PresentationTransform zoomed = view.transform();
    zoomed.zoomAbout(zoomed.imageToScreen(QPointF(1500, 1500)), 40.0);  // the four quadrants meet here
    view.setTransform(zoomed);
    const QImage frame = view.grab().toImage();
    const QPointF corner = view.transform().imageToScreen(QPointF(1500, 1500));
    const double zoom = view.transform().zoom();
    const QPointF offsets[4] = {{-0.5, -0.5}, {0.5, -0.5}, {-0.5, 0.5}, {0.5, 0.5}};
    for (int q = 0; q < 4; ++q) {
      const QPoint at = (corner + offsets[q] * zoom * 2).toPoint();
      QVERIFY(std::abs(meanRed(frame, at, 1) - expectedGrey(m_values[q], 2048, 4096)) <= 2.0);
    }
    // Only the visible pixels (plus a one-pixel margin each side) were mapped, not the whole image.
    QVERIFY(view.lastFrameTimings().planeWidth <= std::ceil(400 / zoom) + 3);
    QVERIFY(view.lastFrameTimings().planeHeight <= std::ceil(300 / zoom) + 3);
  }

  void errorMessageReplacesTheImage() {
    ImageViewport view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(makeQuadrantImage(100, 100, m_values, 2048, 4096));
    view.showError(QStringLiteral("/tmp/broken.dcm: pixel data is 10 bytes, expected 20000"));
    QVERIFY(view.hasError());
    QVERIFY(!view.image());
    QVERIFY(view.errorText().contains(QStringLiteral("broken.dcm")));
    const QImage frame = view.grab().toImage();
    int titlePixels = 0, textPixels = 0;
    for (int y = 0; y < frame.height(); ++y)
      for (int x = 0; x < frame.width(); ++x) {
        const QRgb p = frame.pixel(x, y);
        if (qRed(p) > 200 && qGreen(p) < 170 && qBlue(p) < 160) ++titlePixels;  // "Cannot show image"
        if (qRed(p) > 180 && qGreen(p) > 180 && qBlue(p) > 180) ++textPixels;  // the problem text
      }
    QVERIFY2(titlePixels > 50, "no error title drawn");
    QVERIFY2(textPixels > 50, "no error detail drawn");
    // A new image clears the error.
    view.setImage(makeQuadrantImage(100, 100, m_values, 2048, 4096));
    QVERIFY(!view.hasError());

    view.setImage(nullptr);
    QVERIFY(view.hasError());
  }

  void withoutOpenGLTheViewportSaysSo() {
    // VTK cannot render without an X display: the viewport must say so, not show a black frame.
    const QByteArray display = qgetenv("DISPLAY");
    qunsetenv("DISPLAY");
    ImageViewport view;
    view.resize(400, 300);
    view.setImage(makeQuadrantImage(100, 100, m_values, 2048, 4096));
    const QImage frame = view.grab().toImage();
    qputenv("DISPLAY", display);
    int titlePixels = 0;
    for (int y = 0; y < frame.height(); ++y)
      for (int x = 0; x < frame.width(); ++x) {
        const QRgb p = frame.pixel(x, y);
        if (qRed(p) > 200 && qGreen(p) < 170 && qBlue(p) < 160) ++titlePixels;
      }
    QVERIFY2(titlePixels > 50, "no 'Cannot show image' message without OpenGL");
  }

  void invalidVoiLutSelectionIsRefused() {
    ImageViewport view;
    view.resize(200, 200);
    view.setImage(makeQuadrantImage(100, 100, m_values, 2048, 4096));
    image::DisplaySettings settings = view.displaySettings();
    settings.voi.kind = image::VoiSelection::Kind::Lut;
    settings.voi.lut_index = 3;
    view.setDisplaySettings(settings);
    QCOMPARE(view.displaySettings().voi.kind, image::VoiSelection::Kind::Window);
  }

  void chestPresetsApply() {
    ImageViewport view;
    view.resize(300, 300);
    view.setAnnotationsVisible(false);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto img = makeQuadrantImage(200, 200, m_values, 2048, 4096);
    view.setImage(img);
    const auto& presets = view.windowPresets();
    QVERIFY(!presets.empty());
    QCOMPARE(presets.front().origin, image::PresetOrigin::File);
    for (const char* name : {"Lung", "Mediastinum", "Bone"}) {
      int index = -1;
      for (std::size_t i = 0; i < presets.size(); ++i)
        if (presets[i].name == name) index = static_cast<int>(i);
      QVERIFY2(index >= 0, name);
      QSignalSpy changed(&view, &ImageViewport::windowChanged);
      view.applyWindowPreset(index);
      QCOMPARE(changed.count(), 1);
      QCOMPARE(view.window().center, presets[index].voi.window.center);
      QCOMPARE(view.window().width, presets[index].voi.window.width);
      checkQuadrants(view, *img, view.window().center, view.window().width, false);
    }
  }
};

QTEST_MAIN(ViewportRenderingTest)
#include "viewport_rendering_test.moc"
