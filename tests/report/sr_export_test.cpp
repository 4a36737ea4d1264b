// DICOM SR export (TID 1500 as IHE AIR expects): dciodvfy finds no errors, dsr2xml shows the
// findings and their coordinates, and DCMTK reads back the source reference, each region as a
// closed POLYLINE selected from the source image, the device observer and every decision.
#include "anatomix/report/sr_export.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <QFile>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/report/report_error.h"
#include "report_test_files.h"

using namespace anatomix::report;

namespace {

struct SrContents {
  int nScoords = 0;
  QVector<QVector<QPointF>> polylines;
  QStringList selectedFromInstances;  // SOP instance of every SELECTED FROM image
  QStringList libraryInstances;       // IMAGE items of the image library
  QStringList decisions;              // code values of the decision items
  QStringList findingTexts;
  QString observerType;
  QString deviceObserverName;
  QString deviceObserverModelName;
  QString templateId;
};

SrContents readContents(DSRDocument& document) {
  SrContents contents;
  DSRDocumentTree& tree = document.getTree();
  OFString templateId, mappingResource;
  tree.getCurrentContentItem();
  if (tree.gotoRoot() == 0) return contents;
  tree.getCurrentContentItem().getTemplateIdentification(templateId, mappingResource);
  contents.templateId = QString::fromLatin1(templateId.c_str());
  do {
    DSRContentItem& item = tree.getCurrentContentItem();
    const OFString concept = item.getConceptName().getCodeValue();
    switch (item.getValueType()) {
      case DSRTypes::VT_SCoord: {
        ++contents.nScoords;
        DSRSpatialCoordinatesValue* value = item.getSpatialCoordinatesPtr();
        QVector<QPointF> points;
        Float32 column = 0;
        Float32 row = 0;
        const DSRGraphicDataList& list = value->getGraphicDataList();
        for (size_t i = 1; i <= list.getNumberOfItems(); ++i) {
          list.getItem(i, column, row);
          points.append(QPointF(column, row));
        }
        if (value->getGraphicType() == DSRTypes::GT_Polyline) contents.polylines.append(points);
        break;
      }
      case DSRTypes::VT_Image: {
        const QString instance = QString::fromLatin1(item.getImageReferencePtr()->getSOPInstanceUID().c_str());
        if (item.getRelationshipType() == DSRTypes::RT_selectedFrom) {
          contents.selectedFromInstances.append(instance);
        } else {
          contents.libraryInstances.append(instance);
        }
        break;
      }
      case DSRTypes::VT_Code:
        if (concept == "DECISION")
          contents.decisions.append(QString::fromLatin1(item.getCodeValue().getCodeValue().c_str()));
        if (concept == "121005")
          contents.observerType = QString::fromLatin1(item.getCodeValue().getCodeValue().c_str());
        break;
      case DSRTypes::VT_Text:
        if (concept == "121071") contents.findingTexts.append(QString::fromUtf8(item.getStringValue().c_str()));
        if (concept == "121013") contents.deviceObserverName = QString::fromUtf8(item.getStringValue().c_str());
        if (concept == "121015") contents.deviceObserverModelName = QString::fromUtf8(item.getStringValue().c_str());
        break;
      default:
        break;
    }
  } while (tree.iterate());
  return contents;
}

struct SrNumber {
  QString concept;  // code value
  double value = 0;
  QString unit;  // UCUM code value
};

struct SrRegion {
  DSRTypes::E_GraphicType type = DSRTypes::GT_invalid;
  QVector<QPointF> points;
  QString selectedFrom;  // SOP instance of its SELECTED FROM image
};

// The reader-measurement groups, by tracking identifier: their numbers, regions and texts.
struct SrMeasurementGroup {
  QVector<SrNumber> numbers;
  QVector<SrRegion> regions;
  QStringList findingTexts;
  QStringList comments;
};

QMap<QString, SrMeasurementGroup> readMeasurementGroups(DSRDocument& document) {
  QMap<QString, SrMeasurementGroup> groups;
  DSRDocumentTree& tree = document.getTree();
  if (tree.gotoRoot() == 0) return groups;
  QString group;  // tracking identifier of the group being read
  do {
    DSRContentItem& item = tree.getCurrentContentItem();
    const QString concept = QString::fromLatin1(item.getConceptName().getCodeValue().c_str());
    if (item.getValueType() == DSRTypes::VT_Container) group.clear();
    if (concept == QLatin1String("112039")) group = QString::fromUtf8(item.getStringValue().c_str());
    if (group.isEmpty()) continue;
    SrMeasurementGroup& contents = groups[group];
    switch (item.getValueType()) {
      case DSRTypes::VT_Num: {
        const DSRNumericMeasurementValue* number = item.getNumericValuePtr();
        Float64 value = 0;
        number->getFloatingPointRepresentation(value);
        contents.numbers.append(
            {concept, value, QString::fromLatin1(number->getMeasurementUnit().getCodeValue().c_str())});
        break;
      }
      case DSRTypes::VT_SCoord: {
        SrRegion region;
        region.type = item.getSpatialCoordinatesPtr()->getGraphicType();
        const DSRGraphicDataList& list = item.getSpatialCoordinatesPtr()->getGraphicDataList();
        Float32 column = 0, row = 0;
        for (size_t i = 1; i <= list.getNumberOfItems(); ++i) {
          list.getItem(i, column, row);
          region.points.append(QPointF(column, row));
        }
        contents.regions.append(region);
        break;
      }
      case DSRTypes::VT_Image:
        if (item.getRelationshipType() == DSRTypes::RT_selectedFrom && !contents.regions.isEmpty())
          contents.regions.last().selectedFrom =
              QString::fromLatin1(item.getImageReferencePtr()->getSOPInstanceUID().c_str());
        break;
      case DSRTypes::VT_Text:
        if (concept == QLatin1String("121071"))
          contents.findingTexts.append(QString::fromUtf8(item.getStringValue().c_str()));
        if (concept == QLatin1String("121106"))
          contents.comments.append(QString::fromUtf8(item.getStringValue().c_str()));
        break;
      default:
        break;
    }
  } while (tree.iterate());
  return groups;
}

bool readDocument(const QString& path, DSRDocument* document) {
  DcmFileFormat file;
  return file.loadFile(OFFilename(QFile::encodeName(path).constData())).good() &&
         document->read(*file.getDataset()).good();
}

// dciodvfy (dicom3tools) on `path`: a Comprehensive SR without errors; where it is not installed, a warning
// says what goes unvalidated.
void validateWithDciodvfy(const QString& path, const char* what) {
  const QString dciodvfy = QStringLiteral(ANATOMIX_DCIODVFY);
  if (dciodvfy.isEmpty()) {
    qWarning("dciodvfy (dicom3tools) is not installed: %s is not validated", what);
    return;
  }
  int exitCode = 0;
  const QString output = test::runProgram(dciodvfy, {path}, &exitCode);
  qInfo().noquote() << "dciodvfy:\n" << output;
  QVERIFY2(output.contains("ComprehensiveSR"), qPrintable(output));
  QVERIFY2(!output.contains("Error"), qPrintable(output));
}

}  // namespace

class SrExportTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_dicom = test::writeChestDicom(m_dir.filePath("chest.dcm"));
    m_draft = test::makeDraft(m_dicom);
    m_sr = m_dir.filePath("report-sr.dcm");
    writeStructuredReport(m_sr, m_draft, ExportOptions());
  }

  void passesDciodvfy() {
    const QString dciodvfy = QStringLiteral(ANATOMIX_DCIODVFY);
    if (dciodvfy.isEmpty()) QSKIP("dciodvfy (dicom3tools) is not installed");
    int exitCode = 0;
    const QString output = test::runProgram(dciodvfy, {m_sr}, &exitCode);
    qInfo().noquote() << "dciodvfy:\n" << output;
    QVERIFY2(output.contains("ComprehensiveSR"), qPrintable(output));
    QVERIFY2(!output.contains("Error"), qPrintable(output));
  }

  void dsr2xmlShowsFindingsAndCoordinates() {
    const QString dsr2xml = QStringLiteral(ANATOMIX_DSR2XML);
    if (dsr2xml.isEmpty()) QSKIP("dsr2xml (DCMTK tools) is not installed");
    int exitCode = 0;
    const QString xml = test::runProgram(dsr2xml, {m_sr}, &exitCode);
    QCOMPARE(exitCode, 0);
    for (const char* text : {"calcified granuloma", "left pleural effusion", "pneumothorax", "Cardiomegaly: absent",
                             "Imaging Measurement Report", "POLYLINE", "Rejected by radiologist",
                             "180/150,300/150,300/240,180/240,180/150"}) {
      QVERIFY2(xml.contains(QLatin1String(text)),
               qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(text, xml.left(6000))));
    }
  }

  void readsBackWithDcmtk() {
    DSRDocument document;
    QVERIFY(readDocument(m_sr, &document));
    QCOMPARE(document.getDocumentType(), DSRTypes::DT_ComprehensiveSR);
    OFString value;
    document.getPatientName(value);
    QCOMPARE(QString::fromUtf8(value.c_str()), m_draft.study.patientName);
    document.getStudyInstanceUID(value);
    QCOMPARE(QString::fromLatin1(value.c_str()), m_draft.study.studyInstanceUid);
    document.getSeriesInstanceUID(value);
    QVERIFY(QString::fromLatin1(value.c_str()) != m_draft.study.seriesInstanceUid);
    QCOMPARE(document.getCompletionFlag(), DSRTypes::CF_Partial);
    QCOMPARE(document.getVerificationFlag(), DSRTypes::VF_Unverified);

    OFString evidenceClass, evidenceInstance;
    DSRSOPInstanceReferenceList& evidence = document.getCurrentRequestedProcedureEvidence();
    QCOMPARE(evidence.gotoFirstItem(), EC_Normal);
    evidence.getSOPInstanceUID(evidenceInstance);
    QCOMPARE(QString::fromLatin1(evidenceInstance.c_str()), m_draft.study.sopInstanceUid);

    const SrContents contents = readContents(document);
    QCOMPARE(contents.templateId, QStringLiteral("1500"));
    QCOMPARE(contents.observerType, QStringLiteral("121007"));  // Device
    QVERIFY(contents.deviceObserverName.contains("AnatomiX"));
    QCOMPARE(contents.libraryInstances, QStringList{m_draft.study.sopInstanceUid});
    // 1 + 2 + 1 regions; the classification label has none.
    QCOMPARE(contents.nScoords, 4);
    QCOMPARE(contents.selectedFromInstances, QStringList(4, m_draft.study.sopInstanceUid));
    QCOMPARE(contents.polylines.size(), 4);
    const QVector<QPointF> expected = {{180, 150}, {300, 150}, {300, 240}, {180, 240}, {180, 150}};
    QCOMPARE(contents.polylines.first(), expected);
    for (const QVector<QPointF>& polyline : contents.polylines) {
      QCOMPARE(polyline.size(), 5);
      QCOMPARE(polyline.first(), polyline.last());  // closed
    }
    QCOMPARE(contents.decisions, (QStringList{"ACCEPTED", "EDITED", "EDITED", "REJECTED", "NOTREVIEWED"}));
    QVERIFY(contents.findingTexts.contains("calcified granuloma"));
    QVERIFY(contents.findingTexts.contains("pneumothorax"));  // rejected: kept, marked
    QVERIFY(contents.findingTexts.contains("Small left pleural effusion. Heart size normal."));
  }

  // The model bundle that produced the findings is the device observer's model (TID 1004 Device Observer Model
  // Name) and named in its name; dciodvfy still finds no errors.
  void namesTheModelBundleAsTheDeviceObserver() {
    ExportOptions options;
    options.algorithm.modelName = QStringLiteral("chexpert-anatomix");
    options.algorithm.modelVersion = QStringLiteral("2.1");
    options.algorithm.modelDescription = QStringLiteral("imported from the published AnatomiX checkpoint");
    const QString path = m_dir.filePath("model-sr.dcm");
    writeStructuredReport(path, m_draft, options);

    validateWithDciodvfy(path, "the SR naming the model");
    if (QTest::currentTestFailed()) return;
    DSRDocument document;
    QVERIFY(readDocument(path, &document));
    const SrContents contents = readContents(document);
    QCOMPARE(contents.observerType, QStringLiteral("121007"));  // Device
    QCOMPARE(contents.deviceObserverName, QStringLiteral("AnatomiX 0.1 with chexpert-anatomix 2.1 (AI-generated)"));
    QCOMPARE(contents.deviceObserverModelName,
             QStringLiteral("chexpert-anatomix 2.1: imported from the published AnatomiX checkpoint"));

    // Without a model named, the program is the device's model, as before.
    DSRDocument withoutModel;
    QVERIFY(readDocument(m_sr, &withoutModel));
    QCOMPARE(readContents(withoutModel).deviceObserverModelName, QStringLiteral("AnatomiX 0.1"));
  }

  // A distance, an angle, an ellipse ROI, an arrow and an uncalibrated distance: one TID 1410 group
  // each, with their values, UCUM units and image regions; dciodvfy still finds no errors.
  void readerMeasurementsBecomeMeasurementGroups() {
    ReportDraft draft = m_draft;
    draft.measurements = test::makeMeasurements(imageKey(draft.study));
    ReaderMeasurement onOtherImage = draft.measurements[0];
    onOtherImage.id = QStringLiteral("distance-9");
    onOtherImage.imageKey = QStringLiteral("1.2.3.4.5");  // the study's lateral view, say
    draft.measurements.append(onOtherImage);
    const QString path = m_dir.filePath("measured-sr.dcm");
    writeStructuredReport(path, draft, ExportOptions());

    validateWithDciodvfy(path, "the measured SR");
    if (QTest::currentTestFailed()) return;
    DSRDocument document;
    QVERIFY(readDocument(path, &document));
    const QMap<QString, SrMeasurementGroup> groups = readMeasurementGroups(document);
    const QString source = draft.study.sopInstanceUid;
    const auto number = [&](const QString& group, const QString& concept) {
      for (const SrNumber& n : groups.value(group).numbers)
        if (n.concept == concept) return n;
      return SrNumber{};
    };

    const SrMeasurementGroup distance = groups.value("distance-1");
    QCOMPARE(distance.regions.size(), 1);
    QCOMPARE(distance.regions[0].type, DSRTypes::GT_Polyline);
    QCOMPARE(distance.regions[0].points, (QVector<QPointF>{{40, 200}, {160, 200}}));
    QCOMPARE(distance.regions[0].selectedFrom, source);
    QCOMPARE(number("distance-1", "410668003").value, 16.8);  // Length
    QCOMPARE(number("distance-1", "410668003").unit, QStringLiteral("mm"));
    QCOMPARE(distance.comments, QStringList{"Imager Pixel Spacing: magnification not corrected"});

    QCOMPARE(groups.value("angle-2").regions[0].points, (QVector<QPointF>{{100, 100}, {150, 150}, {200, 100}}));
    QCOMPARE(number("angle-2", "110859").value, 90.0);  // Angle
    QCOMPARE(number("angle-2", "110859").unit, QStringLiteral("deg"));

    const SrMeasurementGroup ellipse = groups.value("ellipse-3");
    QCOMPARE(ellipse.regions.size(), 1);
    QCOMPARE(ellipse.regions[0].type, DSRTypes::GT_Ellipse);
    // Major axis (horizontal, 60 px) first, then the minor axis (40 px).
    QCOMPARE(ellipse.regions[0].points, (QVector<QPointF>{{200, 140}, {260, 140}, {230, 120}, {230, 160}}));
    QCOMPARE(ellipse.regions[0].selectedFrom, source);
    QCOMPARE(number("ellipse-3", "373098007").value, 812.5);               // Mean
    QCOMPARE(number("ellipse-3", "386136009").value, 20.25);               // Standard Deviation
    QCOMPARE(number("ellipse-3", "255605001").value, 760.0);               // Minimum
    QCOMPARE(number("ellipse-3", "56851009").value, 870.0);                // Maximum
    QCOMPARE(number("ellipse-3", "373098007").unit, QStringLiteral("1"));  // stored values: no units
    QCOMPARE(number("ellipse-3", "42798000").value, 36.85);                // Area
    QCOMPARE(number("ellipse-3", "42798000").unit, QStringLiteral("mm2"));

    QCOMPARE(groups.value("arrow-4").findingTexts, QStringList{"port tip"});
    QCOMPARE(groups.value("arrow-4").regions[0].points, (QVector<QPointF>{{100, 50}, {130, 80}}));
    QVERIFY(groups.value("arrow-4").numbers.isEmpty());

    QCOMPARE(number("distance-5", "410668003").value, 100.0);
    QCOMPARE(number("distance-5", "410668003").unit, QStringLiteral("{pixels}"));
    QCOMPARE(groups.value("distance-5").comments.size(), 1);
    QVERIFY(!groups.contains("distance-9"));  // another image's measurement
    QVERIFY2(groups.value("distance-5").comments[0].contains("pixels"),
             qPrintable(groups.value("distance-5").comments[0]));
  }

  void measurementWithoutCoordinatesIsRefused() {
    ReportDraft draft = m_draft;
    draft.measurements = test::makeMeasurements(imageKey(draft.study));
    draft.measurements[1].pointsPx[1] = QPointF(qQNaN(), 3);
    expectError(draft, "angle-2");
  }

  void latin1NamesArriveAsUtf8() {
    test::TestPatient patient;
    patient.name = QStringLiteral("Müller^Jürgen");
    patient.latin1 = true;
    const ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("latin1.dcm"), patient));
    QCOMPARE(draft.study.patientName, patient.name);
    const QString path = m_dir.filePath("latin1-sr.dcm");
    writeStructuredReport(path, draft, ExportOptions());
    DcmFileFormat file;
    QVERIFY(file.loadFile(OFFilename(QFile::encodeName(path).constData())).good());
    OFString name, charset;
    file.getDataset()->findAndGetOFString(DCM_PatientName, name);
    file.getDataset()->findAndGetOFString(DCM_SpecificCharacterSet, charset);
    QCOMPARE(QString::fromLatin1(charset.c_str()), QStringLiteral("ISO_IR 192"));
    QCOMPARE(QString::fromUtf8(name.c_str()), patient.name);
  }

  void nonDicomSourceIsRefused() {
    ReportDraft draft;
    draft.study.sourceFilePath = m_dir.filePath("chest.png");
    expectError(draft, "not a DICOM file");
  }

  void regionOutsideTheImageIsRefused() {
    ReportDraft draft = m_draft;
    draft.findings[0].regions = {QRectF(QPointF(300, 200), QPointF(400, 240))};  // image is 320 wide
    expectError(draft, "not inside the 320 x 256 source image");
    draft.findings[0].regions = {QRectF(QPointF(qQNaN(), 0), QPointF(10, 10))};
    expectError(draft, "phrase-1");
  }

  void unreadableSourceIsNamed() {
    const QString broken = m_dir.filePath("broken.dcm");
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(128, '\0') + "DICM" + QByteArray(10, '\x7f'));
    file.close();
    ReportDraft draft = m_draft;
    draft.study.sourceFilePath = broken;
    expectError(draft, broken);
  }

 private:
  void expectError(const ReportDraft& draft, const QString& expected) {
    const QString path = m_dir.filePath("refused.dcm");
    try {
      writeStructuredReport(path, draft, ExportOptions());
      QFAIL("the SR was written");
    } catch (const ReportError& error) {
      QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
    }
    QVERIFY(!QFile::exists(path));
  }

  QTemporaryDir m_dir;
  QString m_dicom;
  QString m_sr;
  ReportDraft m_draft;
};

QTEST_GUILESS_MAIN(SrExportTest)
#include "sr_export_test.moc"
