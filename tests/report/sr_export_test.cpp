// DICOM SR export (TID 1500 as IHE AIR expects): dciodvfy finds no errors, dsr2xml shows the
// findings and their coordinates, and DCMTK reads back the source reference, each region as a
// closed POLYLINE selected from the source image, the device observer and every decision.
#include "anatomix/report/sr_export.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <QFile>
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
        break;
      default:
        break;
    }
  } while (tree.iterate());
  return contents;
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
    DcmFileFormat file;
    QVERIFY(file.loadFile(OFFilename(QFile::encodeName(m_sr).constData())).good());
    DSRDocument document;
    QVERIFY(document.read(*file.getDataset()).good());
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
