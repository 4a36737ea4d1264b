// The report the workstation exports (DICOM Comprehensive SR, TID 1500) and the result objects beside
// it (key-image Secondary Capture, Grayscale Softcopy Presentation State) sent to a real Orthanc with
// C-STORE, found again with C-FIND, retrieved with C-GET, and validated by dciodvfy as they came back.
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

#include <memory>

#include "anatomix/network/pacs_client.h"
#include "anatomix/report/export_options.h"
#include "anatomix/report/key_image_export.h"
#include "anatomix/report/presentation_state_export.h"
#include "anatomix/report/sr_export.h"
#include "orthanc_server.h"
#include "report_test_files.h"

namespace {

struct Uids {
  std::string study, series, sop;
};

Uids uids_of(const QString& path) {
  DcmFileFormat file;
  Uids uids;
  if (file.loadFile(path.toStdString().c_str()).bad()) return uids;
  OFString value;
  file.getDataset()->findAndGetOFString(DCM_StudyInstanceUID, value);
  uids.study = value.c_str();
  file.getDataset()->findAndGetOFString(DCM_SeriesInstanceUID, value);
  uids.series = value.c_str();
  file.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, value);
  uids.sop = value.c_str();
  return uids;
}

}  // namespace

class SrToPacsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<anatomix::network::test::OrthancServer>(m_dir.filePath("orthanc").toStdString());
    const QString image = anatomix::report::test::writeChestDicom(m_dir.filePath("chest.dcm"));
    anatomix::network::test::upload_with_storescu(m_server->node(), {image.toStdString()});
    const anatomix::report::ReportDraft draft = anatomix::report::test::makeDraft(image);
    m_sr = m_dir.filePath("report-sr.dcm");
    anatomix::report::writeStructuredReport(m_sr, draft, anatomix::report::ExportOptions());
    m_presentationState = m_dir.filePath("presentation-state.dcm");
    anatomix::report::ExportOptions mirrored;
    mirrored.presentation.mirrored = true;
    anatomix::report::writePresentationState(m_presentationState, draft, mirrored);
    m_keyImage = m_dir.filePath("key-image.dcm");
    QImage view(200, 160, QImage::Format_RGB32);
    view.fill(Qt::darkGray);
    anatomix::report::writeKeyImage(m_keyImage, draft, view, anatomix::report::ExportOptions());
  }

  void storedObjectComesBackValid_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("sopClass");
    QTest::addColumn<QString>("modality");
    QTest::addColumn<QString>("iod");  // what dciodvfy names the object
    QTest::newRow("SR") << m_sr << UID_ComprehensiveSRStorage << "SR" << "ComprehensiveSR";
    QTest::newRow("GSPS") << m_presentationState << UID_GrayscaleSoftcopyPresentationStateStorage << "PR"
                          << "GrayscaleSoftcopyPresentationState";
    QTest::newRow("SC") << m_keyImage << UID_SecondaryCaptureImageStorage << "OT" << "SCImage";
  }

  void storedObjectComesBackValid() {
    QFETCH(QString, path);
    QFETCH(QString, sopClass);
    QFETCH(QString, modality);
    QFETCH(QString, iod);
    const anatomix::network::PacsClient client(m_server->node());
    const Uids object = uids_of(path);
    QVERIFY(!object.sop.empty());
    const auto stored = client.store(path.toStdString());
    QCOMPARE(stored.status, std::uint16_t(0));
    QCOMPARE(stored.sop_class_uid, sopClass.toStdString());

    // The object sits beside the image in the same study, as a series of its own.
    const auto series = client.find_series(object.study);
    bool found = false;
    for (const auto& match : series.matches)
      found = found || (match.series_uid == object.series && match.modality == modality.toStdString());
    QVERIFY2(found, qPrintable(QStringLiteral("no %1 series in the study after C-STORE").arg(modality)));

    const auto got = client.get(m_dir.filePath("cache").toStdString(), object.study, object.series, object.sop);
    QCOMPARE(got.files.size(), std::size_t(1));
    QCOMPARE(uids_of(QString::fromStdString(got.files[0])).sop, object.sop);

    const QString dciodvfy = QStringLiteral(ANATOMIX_DCIODVFY);
    if (dciodvfy.isEmpty()) QSKIP("dciodvfy (dicom3tools) is not installed");
    int exitCode = 0;
    const QString output =
        anatomix::report::test::runProgram(dciodvfy, {QString::fromStdString(got.files[0])}, &exitCode);
    QVERIFY2(output.contains(iod), qPrintable(output));
    QVERIFY2(!output.contains("Error"), qPrintable(output));
  }

  void cleanupTestCase() { m_server.reset(); }

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<anatomix::network::test::OrthancServer> m_server;
  QString m_sr;
  QString m_presentationState;
  QString m_keyImage;
};

QTEST_GUILESS_MAIN(SrToPacsTest)
#include "sr_to_pacs_test.moc"
