// PresentationTransform: exact image <-> screen round trips under every orientation, zoom and pan,
// and the behaviour of fit, 1:1, zoom about the cursor, flips and rotations.
#include <QtTest>

#include <cmath>

#include "anatomix/viewer/presentation_transform.h"

using anatomix::viewer::PresentationTransform;

class PresentationTransformTest : public QObject {
  Q_OBJECT

 private:
  static PresentationTransform make(int quarterTurns, bool mirrored, double zoom, QPointF pan) {
    PresentationTransform t;
    t.setViewportSize(QSizeF(640, 480));
    t.setImageSize(QSizeF(3000, 2200));
    t.setOrientation(quarterTurns, mirrored);
    t.setZoom(zoom);
    t.setPan(pan);
    return t;
  }

 private slots:
  void roundTripIsExact_data() {
    QTest::addColumn<int>("quarterTurns");
    QTest::addColumn<bool>("mirrored");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<QPointF>("pan");
    const double zooms[] = {1.0 / 64, 0.173, 1.0, 2.5, 64.0};
    const QPointF pans[] = {QPointF(0, 0), QPointF(-123.25, 77.5), QPointF(1e4, -3e3)};
    for (int turns = 0; turns < 4; ++turns)
      for (bool mirrored : {false, true})
        for (double zoom : zooms)
          for (const QPointF& pan : pans)
            QTest::addRow("rot%d mirror%d zoom%g pan(%g,%g)", turns * 90, mirrored, zoom, pan.x(), pan.y())
                << turns << mirrored << zoom << pan;
  }

  void roundTripIsExact() {
    QFETCH(int, quarterTurns);
    QFETCH(bool, mirrored);
    QFETCH(double, zoom);
    QFETCH(QPointF, pan);
    const PresentationTransform t = make(quarterTurns, mirrored, zoom, pan);
    QCOMPARE(t.quarterTurnsClockwise(), quarterTurns);
    QCOMPARE(t.isMirrored(), mirrored);
    double worst = 0;
    for (double x : {0.0, 0.5, 1.0, 17.25, 1499.9, 2999.0, 3000.0, -40.0})
      for (double y : {0.0, 0.5, 733.125, 2199.5, 2200.0, 5000.0}) {
        const QPointF image(x, y);
        const QPointF back = t.screenToImage(t.imageToScreen(image));
        worst = std::max({worst, std::abs(back.x() - x), std::abs(back.y() - y)});
        const QPointF screen(x / 5.0, y / 5.0);
        const QPointF again = t.imageToScreen(t.screenToImage(screen));
        worst = std::max({worst, std::abs(again.x() - screen.x()), std::abs(again.y() - screen.y())});
        // The QTransform used for painting agrees with the point mapping.
        const QPointF painted = t.imageToScreenTransform().map(image);
        const QPointF mapped = t.imageToScreen(image);
        worst = std::max({worst, std::abs(painted.x() - mapped.x()), std::abs(painted.y() - mapped.y())});
      }
    QVERIFY2(worst < 1e-9, qPrintable(QStringLiteral("max round-trip error %1").arg(worst)));
    // Rectangles: corners map to corners.
    const QRectF box(100.5, 200.25, 333, 44.75);
    const QRectF back = t.screenToImage(t.imageToScreen(box));
    QVERIFY(std::abs(back.left() - box.left()) < 1e-9 && std::abs(back.top() - box.top()) < 1e-9);
    QVERIFY(std::abs(back.width() - box.width()) < 1e-9 && std::abs(back.height() - box.height()) < 1e-9);
    QVERIFY(std::abs(t.imageToScreen(box).width() * t.imageToScreen(box).height() -
                     box.width() * box.height() * zoom * zoom) < 1e-6 * zoom * zoom * box.width() * box.height());
  }

  void flipsAndRotationsActOnTheScreen() {
    PresentationTransform t;
    t.setViewportSize(QSizeF(1000, 1000));
    t.setImageSize(QSizeF(400, 200));
    t.fitToViewport();
    const QPointF topLeft = t.imageToScreen(QPointF(0, 0));
    t.flipHorizontal();  // image's left edge now on the screen's right
    QVERIFY(t.imageToScreen(QPointF(0, 0)).x() > 500);
    QCOMPARE(t.imageToScreen(QPointF(0, 0)).y(), topLeft.y());
    t.flipHorizontal();
    QCOMPARE(t.imageToScreen(QPointF(0, 0)), topLeft);
    t.rotateClockwise();  // image +x now points down the screen
    QCOMPARE(t.screenDirectionOfImageX(), QPointF(0, 1));
    QCOMPARE(t.screenDirectionOfImageY(), QPointF(-1, 0));
    t.flipHorizontal();   // a screen mirror after a rotation: +y now points right
    QCOMPARE(t.screenDirectionOfImageY(), QPointF(1, 0));
    QCOMPARE(t.screenDirectionOfImageX(), QPointF(0, 1));
    QVERIFY(t.isMirrored());
    t.flipVertical();  // flipV * flipH = rotation by 180, on top of the clockwise turn
    QVERIFY(!t.isMirrored());
    QCOMPARE(t.quarterTurnsClockwise(), 3);
    for (int i = 0; i < 4; ++i) t.rotateCounterClockwise();
    QCOMPARE(t.quarterTurnsClockwise(), 3);
  }

  void fitShowsTheWholeRotatedImage() {
    PresentationTransform t;
    t.setViewportSize(QSizeF(800, 600));
    t.setImageSize(QSizeF(3000, 1500));
    t.reset();
    QCOMPARE(t.zoom(), 800.0 / 3000.0);
    QCOMPARE(t.visibleImageRect(), QRectF(0, 0, 3000, 1500));
    t.rotateClockwise();  // fit mode follows the rotation: 1500 wide, 3000 high on screen
    QCOMPARE(t.zoom(), 600.0 / 3000.0);
    const QRectF onScreen = t.imageToScreen(QRectF(0, 0, 3000, 1500));
    QVERIFY(std::abs(onScreen.height() - 600) < 1e-9 && std::abs(onScreen.center().x() - 400) < 1e-9);
    t.setViewportSize(QSizeF(400, 1200));  // still fitted after a resize
    QCOMPARE(t.zoom(), 400.0 / 1500.0);
  }

  void wheelZoomKeepsThePointUnderTheCursor() {
    PresentationTransform t = make(1, true, 0.5, QPointF(30, -20));
    const QPointF cursor(123.0, 321.0);
    const QPointF underCursor = t.screenToImage(cursor);
    t.zoomAbout(cursor, 1.2);
    t.zoomAbout(cursor, 1.2);
    QVERIFY(std::abs(t.zoom() - 0.72) < 1e-12);
    const QPointF still = t.screenToImage(cursor);
    QVERIFY(std::abs(still.x() - underCursor.x()) < 1e-9 && std::abs(still.y() - underCursor.y()) < 1e-9);
    QVERIFY(!t.isFitMode());
  }

  void actualSizeIsOneToOneAboutTheCentre() {
    PresentationTransform t = make(0, false, 0.3, QPointF(50, 10));
    const QPointF centre(320, 240);
    const QPointF atCentre = t.screenToImage(centre);
    t.actualSize();
    QCOMPARE(t.zoom(), 1.0);
    const QPointF after = t.screenToImage(centre);
    QVERIFY(std::abs(after.x() - atCentre.x()) < 1e-9 && std::abs(after.y() - atCentre.y()) < 1e-9);
    const QPointF a = t.imageToScreen(QPointF(10, 10)), b = t.imageToScreen(QPointF(11, 10));
    QCOMPARE(b.x() - a.x(), 1.0);
  }

  void zoomIsClamped() {
    PresentationTransform t;
    t.setViewportSize(QSizeF(100, 100));
    t.setImageSize(QSizeF(100, 100));
    t.setZoom(1e9);
    QCOMPARE(t.zoom(), PresentationTransform::kMaxZoom);
    t.setZoom(-3);
    QCOMPARE(t.zoom(), 1.0);
    t.setZoom(1e-9);
    QCOMPARE(t.zoom(), PresentationTransform::kMinZoom);
  }

  void pixelAtFindsTheCoveringPixel() {
    PresentationTransform t = make(2, true, 4.0, QPointF(0, 0));
    int column = 0, row = 0;
    const QPointF inside = t.imageToScreen(QPointF(1234.5, 876.5));  // centre of pixel (1234, 876)
    QVERIFY(t.pixelAt(inside, &column, &row));
    QCOMPARE(column, 1234);
    QCOMPARE(row, 876);
    QVERIFY(!t.pixelAt(t.imageToScreen(QPointF(-0.5, 10)), &column, &row));
    QCOMPARE(column, -1);
  }

  void resetRestoresIdentity() {
    PresentationTransform t = make(3, true, 7.0, QPointF(9, 9));
    t.reset();
    QCOMPARE(t.quarterTurnsClockwise(), 0);
    QVERIFY(!t.isMirrored());
    QVERIFY(t.isFitMode());
    QCOMPARE(t.pan(), QPointF(0, 0));
  }
};

QTEST_GUILESS_MAIN(PresentationTransformTest)
#include "presentation_transform_test.moc"
