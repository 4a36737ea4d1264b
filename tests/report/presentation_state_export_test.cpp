// Grayscale Softcopy Presentation State export: dciodvfy finds no errors, and DCMTK reads back the
// source reference, the AI boxes and the reader's measurements as PIXEL graphics at their original-
// image coordinates on their two layers, the viewer's window, and its rotation and mirror. The
// analysis' 36 anatomy boxes come on a layer of their own with their names, unchanged by the view's
// mirror and cut to the image; the reader's question regions on theirs, with question and answer.
#include "anatomix/report/presentation_state_export.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QMap>
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

QVector<Graphic> onLayer(const QVector<Graphic>& graphics, const char* layer) {
  QVector<Graphic> found;
  for (const Graphic& graphic : graphics)
    if (graphic.layer == QLatin1String(layer)) found.append(graphic);
  return found;
}

// 36 anatomy boxes on writeChestDicom's 320 x 256 image as an analysis gives them: sided names on
// the side the anatomy lies in the pixels (the patient's right on the image's left), the last box
// reaching over the image's right and bottom edges.
QVector<AnatomyBox> analysisAnatomies() {
  QVector<AnatomyBox> anatomies;
  for (int i = 0; i < 36; ++i) {
    const bool right = i % 2 == 0;
    const QString name = i < 2 ? (right ? QStringLiteral("Right lung") : QStringLiteral("Left lung"))
                               : QStringLiteral("%1 anatomy %2").arg(right ? "Right" : "Left").arg(i / 2);
    const double x = right ? 20 + (i % 6) * 4 : 170 + (i % 6) * 4;
    anatomies.append({name, QRectF(x, 10 + i * 5, 100.5, 60.25)});
  }
  anatomies.last().rectPx = QRectF(250, 200, 100, 80);
  return anatomies;
}

// Graphic Layer Sequence: name -> order.
QMap<QString, int> layerOrders(DcmItem& dataset) {
  QMap<QString, int> orders;
  DcmSequenceOfItems* layers = nullptr;
  if (dataset.findAndGetSequence(DCM_GraphicLayerSequence, layers).bad()) return orders;
  for (unsigned long i = 0; i < layers->card(); ++i)
    orders.insert(stringOf(*layers->getItem(i), DCM_GraphicLayer), stringOf(*layers->getItem(i), DCM_GraphicLayerOrder).toInt());
  return orders;
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

  void anatomyAndQuestionRegionsOnLayersOfTheirOwn_data() {
    QTest::addColumn<int>("quarterTurns");
    QTest::addColumn<bool>("mirrored");
    QTest::addColumn<bool>("removeIdentifiers");
    QTest::newRow("as stored") << 0 << false << false;
    // Rotation and mirror are the spatial transformation's: boxes and names stay as the pixels have them.
    QTest::newRow("mirrored") << 0 << true << false;
    QTest::newRow("turned, then mirrored, de-identified") << 1 << true << true;
  }

  void anatomyAndQuestionRegionsOnLayersOfTheirOwn() {
    QFETCH(int, quarterTurns);
    QFETCH(bool, mirrored);
    QFETCH(bool, removeIdentifiers);
    ExportOptions options;
    options.presentation.quarterTurnsClockwise = quarterTurns;
    options.presentation.mirrored = mirrored;
    options.removePatientIdentifiers = removeIdentifiers;
    options.anatomies = analysisAnatomies();
    const QString answer = QStringLiteral("The region shows a small left apical pneumothorax.");
    options.questionRegions = {{QRectF(40.5, 30, 60, 50), QStringLiteral("Describe 1 region"), answer},
                               {QRectF(200, 120, 30.25, 40), QString(), QString()}};
    const QString path = m_dir.filePath(QStringLiteral("layers-%1-%2-%3.dcm").arg(quarterTurns).arg(mirrored).arg(removeIdentifiers));
    writePresentationState(path, m_draft, options);

    DcmFileFormat file;
    QVERIFY(file.loadFile(path.toUtf8().constData()).good());
    DcmDataset& dataset = *file.getDataset();
    if (removeIdentifiers) QVERIFY(stringOf(dataset, DCM_PatientName).isEmpty());
    // Four layers, the anatomy rendered first and the reader's own last.
    const QMap<QString, int> orders = layerOrders(dataset);
    QCOMPARE(orders.size(), 4);
    QVERIFY(orders.value(kAnatomyGraphicLayer) < orders.value(kAiGraphicLayer));
    QVERIFY(orders.value(kAiGraphicLayer) < orders.value(kQuestionGraphicLayer));
    QVERIFY(orders.value(kQuestionGraphicLayer) < orders.value(kReaderGraphicLayer));

    // Every annotation references the image the presentation state is of (its UID remapped with the
    // identifiers removed).
    DcmItem* series = nullptr;
    DcmItem* image = nullptr;
    QVERIFY(dataset.findAndGetSequenceItem(DCM_ReferencedSeriesSequence, series, 0).good());
    QVERIFY(series->findAndGetSequenceItem(DCM_ReferencedImageSequence, image, 0).good());
    const QString sourceInstance = stringOf(*image, DCM_ReferencedSOPInstanceUID);
    QCOMPARE(sourceInstance == m_draft.study.sopInstanceUid, !removeIdentifiers);

    const QVector<Graphic> graphics = readGraphics(dataset);
    const QVector<Graphic> anatomy = onLayer(graphics, kAnatomyGraphicLayer);
    QCOMPARE(anatomy.size(), 36);
    for (int i = 0; i < 36; ++i) {
      const AnatomyBox& expected = options.anatomies[i];
      const QRectF inImage = expected.rectPx.intersected(QRectF(0, 0, 320, 256));
      QCOMPARE(anatomy[i].type, QStringLiteral("POLYLINE"));
      QCOMPARE(anatomy[i].points, rectangle(inImage));
      QCOMPARE(anatomy[i].text, expected.name);
      QCOMPARE(anatomy[i].textBox.topLeft(), inImage.topLeft());
      QCOMPARE(anatomy[i].referencedInstance, sourceInstance);
    }
    // The patient's right lung stays on the image's left, named so, whatever the view does.
    QCOMPARE(anatomy[0].text, QStringLiteral("Right lung"));
    QVERIFY(anatomy[0].points[0].x() < 160 && anatomy[1].points[0].x() > 160);
    // The box over the edges is cut to the image.
    QCOMPARE(anatomy[35].points, rectangle(QRectF(250, 200, 70, 56)));

    const QVector<Graphic> questions = onLayer(graphics, kQuestionGraphicLayer);
    QCOMPARE(questions.size(), 2);
    QCOMPARE(questions[0].points, rectangle(options.questionRegions[0].rectPx));
    QCOMPARE(questions[0].text, QStringLiteral("Describe 1 region: ") + answer);
    QCOMPARE(questions[1].points, rectangle(options.questionRegions[1].rectPx));
    QVERIFY(questions[1].text.isEmpty());  // drawn, not asked about: no text object
    // The findings and the measurements are still there.
    QVERIFY(!onLayer(graphics, kAiGraphicLayer).isEmpty());
    QCOMPARE(onLayer(graphics, kReaderGraphicLayer).size(),
             measurementsOfImage(m_draft.measurements, imageKey(m_draft.study)).size());
    validate(path);
  }

  void questionTextFitsATextObject() {
    QCOMPARE(questionRegionText({QRectF(), QStringLiteral("Diagnose 2 regions"), QString()}),
             QStringLiteral("Diagnose 2 regions"));
    const QString text = questionRegionText({QRectF(), QStringLiteral("Describe"), QString(3000, QLatin1Char('a'))});
    QCOMPARE(text.size(), 1024);
    QVERIFY(text.startsWith(QStringLiteral("Describe: aaa")));
  }

  void anatomyWithoutCoordinatesIsRefused() {
    ExportOptions options;
    options.anatomies = {{QStringLiteral("Left lung"), QRectF(10, 10, qQNaN(), 20)}};
    try {
      writePresentationState(m_dir.filePath("nan-anatomy.dcm"), m_draft, options);
      QFAIL("no error for an anatomy box without coordinates");
    } catch (const ReportError& error) {
      QVERIFY2(error.message().contains("anatomy \"Left lung\" has no valid coordinates"), qPrintable(error.message()));
    }
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
