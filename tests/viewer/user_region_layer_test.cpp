// UserRegionLayer: undoable add / move / resize / delete of user regions, without a widget.
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"

using namespace anatomix::viewer;

class UserRegionLayerTest : public QObject {
  Q_OBJECT

 private slots:
  void addMoveRemoveUndoRedo() {
    OverlayLayerModel model;
    QUndoStack undo;
    UserRegionLayer regions(&model, &undo);
    QVERIFY(model.hasLayer(QString::fromLatin1(UserRegionLayer::kLayerId)));
    QVERIFY(model.layer(regions.layerId())->editable);
    QSignalSpy changed(&regions, &UserRegionLayer::regionsChanged);

    const QString id = regions.addRegion(QRectF(40, 30, -20, -10));  // normalised
    QCOMPARE(regions.region(id)->rectPx, QRectF(20, 20, 20, 10));
    // A drag: many moves, one undo step.
    for (int i = 1; i <= 5; ++i) regions.setRegionRect(id, QRectF(20 + i, 20 + 2 * i, 20, 10), 1);
    regions.finishDrag();
    QCOMPARE(undo.count(), 2);
    QCOMPARE(regions.region(id)->rectPx, QRectF(25, 30, 20, 10));
    // A second drag with the same key is a second step.
    regions.setRegionRect(id, QRectF(25, 30, 40, 40), 1);
    regions.finishDrag();
    QCOMPARE(undo.count(), 3);
    QVERIFY(regions.removeRegion(id));
    QVERIFY(regions.regions().isEmpty());

    undo.undo();
    QCOMPARE(regions.region(id)->rectPx, QRectF(25, 30, 40, 40));
    undo.undo();
    QCOMPARE(regions.region(id)->rectPx, QRectF(25, 30, 20, 10));
    undo.undo();
    QCOMPARE(regions.region(id)->rectPx, QRectF(20, 20, 20, 10));
    undo.undo();
    QVERIFY(regions.regions().isEmpty());
    for (int i = 0; i < 4; ++i) undo.redo();
    QVERIFY(regions.regions().isEmpty());
    undo.undo();
    QCOMPARE(regions.region(id)->rectPx, QRectF(25, 30, 40, 40));
    QVERIFY(changed.count() >= 12);
  }

  void boundsClipAndIdsAreNotReused() {
    OverlayLayerModel model;
    QUndoStack undo;
    UserRegionLayer regions(&model, &undo);
    regions.setBounds(QRectF(0, 0, 100, 50));
    const QString a = regions.addRegion(QRectF(90, 40, 30, 30));
    QCOMPARE(regions.region(a)->rectPx, QRectF(90, 40, 10, 10));
    const QString b = regions.addRegion(QRectF(5, 5, 0.1, 0.1));  // grown to the minimum size
    QCOMPARE(regions.region(b)->rectPx.size(), QSizeF(1, 1));
    regions.removeRegion(b);
    const QString c = regions.addRegion(QRectF(1, 1, 5, 5));
    QVERIFY(c != a && c != b);
  }

  void removeAllIsOneStepAndKeepsOrder() {
    OverlayLayerModel model;
    QUndoStack undo;
    UserRegionLayer regions(&model, &undo);
    const QString a = regions.addRegion(QRectF(0, 0, 5, 5));
    const QString b = regions.addRegion(QRectF(10, 0, 5, 5));
    const QString c = regions.addRegion(QRectF(20, 0, 5, 5));
    regions.select(b);
    QCOMPARE(regions.selectedRegionId(), b);
    regions.removeAllRegions();
    QVERIFY(regions.regions().isEmpty());
    undo.undo();
    const QVector<OverlayItem> back = regions.regions();
    QCOMPARE(back.size(), 3);
    QCOMPARE(back[0].id, a);
    QCOMPARE(back[1].id, b);
    QCOMPARE(back[2].id, c);
  }

  void labelChangeIsUndoable() {
    OverlayLayerModel model;
    QUndoStack undo;
    UserRegionLayer regions(&model, &undo);
    const QString id = regions.addRegion(QRectF(0, 0, 5, 5), QStringLiteral("nodule?"));
    QVERIFY(regions.setRegionLabel(id, QStringLiteral("nodule")));
    QCOMPARE(regions.region(id)->label, QStringLiteral("nodule"));
    undo.undo();
    QCOMPARE(regions.region(id)->label, QStringLiteral("nodule?"));
  }
};

QTEST_GUILESS_MAIN(UserRegionLayerTest)
#include "user_region_layer_test.moc"
