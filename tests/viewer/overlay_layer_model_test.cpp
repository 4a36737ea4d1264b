// OverlayLayerModel: layers (order, visibility, opacity through the list-model roles) and items.
#include <QSignalSpy>
#include <QtTest>

#include "anatomix/viewer/overlay_layer_model.h"

using namespace anatomix::viewer;

class OverlayLayerModelTest : public QObject {
  Q_OBJECT

 private:
  static OverlayLayer layer(const QString& id) {
    OverlayLayer l;
    l.id = id;
    l.name = id.toUpper();
    return l;
  }
  static OverlayItem box(const QString& id, QRectF rect) {
    OverlayItem item;
    item.id = id;
    item.rectPx = rect;
    item.label = id;
    return item;
  }

 private slots:
  void layersAreRowsTopFirst() {
    OverlayLayerModel model;
    model.addLayer(layer(QStringLiteral("anatomy")));
    model.addLayer(layer(QStringLiteral("findings")));  // added on top
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.layerIds(), QStringList({QStringLiteral("findings"), QStringLiteral("anatomy")}));
    QCOMPARE(model.data(model.index(1), Qt::DisplayRole).toString(), QStringLiteral("ANATOMY"));
    QCOMPARE(model.data(model.index(1), OverlayLayerModel::LayerIdRole).toString(), QStringLiteral("anatomy"));
    QVERIFY(model.moveLayer(1, 0));
    QCOMPARE(model.layerIds().front(), QStringLiteral("anatomy"));
    QVERIFY(model.removeLayer(QStringLiteral("findings")));
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!model.removeLayer(QStringLiteral("findings")));
  }

  void visibilityAndOpacityThroughRoles() {
    OverlayLayerModel model;
    model.addLayer(layer(QStringLiteral("anatomy")));
    QSignalSpy display(&model, &OverlayLayerModel::layerDisplayChanged);
    QVERIFY(model.setData(model.index(0), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!model.layer(QStringLiteral("anatomy"))->visible);
    QVERIFY(model.setData(model.index(0), 0.4, OverlayLayerModel::OpacityRole));
    QCOMPARE(model.layer(QStringLiteral("anatomy"))->opacity, 0.4);
    model.setLayerOpacity(QStringLiteral("anatomy"), 7.0);  // clamped
    QCOMPARE(model.data(model.index(0), OverlayLayerModel::OpacityRole).toDouble(), 1.0);
    QCOMPARE(display.count(), 3);
    QVERIFY(model.flags(model.index(0)) & Qt::ItemIsUserCheckable);
  }

  void itemsAddUpdateRemoveAndSelect() {
    OverlayLayerModel model;
    model.addLayer(layer(QStringLiteral("anatomy")));
    QSignalSpy items(&model, &OverlayLayerModel::layerItemsChanged);
    QVERIFY(model.addItem(QStringLiteral("anatomy"), box(QStringLiteral("heart"), QRectF(10, 20, 30, 40))));
    QVERIFY(model.addItem(QStringLiteral("anatomy"), box(QStringLiteral("left lung"), QRectF(50, 20, 30, 40))));
    QVERIFY(!model.addItem(QStringLiteral("anatomy"), box(QStringLiteral("heart"), QRectF())));  // duplicate id
    QVERIFY(!model.addItem(QStringLiteral("nope"), box(QStringLiteral("x"), QRectF())));
    QCOMPARE(model.data(model.index(0), OverlayLayerModel::ItemCountRole).toInt(), 2);

    OverlayItem heart = *model.item(QStringLiteral("anatomy"), QStringLiteral("heart"));
    heart.flags |= OverlayItemFlag::Abnormal;
    heart.toolTip = QStringLiteral("The heart is enlarged.");
    QVERIFY(model.updateItem(QStringLiteral("anatomy"), heart));
    QCOMPARE(*model.item(QStringLiteral("anatomy"), QStringLiteral("heart")), heart);

    QSignalSpy selection(&model, &OverlayLayerModel::selectionChanged);
    model.selectItem(QStringLiteral("anatomy"), QStringLiteral("left lung"));
    QCOMPARE(model.selectedItemId(QStringLiteral("anatomy")), QStringLiteral("left lung"));
    model.selectItem(QStringLiteral("anatomy"), QStringLiteral("heart"));
    QVERIFY(!model.item(QStringLiteral("anatomy"), QStringLiteral("left lung"))->flags.testFlag(OverlayItemFlag::Selected));
    QCOMPARE(selection.count(), 2);

    QVERIFY(model.setItemFlag(QStringLiteral("anatomy"), QStringLiteral("left lung"), OverlayItemFlag::Highlighted, true));
    QVERIFY(model.item(QStringLiteral("anatomy"), QStringLiteral("left lung"))->flags.testFlag(OverlayItemFlag::Highlighted));

    QVERIFY(model.removeItem(QStringLiteral("anatomy"), QStringLiteral("heart")));  // was selected
    QCOMPARE(selection.count(), 3);
    QCOMPARE(selection.last().at(1).toString(), QString());
    model.setItems(QStringLiteral("anatomy"), {});
    QCOMPARE(model.layer(QStringLiteral("anatomy"))->items.size(), 0);
    QVERIFY(items.count() >= 6);
  }

  void addingAnExistingLayerReplacesIt() {
    OverlayLayerModel model;
    model.addLayer(layer(QStringLiteral("answer")));
    OverlayLayer replacement = layer(QStringLiteral("answer"));
    replacement.items << box(QStringLiteral("a"), QRectF(1, 2, 3, 4));
    QCOMPARE(model.addLayer(replacement), 0);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.layer(QStringLiteral("answer"))->items.size(), 1);
  }
};

QTEST_GUILESS_MAIN(OverlayLayerModelTest)
#include "overlay_layer_model_test.moc"
