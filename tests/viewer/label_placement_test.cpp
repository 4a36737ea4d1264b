// Where overlay labels go (placeLabel, private to the viewport's painter): above a box when there
// is room, inside its top edge at the top of the view, and never over an earlier label while the
// box offers a free place, so that the labels of 36 overlapping anatomy boxes stay readable.
#include <QtTest>

#include "overlay_painter.h"

using namespace anatomix::viewer;

class LabelPlacementTest : public QObject {
  Q_OBJECT

 private slots:
  void aboveTheBoxWhenThereIsRoomElseInside() {
    const QRectF viewport(0, 0, 800, 600);
    QVector<QRectF> taken;
    const QRectF above = placeLabel(QRectF(100, 200, 300, 200), QSizeF(120, 16), viewport, taken);
    QCOMPARE(above, QRectF(100, 183, 120, 16));
    const QRectF inside = placeLabel(QRectF(500, 4, 200, 200), QSizeF(120, 16), viewport, taken);
    QCOMPARE(inside, QRectF(500, 5, 120, 16));
    QCOMPARE(taken.size(), 2);
    // Kept inside the view on the right.
    const QRectF clamped = placeLabel(QRectF(760, 300, 30, 100), QSizeF(120, 16), viewport, taken);
    QCOMPARE(clamped.right(), viewport.right());
  }

  void overlappingBoxesGetLabelsThatDoNotOverlap() {
    // 36 boxes crowded the way anatomy boxes are: nested, shifted by a few pixels, many sharing edges.
    const QRectF viewport(0, 0, 1000, 1000);
    QVector<QRectF> boxes;
    for (int i = 0; i < 36; ++i)
      boxes.push_back(QRectF(200 + (i % 6) * 12, 150 + (i / 6) * 10, 420 - (i % 6) * 20, 600 - (i / 6) * 25));
    QVector<QRectF> taken;
    for (const QRectF& box : boxes) placeLabel(box, QSizeF(150, 17), viewport, taken);
    QCOMPARE(taken.size(), boxes.size());
    for (int i = 0; i < taken.size(); ++i) {
      QVERIFY(viewport.contains(taken[i]));
      for (int j = 0; j < i; ++j)
        QVERIFY2(!taken[i].intersects(taken[j]), qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(j).arg(i)));
    }
  }

  void aFullBoxFallsBackToItsFirstPlace() {
    const QRectF viewport(0, 0, 400, 400);
    QVector<QRectF> taken = {QRectF(0, 0, 400, 400)};  // nowhere is free
    const QRectF label = placeLabel(QRectF(50, 100, 100, 40), QSizeF(80, 16), viewport, taken);
    QCOMPARE(label, QRectF(50, 83, 80, 16));
  }
};

QTEST_MAIN(LabelPlacementTest)
#include "label_placement_test.moc"
