// Overlay boxes stay on the same anatomy: a bright blob with a box over it, under every flip and
// rotation (and zoomed in), checked in the grabbed frame: the box's screen rectangle covers every
// bright pixel and the blob fills the box.
#include <QtTest>

#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "test_images.h"

using namespace anatomix;
using namespace anatomix::viewer;
using namespace anatomix::viewer::testing;

class ViewportOverlayAlignmentTest : public QObject {
  Q_OBJECT

  const QRect m_blobPx{60, 40, 60, 50};  // off-centre in a non-square image, so mistakes show

 private slots:
  void boxFollowsTheBlob_data() {
    QTest::addColumn<int>("quarterTurns");
    QTest::addColumn<bool>("mirrored");
    QTest::addColumn<bool>("zoomedIn");
    for (int turns = 0; turns < 4; ++turns)
      for (bool mirrored : {false, true})
        for (bool zoomedIn : {false, true})
          QTest::addRow("rot%d mirror%d zoom%d", turns * 90, mirrored, zoomedIn) << turns << mirrored << zoomedIn;
  }

  void boxFollowsTheBlob() {
    QFETCH(int, quarterTurns);
    QFETCH(bool, mirrored);
    QFETCH(bool, zoomedIn);

    OverlayLayerModel layers;
    OverlayLayer anatomy;
    anatomy.id = QStringLiteral("anatomy");
    anatomy.name = QStringLiteral("Anatomy");
    anatomy.style.colour = QColor(0, 200, 255);  // no red: the red channel measures the image only
    OverlayItem box;
    box.id = QStringLiteral("blob");
    box.rectPx = QRectF(m_blobPx);
    anatomy.items << box;
    layers.addLayer(anatomy);

    ImageViewport view;
    view.resize(500, 400);
    view.setAnnotationsVisible(false);
    view.setOverlayModel(&layers);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(makeBlobImage(400, 300, 500, m_blobPx, 3000));

    PresentationTransform t = view.transform();
    t.setOrientation(quarterTurns, mirrored);
    if (zoomedIn) t.zoomAbout(t.imageToScreen(QRectF(m_blobPx).center()), 1.7);
    view.setTransform(t);

    const QImage frame = view.grab().toImage();
    const QRectF boxScreen = view.transform().imageToScreen(box.rectPx);
    QVERIFY(frame.rect().contains(boxScreen.toAlignedRect()));
    const QRect inner = boxScreen.adjusted(3, 3, -3, -3).toRect();
    const QRect outer = boxScreen.adjusted(-3, -3, 3, 3).toAlignedRect();
    int darkInside = 0, brightOutside = 0, boxOutline = 0;
    for (int y = 0; y < frame.height(); ++y)
      for (int x = 0; x < frame.width(); ++x) {
        const QRgb p = frame.pixel(x, y);
        if (inner.contains(x, y) && qRed(p) < 200) ++darkInside;
        if (!outer.contains(x, y) && qRed(p) > 128) ++brightOutside;
        if (outer.contains(x, y) && !inner.contains(x, y) && qRed(p) < 60 && qBlue(p) > 200) ++boxOutline;
      }
    QVERIFY2(darkInside == 0, qPrintable(QStringLiteral("%1 dark pixels inside the box").arg(darkInside)));
    QVERIFY2(brightOutside == 0, qPrintable(QStringLiteral("%1 blob pixels outside the box").arg(brightOutside)));
    QVERIFY2(boxOutline > boxScreen.width(), "the box outline is not drawn where the box maps");
  }
};

QTEST_MAIN(ViewportOverlayAlignmentTest)
#include "viewport_overlay_alignment_test.moc"
