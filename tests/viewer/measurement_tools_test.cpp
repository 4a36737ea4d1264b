// QTest drags on the real ImageViewport with the measuring tools: a ruler's length in millimetres on
// an image with a known, anisotropic pixel spacing (also in a flipped and rotated view), an angle
// against the value computed here, moving a point of a measurement (also of a calliper placed by the
// program) as one undo step, lengths in pixels without spacing, and rectangle and ellipse regions of
// interest whose statistics are checked against values computed here pixel by pixel.
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/measurement_layer.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "test_images.h"

using namespace anatomix;
using namespace anatomix::viewer;
using namespace anatomix::viewer::testing;

namespace {

constexpr double kColumnMm = 0.2, kRowMm = 0.25;

void drag(QWidget* widget, QPoint from, QPoint to, int steps = 8) {
  QTest::mousePress(widget, Qt::LeftButton, Qt::NoModifier, from);
  for (int i = 1; i <= steps; ++i) QTest::mouseMove(widget, from + (to - from) * i / steps);
  QTest::mouseRelease(widget, Qt::LeftButton, Qt::NoModifier, to);
}

double lengthMm(QPointF a, QPointF b) { return std::hypot((b.x() - a.x()) * kColumnMm, (b.y() - a.y()) * kRowMm); }

double distance(QPointF a, QPointF b) { return std::hypot(b.x() - a.x(), b.y() - a.y()); }

}  // namespace

class MeasurementToolsTest : public QObject {
  Q_OBJECT

  std::unique_ptr<ImageViewport> m_view;
  std::unique_ptr<OverlayLayerModel> m_layers;
  std::unique_ptr<QUndoStack> m_undo;
  std::unique_ptr<MeasurementLayer> m_measurements;
  std::shared_ptr<image::DecodedImage> m_image;

  QString onlyId() const {
    const QVector<OverlayItem> items = m_measurements->measurements();
    return items.size() == 1 ? items.first().id : QString();
  }

 private slots:
  void init() {
    m_layers = std::make_unique<OverlayLayerModel>();
    m_undo = std::make_unique<QUndoStack>();
    m_measurements = std::make_unique<MeasurementLayer>(m_layers.get(), m_undo.get());
    m_measurements->setSpacing(kColumnMm, kRowMm);
    m_view = std::make_unique<ImageViewport>();
    m_view->resize(400, 400);
    m_view->setOverlayModel(m_layers.get());
    m_view->setMeasurementLayer(m_measurements.get());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_image = makeQuadrantImage(256, 256, {0, 1000, 2000, 4095}, 2048, 4096);
    // A ramp inside the top-left quadrant, so that a region has a spread of values.
    for (int y = 0; y < 128; ++y)
      for (int x = 0; x < 128; ++x) m_image->stored[static_cast<std::size_t>(y) * 256 + x] = x + 3 * y;
    m_view->setImage(m_image);
    m_measurements->setImage(m_image);
  }

  void cleanup() {
    m_view.reset();
    m_measurements.reset();
    m_undo.reset();
    m_layers.reset();
  }

  void rulerMeasuresAKnownDistanceInMillimetres() {
    m_view->setTool(ViewportTool::MeasureDistance);
    const QPoint from(80, 90), to(310, 270);
    const QPointF a = m_view->transform().screenToImage(QPointF(from)), b = m_view->transform().screenToImage(QPointF(to));
    drag(m_view.get(), from, to);
    const QString id = onlyId();
    QVERIFY2(!id.isEmpty(), "one ruler drawn");
    const OverlayItem* ruler = m_measurements->measurement(id);
    QCOMPARE(ruler->pointsPx.size(), 2);
    // Within one image pixel of where the drag started and ended.
    QVERIFY(distance(ruler->pointsPx[0], a) <= 1.0);
    QVERIFY(distance(ruler->pointsPx[1], b) <= 1.0);
    const double expected = lengthMm(a, b);
    QVERIFY2(std::abs(m_measurements->lengthMm(id) - expected) <= std::max(kColumnMm, kRowMm),
             qPrintable(QStringLiteral("%1 mm, expected %2").arg(m_measurements->lengthMm(id)).arg(expected)));
    QCOMPARE(ruler->label, QStringLiteral("%1 mm").arg(m_measurements->lengthMm(id), 0, 'f', 1));
    QVERIFY(ruler->flags.testFlag(OverlayItemFlag::Selected));
    // One undo step away; redo brings it back.
    m_undo->undo();
    QVERIFY(m_measurements->measurements().isEmpty());
    m_undo->redo();
    QCOMPARE(m_measurements->lengthMm(id), m_measurements->lengthMm(onlyId()));
    // Delete removes the selected one.
    m_measurements->select(id);
    QTest::keyClick(m_view.get(), Qt::Key_Delete);
    QVERIFY(m_measurements->measurements().isEmpty());
  }

  void rulerStaysInImagePixelsInAFlippedRotatedView() {
    m_view->flipHorizontal();
    m_view->rotateClockwise();
    m_view->setTool(ViewportTool::MeasureDistance);
    const QPoint from(60, 300), to(330, 120);
    const QPointF a = m_view->transform().screenToImage(QPointF(from)), b = m_view->transform().screenToImage(QPointF(to));
    drag(m_view.get(), from, to);
    const QString id = onlyId();
    QVERIFY(!id.isEmpty());
    const OverlayItem* ruler = m_measurements->measurement(id);
    QVERIFY(distance(ruler->pointsPx[0], a) <= 1.0);
    QVERIFY(distance(ruler->pointsPx[1], b) <= 1.0);
    QVERIFY(std::abs(m_measurements->lengthMm(id) - lengthMm(a, b)) <= std::max(kColumnMm, kRowMm));
    // Drawn where the user dragged: the stored points map back onto the press and release positions.
    QVERIFY(distance(m_view->transform().imageToScreen(ruler->pointsPx[0]), QPointF(from)) < 2.0);
    QVERIFY(distance(m_view->transform().imageToScreen(ruler->pointsPx[1]), QPointF(to)) < 2.0);
  }

  void angleAgainstTheValueComputedHere() {
    m_view->setTool(ViewportTool::MeasureAngle);
    const QPoint armEnd(100, 100), vertex(200, 250), otherArmEnd(330, 210);
    drag(m_view.get(), armEnd, vertex);
    QTest::mouseMove(m_view.get(), otherArmEnd);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier, otherArmEnd);
    const QString id = onlyId();
    QVERIFY(!id.isEmpty());
    const OverlayItem* angle = m_measurements->measurement(id);
    QCOMPARE(angle->pointsPx.size(), 3);
    const QPointF a = m_view->transform().screenToImage(QPointF(armEnd));
    const QPointF v = m_view->transform().screenToImage(QPointF(vertex));
    const QPointF b = m_view->transform().screenToImage(QPointF(otherArmEnd));
    QVERIFY(distance(angle->pointsPx[2], b) <= 1.0);
    // In millimetres: the spacing is not square, so the angle on the patient differs from the screen's.
    const double first = std::atan2((a.y() - v.y()) * kRowMm, (a.x() - v.x()) * kColumnMm);
    const double second = std::atan2((b.y() - v.y()) * kRowMm, (b.x() - v.x()) * kColumnMm);
    double expected = std::abs(first - second) * 180.0 / M_PI;
    if (expected > 180) expected = 360 - expected;
    QVERIFY2(std::abs(m_measurements->angleDegrees(id) - expected) < 0.5,
             qPrintable(QStringLiteral("%1 degrees, expected %2").arg(m_measurements->angleDegrees(id)).arg(expected)));
    QCOMPARE(angle->label, QStringLiteral("%1°").arg(m_measurements->angleDegrees(id), 0, 'f', 1));
  }

  void draggingAPointMovesItAsOneUndoStep() {
    const QString id = m_measurements->addDistance(QPointF(40, 40), QPointF(200, 40));
    const int steps = m_undo->count();
    m_view->setTool(ViewportTool::WindowLevel);
    const auto windowBefore = m_view->window();
    const QPoint end = m_view->transform().imageToScreen(QPointF(200, 40)).toPoint();
    const QPoint target = end + QPoint(0, 60);
    drag(m_view.get(), end, target);
    QCOMPARE(m_undo->count(), steps + 1);
    QCOMPARE(m_view->window().width, windowBefore.width);  // the drag moved the point, not the window
    const QPointF moved = m_measurements->measurement(id)->pointsPx[1];
    QVERIFY(distance(moved, m_view->transform().screenToImage(QPointF(target))) <= 1.0);
    m_undo->undo();
    QVERIFY(distance(m_measurements->measurement(id)->pointsPx[1], QPointF(200, 40)) < 1e-9);
  }

  void calliperIsPlacedWithoutUndoAndAdjustedWithIt() {
    m_measurements->placeCalliper(QStringLiteral("heart"), QPointF(60, 120), QPointF(160, 120), QStringLiteral("Heart"));
    QCOMPARE(m_undo->count(), 0);
    QCOMPARE(m_measurements->measurement(QStringLiteral("heart"))->label,
             QStringLiteral("Heart %1 mm").arg(100 * kColumnMm, 0, 'f', 1));
    const QPoint end = m_view->transform().imageToScreen(QPointF(160, 120)).toPoint();
    drag(m_view.get(), end, end + QPoint(40, 0));
    QCOMPARE(m_undo->count(), 1);
    QVERIFY(m_measurements->lengthPx(QStringLiteral("heart")) > 100);
    m_measurements->setCaption(QStringLiteral("heart"), QStringLiteral("Cardiac"));
    QVERIFY(m_measurements->measurement(QStringLiteral("heart"))->label.startsWith(QStringLiteral("Cardiac ")));
  }

  // A study's saved measurements put back: ids, shapes and texts as saved, labels and statistics
  // recomputed, no undo step, and later measurements numbered after them.
  void restoredMeasurementsKeepTheirIdsWithoutUndo() {
    OverlayItem distance;
    distance.id = QStringLiteral("distance-7");
    distance.pointsPx = {QPointF(10, 20), QPointF(110, 20)};
    OverlayItem ellipse;
    ellipse.id = QStringLiteral("ellipse-8");
    ellipse.rectPx = QRectF(20, 20, 60, 40);
    ellipse.flags.setFlag(OverlayItemFlag::Ellipse);
    OverlayItem arrow;
    arrow.id = QStringLiteral("arrow-9");
    arrow.pointsPx = {QPointF(50, 50), QPointF(80, 90)};
    arrow.flags.setFlag(OverlayItemFlag::Arrow);
    m_measurements->restoreMeasurement(distance);
    m_measurements->restoreMeasurement(ellipse);
    m_measurements->restoreMeasurement(arrow, QStringLiteral("port tip"));
    QCOMPARE(m_undo->count(), 0);
    QCOMPARE(m_measurements->measurements().size(), 3);
    QCOMPARE(m_measurements->lengthMm(distance.id), 100 * kColumnMm);
    QVERIFY(m_measurements->measurement(distance.id)->label.startsWith(QStringLiteral("20.0 mm")));
    QCOMPARE(m_measurements->roiStatistics(ellipse.id).pixelCount,
             m_measurements->statisticsOf(ellipse.rectPx, true).pixelCount);
    QVERIFY(m_measurements->measurement(ellipse.id)->label.startsWith(QStringLiteral("mean ")));
    QCOMPARE(m_measurements->caption(arrow.id), QStringLiteral("port tip"));
    QCOMPARE(m_measurements->measurement(arrow.id)->label, QStringLiteral("port tip"));
    QCOMPARE(m_measurements->addDistance(QPointF(0, 0), QPointF(5, 5)), QStringLiteral("distance-10"));
    QVERIFY(MeasurementLayer::isReaderMeasurement(arrow.id));
    QVERIFY(!MeasurementLayer::isReaderMeasurement(QStringLiteral("ctr-heart")));
  }

  void regionsOfInterestAgainstValuesComputedHere_data() {
    QTest::addColumn<bool>("ellipse");
    QTest::newRow("rectangle") << false;
    QTest::newRow("ellipse") << true;
  }

  void regionsOfInterestAgainstValuesComputedHere() {
    QFETCH(bool, ellipse);
    m_view->setTool(ellipse ? ViewportTool::MeasureEllipse : ViewportTool::MeasureRectangle);
    // Across the ramp and into the neighbouring quadrants.
    const QPoint from = m_view->transform().imageToScreen(QPointF(90.3, 70.6)).toPoint();
    const QPoint to = m_view->transform().imageToScreen(QPointF(170.2, 150.4)).toPoint();
    drag(m_view.get(), from, to);
    const QString id = onlyId();
    QVERIFY(!id.isEmpty());
    const OverlayItem* roi = m_measurements->measurement(id);
    QCOMPARE(roi->flags.testFlag(OverlayItemFlag::Ellipse), ellipse);
    // Pixels whose centres lie inside, from the stored rectangle, summed here.
    const QRectF r = roi->rectPx;
    int count = 0;
    double sum = 0, squares = 0, low = 1e9, high = -1e9;
    for (int y = 0; y < 256; ++y) {
      for (int x = 0; x < 256; ++x) {
        const double px = x + 0.5, py = y + 0.5;
        if (px < r.left() || px >= r.right() || py < r.top() || py >= r.bottom()) continue;
        const double u = (px - r.center().x()) / (r.width() / 2), v = (py - r.center().y()) / (r.height() / 2);
        if (ellipse && u * u + v * v > 1.0) continue;
        const double value = m_image->stored_at(x, y);
        ++count, sum += value, squares += value * value, low = std::min(low, value), high = std::max(high, value);
      }
    }
    QVERIFY(count > 1000);
    const double mean = sum / count, sd = std::sqrt(squares / count - mean * mean);
    const RoiStatistics stats = m_measurements->roiStatistics(id);
    QCOMPARE(stats.pixelCount, count);
    QVERIFY(std::abs(stats.mean - mean) < 1e-6);
    QVERIFY(std::abs(stats.standardDeviation - sd) < 1e-6);
    QCOMPARE(stats.minimum, low);
    QCOMPARE(stats.maximum, high);
    QVERIFY(std::abs(stats.areaMm2 - count * kColumnMm * kRowMm) < 1e-9);
    QVERIFY2(roi->label.startsWith(QStringLiteral("mean %1 SD %2").arg(mean, 0, 'f', 1).arg(sd, 0, 'f', 1)),
             qPrintable(roi->label));
    QVERIFY2(roi->label.endsWith(QStringLiteral("%1 cm²").arg(count * kColumnMm * kRowMm / 100, 0, 'f', 2)),
             qPrintable(roi->label));
    m_undo->undo();
    QVERIFY(m_measurements->measurements().isEmpty());
  }

  void arrowPointsFromTheTipAndCarriesTheReadersText() {
    QSignalSpy drawn(m_view.get(), &ImageViewport::arrowDrawn);
    m_view->setTool(ViewportTool::Arrow);
    const QPoint tip(120, 140), tail(260, 60);
    drag(m_view.get(), tip, tail);
    QCOMPARE(drawn.count(), 1);
    const QString id = drawn.first().at(0).toString();
    const OverlayItem* arrow = m_measurements->measurement(id);
    QVERIFY(arrow && arrow->flags.testFlag(OverlayItemFlag::Arrow));
    QVERIFY(distance(arrow->pointsPx[0], m_view->transform().screenToImage(QPointF(tip))) <= 1.0);
    QVERIFY(arrow->label.isEmpty());  // no length: an arrow is an annotation
    m_measurements->setCaption(id, QStringLiteral("new opacity"));
    QCOMPARE(m_measurements->measurement(id)->label, QStringLiteral("new opacity"));
    m_undo->undo();
    QVERIFY(m_measurements->measurements().isEmpty());
  }

  void magnifierShowsTheViewTwiceAsLargeWhileHeld() {
    // Just left of the vertical boundary between the bottom quadrants (2000 | 4095).
    const QPointF boundary = m_view->transform().imageToScreen(QPointF(128, 200));
    const QPoint cursor = (boundary - QPointF(30, 0)).toPoint();
    const QPoint probe = cursor + QPoint(40, 0);  // 10 px right of the boundary on the plain view
    const QImage plain = m_view->grab().toImage();
    m_view->setTool(ViewportTool::Magnifier);
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, cursor);
    QTest::mouseMove(m_view.get(), cursor);
    const QImage lens = m_view->grab().toImage();
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, cursor);
    const QImage after = m_view->grab().toImage();
    // In the lens the probe shows what lies 20 px right of the cursor: 10 px left of the boundary.
    const double expected = meanRed(plain, cursor + QPoint(20, 0));
    QVERIFY2(std::abs(meanRed(lens, probe) - expected) < 8,
             qPrintable(QStringLiteral("lens %1, expected %2, plain %3").arg(meanRed(lens, probe)).arg(expected)
                            .arg(meanRed(plain, probe))));
    QVERIFY2(std::abs(meanRed(plain, probe) - expected) > 30,  // the plain view differs there
             qPrintable(QStringLiteral("plain %1 at the probe, %2 nearer the cursor").arg(meanRed(plain, probe)).arg(expected)));
    QVERIFY(std::abs(meanRed(after, probe) - meanRed(plain, probe)) < 2);  // released: the lens is gone
  }

  void withoutSpacingLengthsAreInPixels() {
    m_measurements->setSpacing(0, 0);
    const QString id = m_measurements->addDistance(QPointF(10, 10), QPointF(40, 50));
    QCOMPARE(m_measurements->lengthMm(id), 0.0);
    QCOMPARE(m_measurements->lengthPx(id), 50.0);
    QCOMPARE(m_measurements->measurement(id)->label, QStringLiteral("50 px"));
    m_measurements->setSpacing(0.5, 0.5, QStringLiteral("at detector"));
    QCOMPARE(m_measurements->measurement(id)->label, QStringLiteral("25.0 mm at detector"));
  }
};

QTEST_MAIN(MeasurementToolsTest)
#include "measurement_tools_test.moc"
