// The report the workstation exports (DICOM Comprehensive SR, TID 1500) sent to a real Orthanc with
// C-STORE, found again with C-FIND, retrieved with C-GET, and validated by dciodvfy as it came back.
#include <QTemporaryDir>
#include <QtTest>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

#include <memory>

#include "anatomix/network/pacs_client.h"
#include "anatomix/report/export_options.h"
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
    m_sr = m_dir.filePath("report-sr.dcm");
    anatomix::report::writeStructuredReport(m_sr, anatomix::report::test::makeDraft(image),
                                            anatomix::report::ExportOptions());
  }

  void storedReportComesBackValid() {
    const anatomix::network::PacsClient client(m_server->node());
    const Uids sr = uids_of(m_sr);
    QVERIFY(!sr.sop.empty());
    const auto stored = client.store(m_sr.toStdString());
    QCOMPARE(stored.status, std::uint16_t(0));
    QCOMPARE(stored.sop_class_uid, std::string(UID_ComprehensiveSRStorage));

    // The report sits beside the image in the same study, as a series of its own.
    const auto series = client.find_series(sr.study);
    bool found = false;
    for (const auto& match : series.matches) found = found || (match.series_uid == sr.series && match.modality == "SR");
    QVERIFY2(found, "no SR series in the study after C-STORE");

    const auto got = client.get(m_dir.filePath("cache").toStdString(), sr.study, sr.series, sr.sop);
    QCOMPARE(got.files.size(), std::size_t(1));
    QCOMPARE(uids_of(QString::fromStdString(got.files[0])).sop, sr.sop);

    const QString dciodvfy = QStringLiteral(ANATOMIX_DCIODVFY);
    if (dciodvfy.isEmpty()) QSKIP("dciodvfy (dicom3tools) is not installed");
    int exitCode = 0;
    const QString output =
        anatomix::report::test::runProgram(dciodvfy, {QString::fromStdString(got.files[0])}, &exitCode);
    QVERIFY2(output.contains("ComprehensiveSR"), qPrintable(output));
    QVERIFY2(!output.contains("Error"), qPrintable(output));
  }

  void cleanupTestCase() { m_server.reset(); }

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<anatomix::network::test::OrthancServer> m_server;
  QString m_sr;
};

QTEST_GUILESS_MAIN(SrToPacsTest)
#include "sr_to_pacs_test.moc"
