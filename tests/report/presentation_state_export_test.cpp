// Grayscale Softcopy Presentation State export: dciodvfy finds no errors, and DCMTK reads back the
// source reference, the AI boxes and the reader's measurements as PIXEL graphics at their original-
// image coordinates on their two layers, the viewer's window, and its rotation and mirror.
#include "anatomix/report/presentation_state_export.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "anatomix/report/report_error.h"
#include "report_test_files.h"

using namespace anatomix::report;

namespace {

struct Graphic {
  QString layer;
  QString type;
  QVector<QPointF> points;
  QString text;
  QRectF textBox;  // the text's bounding box (PIXEL)
  QString referencedInstance;
};

QString stringOf(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  item.findAndGetOFStringArray(tag, value);
  return QString::fromUtf8(value.c_str());
}

QVector<Graphic> readGraphics(DcmItem& dataset) {
  QVector<Graphic> graphics;
  DcmSequenceOfItems* annotations = nullptr;
  if (dataset.findAndGetSequence(DCM_GraphicAnnotationSequence, annotations).bad()) return graphics;
  for (unsigned long i = 0; i < annotations->card(); ++i) {
    DcmItem* annotation = annotations->getItem(i);
    DcmItem* reference = nullptr;
    annotation->findAndGetSequenceItem(DCM_ReferencedImageSequence, reference, 0);
    DcmItem* object = nullptr;
    if (annotation->findAndGetSequenceItem(DCM_GraphicObjectSequence, object, 0).bad()) continue;
    Graphic graphic;
    graphic.layer = stringOf(*annotation, DCM_GraphicLayer);
    graphic.type = stringOf(*object, DCM_GraphicType);
    if (reference) graphic.referencedInstance = stringOf(*reference, DCM_ReferencedSOPInstanceUID);
    const Float32* data = nullptr;
    unsigned long count = 0;
    object->findAndGetFloat32Array(DCM_GraphicData, data, &count);
    for (unsigned long j = 0; j + 1 < count; j += 2) graphic.points.append(QPointF(data[j], data[j + 1]));
    DcmItem* text = nullptr;
    if (annotation->findAndGetSequenceItem(DCM_TextObjectSequence, text, 0).good()) {
      graphic.text = stringOf(*text, DCM_UnformattedTextValue);
      const Float32* topLeft = nullptr;
      const Float32* bottomRight = nullptr;
      text->findAndGetFloat32Array(DCM_BoundingBoxTopLeftHandCorner, topLeft);
      text->findAndGetFloat32Array(DCM_BoundingBoxBottomRightHandCorner, bottomRight);
      if (topLeft && bottomRight)
        graphic.textBox = QRectF(QPointF(topLeft[0], topLeft[1]), QPointF(bottomRight[0], bottomRight[1]));
    }
    graphics.append(graphic);
  }
  return graphics;
}

QVector<QPointF> rectangle(const QRectF& box) {
  const QRectF r = box.normalized();
  return {r.topLeft(), r.topRight(), r.bottomRight(), r.bottomLeft(), r.topLeft()};
}

}  // namespace

class PresentationStateExportTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_image = test::writeChestDicom(m_dir.filePath("chest.dcm"));
    m_draft = test::makeDraft(m_image);
    m_draft.measurements = test::makeMeasurements(imageKey(m_draft.study));
  }

  void boxesAtTheirImageCoordinates() {
    const QString path = m_dir.filePath("boxes.dcm");
    writePresentationState(path, m_draft, ExportOptions());
    DcmFileFormat file;
    QVERIFY(file.loadFile(path.toUtf8().constData()).good());
    DcmDataset& dataset = *file.getDataset();
    QCOMPARE(stringOf(dataset, DCM_SOPClassUID), QString::fromLatin1(UID_GrayscaleSoftcopyPresentationStateStorage));
    QCOMPARE(stringOf(dataset, DCM_Modality), QStringLiteral("PR"));
    QCOMPARE(stringOf(dataset, DCM_StudyInstanceUID), m_draft.study.studyInstanceUid);
    QVERIFY(stringOf(dataset, DCM_SeriesInstanceUID) != m_draft.study.seriesInstanceUid);
    QCOMPARE(stringOf(dataset, DCM_PatientName), test::TestPatient().name);
    DcmItem* series = nullptr;
    QVERIFY(dataset.findAndGetSequenceItem(DCM_ReferencedSeriesSequence, series, 0).good());
    QCOMPARE(stringOf(*series, DCM_SeriesInstanceUID), m_draft.study.seriesInstanceUid);
    DcmItem* image = nullptr;
    QVERIFY(series->findAndGetSequenceItem(DCM_ReferencedImageSequence, image, 0).good());
    QCOMPARE(stringOf(*image, DCM_ReferencedSOPInstanceUID), m_draft.study.sopInstanceUid);

    const QVector<Graphic> graphics = readGraphics(dataset);
    QVector<Graphic> ai, reader;
    for (const Graphic& graphic : graphics) {
      QCOMPARE(graphic.referencedInstance, m_draft.study.sopInstanceUid);
      (graphic.layer == QLatin1String(kAiGraphicLayer) ? ai : reader).append(graphic);
      QVERIFY2(graphic.layer == QLatin1String(kAiGraphicLayer) || graphic.layer == QLatin1String(kReaderGraphicLayer),
               qPrintable(graphic.layer));
    }
    // Every region of a finding the reader did not reject, as a closed rectangle, in order.
    QVector<Graphic> expected;
    for (const AiFinding& finding : m_draft.findings) {
      if (finding.decision == FindingDecision::Rejected) continue;
      for (const QRectF& region : finding.regions)
        expected.append({kAiGraphicLayer, "POLYLINE", rectangle(region), finding.shownLabel(), {}});
    }
    QVERIFY(!expected.isEmpty());
    QCOMPARE(ai.size(), expected.size());
    for (int i = 0; i < ai.size(); ++i) {
      QCOMPARE(ai[i].type, QStringLiteral("POLYLINE"));
      QCOMPARE(ai[i].textBox.topLeft(), expected[i].points.first());
      QCOMPARE(ai[i].points, expected[i].points);
      QCOMPARE(ai[i].text, expected[i].text.trimmed());
    }
    const QVector<ReaderMeasurement> measurements = measurementsOfImage(m_draft.measurements, imageKey(m_draft.study));
    QCOMPARE(reader.size(), measurements.size());
    for (int i = 0; i < reader.size(); ++i) {
      const ReaderMeasurement& measurement = measurements[i];
      if (measurement.kind == MeasurementKind::Ellipse) {
        QCOMPARE(reader[i].type, QStringLiteral("ELLIPSE"));
        QCOMPARE(reader[i].points.size(), 4);
      } else if (measurement.kind == MeasurementKind::Rectangle) {
        QCOMPARE(reader[i].points, rectangle(measurement.rectPx));
      } else {
        QCOMPARE(reader[i].type, QStringLiteral("POLYLINE"));
        QCOMPARE(reader[i].points, measurement.pointsPx);
        // The label starts at the top-left of the line's bounds and spans its width.
        double left = 1e9, top = 1e9, right = -1e9;
        for (const QPointF& point : measurement.pointsPx)
          left = std::min(left, point.x()), top = std::min(top, point.y()), right = std::max(right, point.x());
        QCOMPARE(reader[i].textBox.topLeft(), QPointF(left, top));
        QCOMPARE(reader[i].textBox.right(), right);
      }
      QCOMPARE(reader[i].text, measurementValueText(measurement).trimmed());
    }
    // Without rotation or mirror there is no spatial transformation.
    QVERIFY(!dataset.tagExists(DCM_ImageRotation));
    QVERIFY(!dataset.tagExists(DCM_ImageHorizontalFlip));
    QCOMPARE(stringOf(dataset, DCM_PresentationLUTShape), QStringLiteral("IDENTITY"));
    validate(path);
  }

  void windowAndOrientationOfTheViewer_data() {
    QTest::addColumn<int>("quarterTurns");
    QTest::addColumn<bool>("mirrored");
    QTest::addColumn<int>("rotation");
    QTest::addColumn<QString>("flip");
    QTest::newRow("mirrored") << 0 << true << 0 << "Y";
    QTest::newRow("turned clockwise") << 1 << false << 90 << "N";
    // The viewer turns, then mirrors, as DICOM does (PS3.3 C.10.6); dciodvfy checks the displayed
    // area's corners against this order.
    QTest::newRow("turned, then mirrored") << 1 << true << 90 << "Y";
    QTest::newRow("turned back, then mirrored") << 3 << true << 270 << "Y";
    QTest::newRow("upside down, mirrored") << 2 << true << 180 << "Y";
  }

  void windowAndOrientationOfTheViewer() {
    QFETCH(int, quarterTurns);
    QFETCH(bool, mirrored);
    QFETCH(int, rotation);
    QFETCH(QString, flip);
    ExportOptions options;
    options.presentation.hasWindow = true;
    options.presentation.windowCenter = 1234.5;
    options.presentation.windowWidth = 2000;
    options.presentation.inverted = true;
    options.presentation.quarterTurnsClockwise = quarterTurns;
    options.presentation.mirrored = mirrored;
    options.presentation.contentCreator = QStringLiteral("Reader^Rita");
    const QString path = m_dir.filePath(QStringLiteral("view-%1-%2.dcm").arg(quarterTurns).arg(mirrored));
    writePresentationState(path, m_draft, options);
    DcmFileFormat file;
    QVERIFY(file.loadFile(path.toUtf8().constData()).good());
    DcmDataset& dataset = *file.getDataset();
    Uint16 storedRotation = 999;
    QVERIFY(dataset.findAndGetUint16(DCM_ImageRotation, storedRotation).good());
    QCOMPARE(int(storedRotation), rotation);
    QCOMPARE(stringOf(dataset, DCM_ImageHorizontalFlip), flip);
    DcmItem* voi = nullptr;
    QVERIFY(dataset.findAndGetSequenceItem(DCM_SoftcopyVOILUTSequence, voi, 0).good());
    QCOMPARE(stringOf(*voi, DCM_WindowCenter).toDouble(), 1234.5);
    QCOMPARE(stringOf(*voi, DCM_WindowWidth).toDouble(), 2000.0);
    QCOMPARE(stringOf(dataset, DCM_PresentationLUTShape), QStringLiteral("INVERSE"));
    QCOMPARE(stringOf(dataset, DCM_ContentCreatorName), QStringLiteral("Reader^Rita"));
    validate(path);
  }

  void identifiersCanBeRemoved() {
    ExportOptions options;
    options.removePatientIdentifiers = true;
    options.presentation.contentCreator = QStringLiteral("Reader^Rita");
    const QString path = m_dir.filePath("anonymous.dcm");
    writePresentationState(path, m_draft, options);
    DcmFileFormat file;
    QVERIFY(file.loadFile(path.toUtf8().constData()).good());
    DcmDataset& dataset = *file.getDataset();
    QVERIFY(stringOf(dataset, DCM_PatientName).isEmpty());
    QVERIFY(stringOf(dataset, DCM_PatientID).isEmpty());
    QVERIFY(stringOf(dataset, DCM_ContentCreatorName).isEmpty());
    QCOMPARE(stringOf(dataset, DCM_PatientIdentityRemoved), QStringLiteral("YES"));
    QVERIFY(stringOf(dataset, DCM_StudyInstanceUID) != m_draft.study.studyInstanceUid);
    validate(path);
  }

  void sourceThatIsNotDicomIsRefused() {
    ReportDraft draft = m_draft;
    draft.study = StudyIdentity();
    draft.study.sourceFilePath = m_dir.filePath("chest.png");
    try {
      writePresentationState(m_dir.filePath("png.dcm"), draft, ExportOptions());
      QFAIL("no error for a PNG source");
    } catch (const ReportError& error) {
      QVERIFY2(error.message().contains("not a DICOM file"), qPrintable(error.message()));
    }
    ReportDraft outside = m_draft;
    outside.findings[0].regions = {QRectF(300, 200, 100, 100)};
    try {
      writePresentationState(m_dir.filePath("outside.dcm"), outside, ExportOptions());
      QFAIL("no error for a region outside the image");
    } catch (const ReportError& error) {
      QVERIFY2(error.message().contains("not inside the 320 x 256 source image"), qPrintable(error.message()));
    }
  }

 private:
  void validate(const QString& path) {
    const QString dciodvfy = QStringLiteral(ANATOMIX_DCIODVFY);
    if (dciodvfy.isEmpty()) QSKIP("dciodvfy (dicom3tools) is not installed");
    int exitCode = 0;
    const QString output = test::runProgram(dciodvfy, {path}, &exitCode);
    QVERIFY2(output.contains("GrayscaleSoftcopyPresentationState"), qPrintable(output));
    QVERIFY2(!output.contains("Error"), qPrintable(output));
  }

  QTemporaryDir m_dir;
  QString m_image;
  ReportDraft m_draft;
};

QTEST_GUILESS_MAIN(PresentationStateExportTest)
#include "presentation_state_export_test.moc"
