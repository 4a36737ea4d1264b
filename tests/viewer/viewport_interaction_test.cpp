// QTest mouse and keyboard on the real ImageViewport: window/level drags, wheel zoom to the cursor,
// pan, the pixel read-out, and drawing, moving, resizing, deleting, undoing and redoing a region
// (also in a flipped and rotated view, where the stored rectangle must stay in image pixels).
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"
#include "test_images.h"

using namespace anatomix;
using namespace anatomix::viewer;
using namespace anatomix::viewer::testing;

namespace {

void drag(QWidget* widget, Qt::MouseButton button, QPoint from, QPoint to, int steps = 8) {
  QTest::mousePress(widget, button, Qt::NoModifier, from);
  for (int i = 1; i <= steps; ++i) QTest::mouseMove(widget, from + (to - from) * i / steps);
  QTest::mouseRelease(widget, button, Qt::NoModifier, to);
}

bool near(const QRectF& a, const QRectF& b) {
  return std::abs(a.left() - b.left()) < 1e-9 && std::abs(a.top() - b.top()) < 1e-9 &&
         std::abs(a.width() - b.width()) < 1e-9 && std::abs(a.height() - b.height()) < 1e-9;
}

QString describe(const QRectF& r) {
  return QStringLiteral("(%1,%2 %3x%4)").arg(r.left()).arg(r.top()).arg(r.width()).arg(r.height());
}

}  // namespace

class ViewportInteractionTest : public QObject {
  Q_OBJECT

  std::unique_ptr<ImageViewport> m_view;
  std::unique_ptr<OverlayLayerModel> m_layers;
  std::unique_ptr<QUndoStack> m_undo;
  std::unique_ptr<UserRegionLayer> m_regions;
  std::shared_ptr<image::DecodedImage> m_image;

 private slots:
  void init() {
    m_layers = std::make_unique<OverlayLayerModel>();
    m_undo = std::make_unique<QUndoStack>();
    m_regions = std::make_unique<UserRegionLayer>(m_layers.get(), m_undo.get());
    m_view = std::make_unique<ImageViewport>();
    m_view->resize(400, 400);
    m_view->setOverlayModel(m_layers.get());
    m_view->setUserRegionLayer(m_regions.get());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_image = makeQuadrantImage(256, 256, {0, 1000, 2000, 4095}, 2048, 4096);
    m_view->setImage(m_image);
  }

  void cleanup() {
    m_view.reset();
    m_regions.reset();
    m_undo.reset();
    m_layers.reset();
  }

  void rightDragChangesWindowLevel() {
    QSignalSpy changed(m_view.get(), &ImageViewport::windowChanged);
    const double perPixel = 4095.0 / 1024.0;  // value range / 1024 per screen pixel
    drag(m_view.get(), Qt::RightButton, QPoint(200, 200), QPoint(300, 250));
    QVERIFY(changed.count() > 0);
    QVERIFY(std::abs(m_view->window().width - (4096 + 100 * perPixel)) < 1e-6);
    QVERIFY(std::abs(m_view->window().center - (2048 + 50 * perPixel)) < 1e-6);
    // Narrower and lower: drag left and up.
    drag(m_view.get(), Qt::RightButton, QPoint(300, 300), QPoint(100, 200));
    const double width = 4096 + 100 * perPixel - 200 * perPixel;
    const double center = 2048 + 50 * perPixel - 100 * perPixel;
    QVERIFY(std::abs(m_view->window().width - width) < 1e-6);
    QVERIFY(std::abs(m_view->window().center - center) < 1e-6);
    // The frame shows the new window.
    const QImage frame = m_view->grab().toImage();
    const QPoint topRight = m_view->transform().imageToScreen(QPointF(192, 64)).toPoint();
    QVERIFY(std::abs(meanRed(frame, topRight) - expectedGrey(1000, center, width)) <= 2.0);
    // Right-drag is window/level whatever the tool.
    m_view->setTool(ViewportTool::DrawRegion);
    drag(m_view.get(), Qt::RightButton, QPoint(100, 100), QPoint(140, 100));
    QVERIFY(std::abs(m_view->window().width - (width + 40 * perPixel)) < 1e-6);
    QVERIFY(m_regions->regions().isEmpty());
  }

  void leftDragWithWindowToolAndMinimumWidth() {
    m_view->setTool(ViewportTool::WindowLevel);
    const double perPixel = 4095.0 / 1024.0;
    drag(m_view.get(), Qt::LeftButton, QPoint(390, 200), QPoint(0, 200), 20);
    QVERIFY(std::abs(m_view->window().width - (4096 - 390 * perPixel)) < 1e-6);
    for (int i = 0; i < 2; ++i) drag(m_view.get(), Qt::LeftButton, QPoint(390, 200), QPoint(0, 200), 20);
    QCOMPARE(m_view->window().width, 1.0);  // never below the DICOM minimum of the linear function
    QCOMPARE(m_view->window().center, 2048.0);
  }

  void wheelZoomsAboutTheCursor() {
    const QPointF cursor(120, 90);
    const QPointF under = m_view->transform().screenToImage(cursor);
    const double zoom = m_view->transform().zoom();
    QWheelEvent wheel(cursor, m_view->mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view.get(), &wheel);
    QVERIFY(std::abs(m_view->transform().zoom() - zoom * 1.44) < 1e-9);
    const QPointF still = m_view->transform().screenToImage(cursor);
    QVERIFY(std::abs(still.x() - under.x()) < 1e-9 && std::abs(still.y() - under.y()) < 1e-9);
  }

  void middleDragPansAndReadoutFollowsTheCursor() {
    const QPointF before = m_view->transform().pan();
    drag(m_view.get(), Qt::MiddleButton, QPoint(200, 200), QPoint(230, 180));
    QCOMPARE(m_view->transform().pan(), before + QPointF(30, -20));

    QSignalSpy readout(m_view.get(), &ImageViewport::cursorReadout);
    const QPoint overTopRight = m_view->transform().imageToScreen(QPointF(200.5, 10.5)).toPoint();
    // Delivered directly: QTest::mouseMove warps the X cursor, whose motion event may arrive late (or after a
    // stale one) on a loaded machine.
    QMouseEvent move(QEvent::MouseMove, QPointF(overTopRight), m_view->mapToGlobal(QPointF(overTopRight)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(m_view.get(), &move);
    QVERIFY(readout.count() > 0);
    const auto last = readout.last().at(0).value<PixelReadout>();
    QVERIFY(last.insideImage);
    QCOMPARE(last.storedValue, 1000.0);
    QCOMPARE(last.column, static_cast<int>(std::floor(m_view->transform().screenToImage(QPointF(overTopRight)).x())));
  }

  void drawMoveResizeUndoRedoRegion() {
    m_view->setTool(ViewportTool::DrawRegion);
    QSignalSpy changed(m_regions.get(), &UserRegionLayer::regionsChanged);
    drag(m_view.get(), Qt::LeftButton, QPoint(100, 100), QPoint(180, 160));
    QCOMPARE(m_regions->regions().size(), 1);
    const QString id = m_regions->regions().front().id;
    const PresentationTransform& t = m_view->transform();
    const QRectF drawn = t.screenToImage(QRectF(100, 100, 80, 60));
    QVERIFY2(near(m_regions->region(id)->rectPx, drawn), qPrintable(describe(m_regions->region(id)->rectPx)));
    QCOMPARE(m_regions->selectedRegionId(), id);

    drag(m_view.get(), Qt::LeftButton, QPoint(140, 130), QPoint(160, 140));  // move by (20, 10)
    const QRectF moved = t.screenToImage(QRectF(120, 110, 80, 60));
    QVERIFY2(near(m_regions->region(id)->rectPx, moved), qPrintable(describe(m_regions->region(id)->rectPx)));

    drag(m_view.get(), Qt::LeftButton, QPoint(200, 170), QPoint(230, 190));  // bottom-right handle
    const QRectF resized = t.screenToImage(QRectF(120, 110, 110, 80));
    QVERIFY2(near(m_regions->region(id)->rectPx, resized), qPrintable(describe(m_regions->region(id)->rectPx)));
    QCOMPARE(m_undo->count(), 3);  // draw, move, resize: each drag is one step

    m_undo->undo();
    QVERIFY(near(m_regions->region(id)->rectPx, moved));
    m_undo->undo();
    QVERIFY(near(m_regions->region(id)->rectPx, drawn));
    m_undo->undo();
    QVERIFY(m_regions->regions().isEmpty());
    m_undo->redo();
    m_undo->redo();
    m_undo->redo();
    QVERIFY(near(m_regions->region(id)->rectPx, resized));
    QVERIFY(changed.count() >= 6);

    // The region is drawn where it maps: its outline colour appears on its screen rectangle.
    const QImage frame = m_view->grab().toImage();
    const QRectF screen = t.imageToScreen(resized);
    const QRgb edge = frame.pixel(QPoint(static_cast<int>(screen.center().x()), static_cast<int>(screen.top())));
    QVERIFY2(qRed(edge) > 200 && qGreen(edge) > 150 && qBlue(edge) < 100, "region outline not drawn");

    // Select it by clicking, delete with the keyboard, undo the deletion.
    QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier, QPoint(150, 140));
    QCOMPARE(m_regions->selectedRegionId(), id);
    QTest::keyClick(m_view.get(), Qt::Key_Delete);
    QVERIFY(m_regions->regions().isEmpty());
    m_undo->undo();
    QVERIFY(near(m_regions->region(id)->rectPx, resized));
  }

  void regionDrawnInARotatedMirroredViewIsStoredInImagePixels() {
    m_view->flipHorizontal();
    m_view->rotateClockwise();
    m_view->setTool(ViewportTool::DrawRegion);
    drag(m_view.get(), Qt::LeftButton, QPoint(60, 250), QPoint(150, 300));
    QCOMPARE(m_regions->regions().size(), 1);
    const QRectF stored = m_regions->regions().front().rectPx;
    QVERIFY(near(stored, m_view->transform().screenToImage(QRectF(60, 250, 90, 50))));
    // 90 x 50 on screen is 50 x 90 in the image after a quarter turn.
    const double zoom = m_view->transform().zoom();
    QVERIFY(std::abs(stored.width() - 50 / zoom) < 1e-9 && std::abs(stored.height() - 90 / zoom) < 1e-9);
    // Back to the plain view: the stored box is unchanged and now maps elsewhere on screen.
    m_view->resetView();
    QVERIFY(near(m_regions->regions().front().rectPx, stored));
    QVERIFY(!near(m_view->transform().imageToScreen(stored), QRectF(60, 250, 90, 50)));
  }

  void clickOnAnItemReportsIt() {
    OverlayLayer findings;
    findings.id = QStringLiteral("findings");
    OverlayItem nodule;
    nodule.id = QStringLiteral("nodule-1");
    nodule.rectPx = QRectF(20, 20, 40, 40);
    nodule.toolTip = QStringLiteral("Small nodule in the right upper zone.");
    findings.items << nodule;
    m_layers->addLayer(findings, 1);
    QSignalSpy clicked(m_view.get(), &ImageViewport::itemClicked);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier,
                      m_view->transform().imageToScreen(QPointF(40, 40)).toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.front().at(0).toString(), QStringLiteral("findings"));
    QCOMPARE(clicked.front().at(1).toString(), QStringLiteral("nodule-1"));
  }
};

QTEST_MAIN(ViewportInteractionTest)
#include "viewport_interaction_test.moc"
