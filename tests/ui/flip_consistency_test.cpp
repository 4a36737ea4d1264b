// The flip check's arithmetic (the IoU itself: tests/geometry): the convention of laterality.h (names
// follow the anatomy, so anatomy i of the mirrored run, mapped back, is compared with anatomy i of the
// original), same side, the summary figures.
#include <QTest>

#include "anatomix/laterality.h"
#include "anatomix/flip_consistency.h"

using anatomix::Box;
using anatomix::mirror_box;
using anatomix::compare_flip_runs;

class FlipConsistencyTest : public QObject {
  Q_OBJECT

 private slots:
  void modelReadingTheAnatomyIsConsistent() {
    // Original: Left lung at the image right, Right lung at the left, Mediastinum off centre.
    const std::vector<std::string> names{"Left lung", "Right lung", "Mediastinum"};
    const float width = 100;
    const std::vector<Box> original{{60, 10, 90, 80}, {10, 10, 40, 80}, {45, 5, 62, 50}};
    // In the mirrored image the heart is on the image left and every name follows its anatomy:
    // "Left lung" now at the image left; mapped back, every box is its original.
    std::vector<Box> flippedSeen;
    for (const Box& box : original) flippedSeen.push_back(mirror_box(box, width));
    std::vector<Box> mappedBack;
    for (const Box& box : flippedSeen) mappedBack.push_back(mirror_box(box, width));
    const auto report = compare_flip_runs(names, original, mappedBack, width);
    QCOMPARE(report.consistent_count, 3);
    for (std::size_t i = 0; i < names.size(); ++i) {
      QCOMPARE(report.anatomies[i].index, int(i));
      QVERIFY(report.anatomies[i].name == names[i]);
      QVERIFY(report.anatomies[i].same_side);
    }
    QVERIFY(qAbs(report.mean_iou - 1.0) < 1e-6);
  }

  void modelNamingLungsByImageSideIsFlagged() {
    const std::vector<std::string> names{"Left lung", "Right lung", "Mediastinum"};
    const float width = 100;
    const std::vector<Box> original{{60, 10, 90, 80}, {10, 10, 40, 80}, {45, 5, 62, 50}};
    // It keeps "Left lung" at the image right of the mirror (the mediastinum follows the heart):
    // mapped back, the lungs land on the other side of their original boxes.
    const std::vector<Box> flippedSeen{{60, 10, 90, 80}, {10, 10, 40, 80}, {38, 5, 55, 50}};
    std::vector<Box> mappedBack;
    for (const Box& box : flippedSeen) mappedBack.push_back(mirror_box(box, width));
    const auto report = compare_flip_runs(names, original, mappedBack, width);
    QCOMPARE(report.consistent_count, 1);
    QVERIFY(!report.anatomies[0].same_side);
    QVERIFY(!report.anatomies[1].same_side);
    QCOMPARE(report.anatomies[0].iou, 0.0);
    QVERIFY(report.anatomies[2].consistent);
  }

  void sameSideButMovedIsInconsistentBelowTheThreshold() {
    const std::vector<std::string> names{"Mediastinum"};
    const auto report = compare_flip_runs(names, {{60, 0, 70, 10}}, {{62, 0, 72, 10}}, 100, 0.9);
    QVERIFY(report.anatomies[0].same_side);
    QVERIFY(!report.anatomies[0].consistent);
    QVERIFY(report.anatomies[0].iou > 0.6 && report.anatomies[0].iou < 0.7);
  }

  void midlineBoxWanderingAcrossTheMidlineKeepsItsSide() {
    // The spine 3 px left of the midline on the film and 3 px right of it on the mirror, mapped back: no side
    // change. A heart that moves from 4 % left of the midline to 4 % right of it has changed side.
    const std::vector<std::string> names{"Vertebral column", "Cardiac shadow viewed radiologically or Heart"};
    const auto report = compare_flip_runs(names, {{442, 0, 552, 900}, {304, 400, 616, 700}},
                                          {{448, 0, 558, 900}, {384, 400, 696, 700}}, 1000);
    QVERIFY(report.anatomies[0].same_side);
    QVERIFY(report.anatomies[0].consistent);
    QVERIFY(!report.anatomies[1].same_side);
    QVERIFY(!report.anatomies[1].consistent);
    QVERIFY(report.anatomies[1].iou > 0.5);  // the IoU alone would have passed it
  }

  void mismatchedSizesAreAnError() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compare_flip_runs({"Left lung"}, {}, {{0, 0, 1, 1}}, 10));
  }
};

QTEST_GUILESS_MAIN(FlipConsistencyTest)
#include "flip_consistency_test.moc"
