// The flip check's arithmetic: IoU, the partner convention of laterality.h (anatomy i of the
// mirrored run against anatomy partner[i] of the original), same side, the summary figures.
#include <QTest>

#include "anatomix/laterality.h"
#include "anatomix/ui/flip_consistency.h"

using anatomix::Box;
using anatomix::mirror_box;
using anatomix::ui::boxIou;
using anatomix::ui::compareFlipRuns;

class FlipConsistencyTest : public QObject {
  Q_OBJECT

 private slots:
  void iouOfKnownBoxes() {
    QCOMPARE(boxIou({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0);
    QCOMPARE(boxIou({0, 0, 10, 10}, {20, 20, 30, 30}), 0.0);
    // 5x10 overlap of two 10x10 boxes: 50 / 150.
    QVERIFY(qAbs(boxIou({0, 0, 10, 10}, {5, 0, 15, 10}) - 50.0 / 150.0) < 1e-9);
    QCOMPARE(boxIou({0, 0, 0, 10}, {0, 0, 0, 10}), 0.0);  // degenerate: no area, no NaN
  }

  void modelReadingTheDisplayIsConsistent() {
    // Original: Left lung at the image right, Right lung at the left, Mediastinum off centre.
    const std::vector<std::string> names{"Left lung", "Right lung", "Mediastinum"};
    const float width = 100;
    const std::vector<Box> original{{60, 10, 90, 80}, {10, 10, 40, 80}, {45, 5, 62, 50}};
    // The mirrored image read by the display convention: "Left lung" again at the image right,
    // which maps back onto the original Right lung; the mediastinum simply mirrors.
    const std::vector<Box> flippedSeen{{60, 10, 90, 80}, {10, 10, 40, 80}, {38, 5, 55, 50}};
    std::vector<Box> mappedBack;
    for (const Box& box : flippedSeen) mappedBack.push_back(mirror_box(box, width));
    const auto report = compareFlipRuns(names, original, mappedBack, width);
    QCOMPARE(report.consistentCount, 3);
    QCOMPARE(report.anatomies[0].partnerIndex, 1);
    QCOMPARE(report.anatomies[2].partnerIndex, 2);
    QVERIFY(qAbs(report.meanIou - 1.0) < 1e-6);
    for (const auto& anatomy : report.anatomies) QVERIFY(anatomy.sameSide);
  }

  void modelReadingSidesFromTheHeartIsFlagged() {
    const std::vector<std::string> names{"Left lung", "Right lung"};
    const float width = 100;
    const std::vector<Box> original{{60, 10, 90, 80}, {10, 10, 40, 80}};
    // It follows the heart into the mirror: "Left lung" lands at the image left of the mirror.
    std::vector<Box> mappedBack;
    for (const Box& box : original) mappedBack.push_back(mirror_box(mirror_box(box, width), width));
    const auto report = compareFlipRuns(names, original, mappedBack, width);
    QCOMPARE(report.consistentCount, 0);
    QVERIFY(!report.anatomies[0].sameSide);
    QCOMPARE(report.anatomies[0].iou, 0.0);
  }

  void sameSideButMovedIsInconsistentBelowTheThreshold() {
    const std::vector<std::string> names{"Mediastinum"};
    const auto report = compareFlipRuns(names, {{60, 0, 70, 10}}, {{62, 0, 72, 10}}, 100, 0.9);
    QVERIFY(report.anatomies[0].sameSide);
    QVERIFY(!report.anatomies[0].consistent);
    QVERIFY(report.anatomies[0].iou > 0.6 && report.anatomies[0].iou < 0.7);
  }

  void mismatchedSizesAreAnError() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareFlipRuns({"Left lung"}, {}, {{0, 0, 1, 1}}, 10));
  }
};

QTEST_GUILESS_MAIN(FlipConsistencyTest)
#include "flip_consistency_test.moc"
