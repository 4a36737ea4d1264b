// De-identification (PS3.15 basic profile): the de-identified SR holds none of the profile's
// identifying attributes (checked on dcmdump's listing and with DCMTK), its UIDs are replaced
// consistently, it is marked (Patient Identity Removed, method codes) and still passes dciodvfy.
#include "anatomix/report/deidentifier.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/report/sr_export.h"
#include "report_test_files.h"

using namespace anatomix::report;

namespace {

// Identifying attributes of PS3.15 Table E.1-1 that a chest SR or its source image can carry.
const DcmTagKey kIdentifyingTags[] = {DCM_PatientName,
                                      DCM_PatientID,
                                      DCM_PatientBirthDate,
                                      DCM_PatientSex,
                                      DCM_RETIRED_OtherPatientIDs,
                                      DCM_OtherPatientIDsSequence,
                                      DCM_OtherPatientNames,
                                      DCM_PatientAge,
                                      DCM_PatientAddress,
                                      DCM_AccessionNumber,
                                      DCM_InstitutionName,
                                      DCM_InstitutionAddress,
                                      DCM_ReferringPhysicianName,
                                      DCM_OperatorsName,
                                      DCM_StationName,
                                      DCM_StudyDate,
                                      DCM_StudyTime,
                                      DCM_SeriesDate,
                                      DCM_SeriesTime,
                                      DCM_StudyID,
                                      DCM_StudyDescription,
                                      DCM_SeriesDescription,
                                      DCM_InstanceCreationDate,
                                      DCM_InstanceCreationTime,
                                      DCM_PhysiciansOfRecord,
                                      DCM_PerformingPhysicianName,
                                      DCM_NameOfPhysiciansReadingStudy,
                                      DCM_AuthorObserverSequence,
                                      DCM_VerifyingObserverSequence,
                                      DCM_DeviceSerialNumber};

// Every element with `tag` anywhere in the dataset, nested sequences included.
QStringList valuesOf(DcmItem& dataset, const DcmTagKey& tag) {
  QStringList values;
  DcmStack stack;
  while (dataset.search(tag, stack, ESM_afterStackTop, OFTrue).good()) {
    auto* element = static_cast<DcmElement*>(stack.top());
    OFString value;
    if (element->ident() != EVR_SQ) element->getOFStringArray(value);
    values.append(element->ident() == EVR_SQ && element->getLength() > 0 ? QStringLiteral("<sequence>")
                                                                         : QString::fromUtf8(value.c_str()));
  }
  return values;
}

}  // namespace

class DeidentifierTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_dicom = test::writeChestDicom(m_dir.filePath("chest.dcm"), m_patient);
    m_draft = test::makeDraft(m_dicom);
    m_sr = m_dir.filePath("anonymous-sr.dcm");
    ExportOptions options;
    options.removePatientIdentifiers = true;
    writeStructuredReport(m_sr, m_draft, options);
    QVERIFY(m_file.loadFile(OFFilename(QFile::encodeName(m_sr).constData())).good());
  }

  void identifyingAttributesAreGoneOrEmpty() {
    DcmDataset& dataset = *m_file.getDataset();
    for (const DcmTagKey& tag : kIdentifyingTags) {
      for (const QString& value : valuesOf(dataset, tag)) {
        QVERIFY2(value.isEmpty(), qPrintable(QStringLiteral("%1 = \"%2\"").arg(tag.toString().c_str(), value)));
      }
    }
    OFString removed;
    QVERIFY(dataset.findAndGetOFString(DCM_PatientIdentityRemoved, removed).good());
    QCOMPARE(QString::fromLatin1(removed.c_str()), QStringLiteral("YES"));
    DcmItem* method = nullptr;
    QVERIFY(dataset.findAndGetSequenceItem(DCM_DeidentificationMethodCodeSequence, method, 0).good());
    OFString code;
    method->findAndGetOFString(DCM_CodeValue, code);
    QCOMPARE(QString::fromLatin1(code.c_str()), QStringLiteral("113100"));
  }

  void dcmdumpShowsNoIdentifier() {
    const QString dcmdump = QStringLiteral(ANATOMIX_DCMDUMP);
    if (dcmdump.isEmpty()) QSKIP("dcmdump (DCMTK tools) is not installed");
    int exitCode = 0;
    const QString dump = test::runProgram(dcmdump, {QStringLiteral("+U8"), m_sr}, &exitCode);
    QCOMPARE(exitCode, 0);
    for (const QString& identifier :
         {QStringLiteral("Mustermann"), m_patient.id, m_patient.birthDate, m_patient.accession, m_patient.institution,
          QStringLiteral("House"), QStringLiteral("Tech^Tina"), m_patient.stationName, m_patient.studyDate,
          m_patient.otherPatientId, m_draft.study.studyInstanceUid, m_draft.study.seriesInstanceUid,
          m_draft.study.sopInstanceUid}) {
      QVERIFY2(!dump.contains(identifier), qPrintable(QStringLiteral("dcmdump still shows %1").arg(identifier)));
    }
    QVERIFY(dump.contains("(0012,0062) CS [YES]"));
  }

  void uidsAreReplacedConsistently() {
    DcmDataset& dataset = *m_file.getDataset();
    const QStringList referenced = valuesOf(dataset, DCM_ReferencedSOPInstanceUID);
    // Evidence + image library + 4 SELECTED FROM: all the one (replaced) source instance.
    QCOMPARE(referenced.size(), 6);
    QCOMPARE(referenced.count(referenced.first()), referenced.size());
    QVERIFY(referenced.first().startsWith("2.25."));
    QVERIFY(referenced.first() != m_draft.study.sopInstanceUid);
    const QStringList studies = valuesOf(dataset, DCM_StudyInstanceUID);
    QVERIFY(studies.size() >= 2);  // the SR's own and the evidence's
    QCOMPARE(studies.count(studies.first()), studies.size());
    QVERIFY(studies.first() != m_draft.study.studyInstanceUid);

    Deidentifier deidentifier;
    const QString once = deidentifier.replacementUid(QStringLiteral("1.2.3.4"));
    QCOMPARE(deidentifier.replacementUid(QStringLiteral("1.2.3.4")), once);
    QVERIFY(deidentifier.replacementUid(QStringLiteral("1.2.3.5")) != once);
    QCOMPARE(Deidentifier().replacementUid(QStringLiteral("1.2.3.4")), once);  // the same in every export
    QCOMPARE(referenced.first(), deidentifier.replacementUid(m_draft.study.sopInstanceUid));
    QVERIFY(once.size() <= 64);
    QVERIFY(QRegularExpression(QStringLiteral("^2\\.25\\.[1-9][0-9]*$")).match(once).hasMatch());
  }

  void stillPassesDciodvfy() {
    const QString dciodvfy = QStringLiteral(ANATOMIX_DCIODVFY);
    if (dciodvfy.isEmpty()) QSKIP("dciodvfy (dicom3tools) is not installed");
    int exitCode = 0;
    const QString output = test::runProgram(dciodvfy, {m_sr}, &exitCode);
    qInfo().noquote() << "dciodvfy:\n" << output;
    QVERIFY2(!output.contains("Error"), qPrintable(output));
  }

  void srStillReadsWithFindings() {
    DSRDocument document;
    QVERIFY(document.read(*m_file.getDataset()).good());
    QVERIFY(document.getTree().gotoNamedNode(DSRCodedEntryValue("111030", "DCM", "Image Region")) > 0);
  }

  void imageDatasetLosesPrivateAndStaffAttributes() {
    DcmFileFormat image;
    QVERIFY(image.loadFile(OFFilename(QFile::encodeName(m_dicom).constData())).good());
    DcmDataset& dataset = *image.getDataset();
    QVERIFY(dataset.putAndInsertString(DcmTag(0x0029, 0x0010, EVR_LO), "ACME private").good());
    QVERIFY(dataset.putAndInsertString(DcmTag(0x0029, 0x1001, EVR_LO), "Mustermann").good());
    Deidentifier deidentifier;
    deidentifier.apply(dataset);
    QVERIFY(!dataset.tagExists(DcmTagKey(0x0029, 0x1001)));
    QVERIFY(!dataset.tagExists(DCM_InstitutionName));
    QVERIFY(!dataset.tagExists(DCM_OperatorsName));
    QVERIFY(!dataset.tagExists(DCM_RETIRED_OtherPatientIDs));
    OFString sop;
    dataset.findAndGetOFString(DCM_SOPInstanceUID, sop);
    QCOMPARE(QString::fromLatin1(sop.c_str()), deidentifier.replacementUid(m_draft.study.sopInstanceUid));
    QVERIFY(dataset.tagExists(DCM_PixelData));
  }

  void studyHeaderIsCleared() {
    Deidentifier deidentifier;
    const StudyIdentity clean = deidentifier.apply(m_draft.study);
    QVERIFY(clean.patientName.isEmpty() && clean.patientId.isEmpty() && clean.patientBirthDate.isEmpty());
    QVERIFY(clean.accessionNumber.isEmpty() && clean.studyDate.isEmpty() && clean.studyDescription.isEmpty());
    QCOMPARE(clean.sopInstanceUid, deidentifier.replacementUid(m_draft.study.sopInstanceUid));
  }

 private:
  QTemporaryDir m_dir;
  test::TestPatient m_patient;
  QString m_dicom;
  QString m_sr;
  ReportDraft m_draft;
  DcmFileFormat m_file;
};

QTEST_GUILESS_MAIN(DeidentifierTest)
#include "deidentifier_test.moc"
