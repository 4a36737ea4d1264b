// Two real ImageViewports under a ViewportLink: linked, a wheel zoom, a pan drag and a
// window/level drag in one viewport give the other the same zoom factor, pan and window (both
// ways); unlinked, the other keeps its own; a new image is not passed on.
#include <QSignalSpy>
#include <QtTest>

#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/viewport_link.h"
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

void wheelUp(ImageViewport* view, QPoint at) {
  QWheelEvent wheel(at, view->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(view, &wheel);
}

}  // namespace

class ViewportLinkTest : public QObject {
  Q_OBJECT

  std::unique_ptr<ImageViewport> m_left;
  std::unique_ptr<ImageViewport> m_right;
  std::unique_ptr<ViewportLink> m_link;

 private slots:
  void init() {
    m_left = std::make_unique<ImageViewport>();
    m_right = std::make_unique<ImageViewport>();
    for (ImageViewport* view : {m_left.get(), m_right.get()}) {
      view->resize(400, 400);
      view->show();
      QVERIFY(QTest::qWaitForWindowExposed(view));
    }
    m_link = std::make_unique<ViewportLink>(m_left.get(), m_right.get());
    // Different sizes and windows, so a copied value cannot be a coincidence.
    m_left->setImage(makeQuadrantImage(256, 256, {0, 1000, 2000, 4095}, 2048, 4096));
    m_right->setImage(makeQuadrantImage(300, 200, {0, 500, 1500, 3000}, 1500, 3000));
  }

  void cleanup() {
    m_link.reset();
    m_left.reset();
    m_right.reset();
  }

  void newImagesAreNotPassedOn() {
    m_link->setLinked(true);
    m_right->setImage(makeQuadrantImage(128, 512, {0, 100, 200, 300}, 150, 300));
    QCOMPARE(m_left->window().center, 2048.0);
    QCOMPARE(m_left->window().width, 4096.0);
    QVERIFY(m_left->transform().isFitMode());
    QVERIFY(std::abs(m_left->transform().zoom() - 400.0 / 256.0) < 1e-9);
  }

  void linkedZoomPanAndWindowReachTheOther() {
    m_link->setLinked(true);
    wheelUp(m_left.get(), QPoint(120, 150));
    QVERIFY(m_left->transform().zoom() != 400.0 / 256.0);
    QCOMPARE(m_right->transform().zoom(), m_left->transform().zoom());
    QCOMPARE(m_right->transform().pan(), m_left->transform().pan());

    drag(m_left.get(), Qt::MiddleButton, QPoint(200, 200), QPoint(260, 170));
    QVERIFY(m_left->transform().pan() != QPointF(0, 0));
    QCOMPARE(m_right->transform().pan(), m_left->transform().pan());
    QCOMPARE(m_right->transform().zoom(), m_left->transform().zoom());

    drag(m_left.get(), Qt::RightButton, QPoint(200, 200), QPoint(300, 250));
    QVERIFY(m_left->window().width != 4096.0);
    QCOMPARE(m_right->window().center, m_left->window().center);
    QCOMPARE(m_right->window().width, m_left->window().width);

    // And from the right viewport back to the left.
    m_right->zoomIn();
    QCOMPARE(m_left->transform().zoom(), m_right->transform().zoom());
    m_right->setWindowLevel(700, 900);
    QCOMPARE(m_left->window().center, 700.0);
    QCOMPARE(m_left->window().width, 900.0);
  }

  void unlinkedViewportsAreIndependent() {
    QVERIFY(!m_link->isLinked());
    const PresentationTransform rightBefore = m_right->transform();
    wheelUp(m_left.get(), QPoint(120, 150));
    drag(m_left.get(), Qt::MiddleButton, QPoint(200, 200), QPoint(260, 170));
    drag(m_left.get(), Qt::RightButton, QPoint(200, 200), QPoint(300, 250));
    QVERIFY(m_left->transform() != rightBefore);
    QVERIFY(m_right->transform() == rightBefore);
    QCOMPARE(m_right->window().center, 1500.0);
    QCOMPARE(m_right->window().width, 3000.0);

    // Linked and unlinked again: independent again.
    m_link->setLinked(true);
    m_link->setLinked(false);
    m_left->zoomIn();
    QVERIFY(m_right->transform() == rightBefore);
  }
};

QTEST_MAIN(ViewportLinkTest)
#include "viewport_link_test.moc"
