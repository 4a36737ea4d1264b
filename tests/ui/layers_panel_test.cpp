// LayersPanel on a real OverlayLayerModel: rows, visibility check boxes and the opacity slider
// stay in step with the model in both directions.
#include <QListView>
#include <QSlider>
#include <QTest>
#include <QUndoStack>

#include "anatomix/ui/layers_panel.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"

using anatomix::ui::LayersPanel;
using anatomix::viewer::OverlayLayer;
using anatomix::viewer::OverlayLayerModel;

class LayersPanelTest : public QObject {
  Q_OBJECT

 private slots:
  void sliderAndCheckBoxesFollowTheModel() {
    OverlayLayerModel model;
    QUndoStack undo;
    anatomix::viewer::UserRegionLayer regions(&model, &undo);
    OverlayLayer anatomy;
    anatomy.id = QStringLiteral("anatomy");
    anatomy.name = QStringLiteral("Anatomy");
    anatomy.opacity = 0.5;
    model.addLayer(anatomy, 1);
    LayersPanel panel(&model);
    panel.show();

    QCOMPARE(panel.list()->model()->rowCount(), 2);
    panel.setCurrentLayer(QStringLiteral("anatomy"));
    QCOMPARE(panel.currentLayerId(), QStringLiteral("anatomy"));
    QCOMPARE(panel.opacitySlider()->value(), 50);

    panel.opacitySlider()->setValue(20);
    QCOMPARE(model.layer(QStringLiteral("anatomy"))->opacity, 0.2);
    model.setLayerOpacity(QStringLiteral("anatomy"), 0.75);
    QCOMPARE(panel.opacitySlider()->value(), 75);

    const QModelIndex row = model.index(model.rowOfLayer(QStringLiteral("anatomy")));
    QVERIFY(panel.list()->model()->setData(row, Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!model.layer(QStringLiteral("anatomy"))->visible);

    panel.setCurrentLayer(regions.layerId());
    QCOMPARE(panel.opacitySlider()->value(), 100);
  }
};

QTEST_MAIN(LayersPanelTest)
#include "layers_panel_test.moc"
