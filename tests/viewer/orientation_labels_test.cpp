// Orientation labels: from Patient Orientation or the PA/AP view position, following flips and
// rotations of the view.
#include <QtTest>

#include "anatomix/image/dicom_attributes.h"
#include "anatomix/viewer/orientation_labels.h"

using namespace anatomix::viewer;

class OrientationLabelsTest : public QObject {
  Q_OBJECT

 private:
  static PresentationTransform view() {
    PresentationTransform t;
    t.setViewportSize(QSizeF(500, 500));
    t.setImageSize(QSizeF(300, 400));
    return t;
  }

 private slots:
  void paChestShowsPatientLeftOnImageRight() {
    anatomix::image::InstanceAttributes instance;
    instance.view_position = "PA";
    const PatientOrientation orientation = patientOrientationOf(instance);
    QCOMPARE(orientation.row, QStringLiteral("L"));
    QCOMPARE(orientation.column, QStringLiteral("F"));
    const EdgeLabels labels = edgeLabelsFor(orientation, view());
    QCOMPARE(labels.right, QStringLiteral("L"));
    QCOMPARE(labels.left, QStringLiteral("R"));
    QCOMPARE(labels.top, QStringLiteral("H"));
    QCOMPARE(labels.bottom, QStringLiteral("F"));
  }

  void explicitPatientOrientationWins() {
    anatomix::image::InstanceAttributes instance;
    instance.view_position = "PA";
    instance.patient_orientation_row = "R";  // a mirrored acquisition
    instance.patient_orientation_column = "F";
    const EdgeLabels labels = edgeLabelsFor(patientOrientationOf(instance), view());
    QCOMPARE(labels.right, QStringLiteral("R"));
    QCOMPARE(labels.left, QStringLiteral("L"));
  }

  void unknownWithoutOrientationOrChestView() {
    anatomix::image::InstanceAttributes instance;
    instance.view_position = "LL";
    QVERIFY(!patientOrientationOf(instance).known());
    const EdgeLabels labels = edgeLabelsFor(patientOrientationOf(instance), view());
    QVERIFY(labels.left.isEmpty() && labels.right.isEmpty() && labels.top.isEmpty() && labels.bottom.isEmpty());
  }

  void labelsFollowFlipsAndRotations() {
    const PatientOrientation pa{QStringLiteral("L"), QStringLiteral("F")};
    PresentationTransform t = view();
    t.flipHorizontal();
    EdgeLabels labels = edgeLabelsFor(pa, t);
    QCOMPARE(labels.left, QStringLiteral("L"));
    QCOMPARE(labels.right, QStringLiteral("R"));
    QCOMPARE(labels.top, QStringLiteral("H"));
    t.flipHorizontal();
    t.rotateClockwise();  // image +x (patient left) now points down, +y (feet) points left
    labels = edgeLabelsFor(pa, t);
    QCOMPARE(labels.bottom, QStringLiteral("L"));
    QCOMPARE(labels.top, QStringLiteral("R"));
    QCOMPARE(labels.left, QStringLiteral("F"));
    QCOMPARE(labels.right, QStringLiteral("H"));
    t.flipVertical();
    labels = edgeLabelsFor(pa, t);
    QCOMPARE(labels.top, QStringLiteral("L"));
    QCOMPARE(labels.left, QStringLiteral("F"));
  }

  void obliqueDirectionsAreInvertedLetterByLetter() {
    QCOMPARE(oppositeDirection(QStringLiteral("LF")), QStringLiteral("RH"));
    QCOMPARE(oppositeDirection(QStringLiteral("ap")), QStringLiteral("PA"));
    QCOMPARE(oppositeDirection(QStringLiteral("X")), QString());
  }
};

QTEST_GUILESS_MAIN(OrientationLabelsTest)
#include "orientation_labels_test.moc"
