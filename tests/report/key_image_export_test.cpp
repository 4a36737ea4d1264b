// Key-image Secondary Capture export: dciodvfy finds no errors, the patient and study come from the
// source image, a new series references the source instance, and the RGB pixels are the view's.
#include "anatomix/report/key_image_export.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/report/report_error.h"
#include "report_test_files.h"

using namespace anatomix::report;

namespace {

QString stringOf(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  item.findAndGetOFStringArray(tag, value);
  return QString::fromUtf8(value.c_str());
}

// An odd-sized view (rows padded in a QImage, an odd pixel-data length) with a coloured box on grey.
QImage makeView() {
  QImage view(161, 123, QImage::Format_ARGB32);
  view.fill(QColor(40, 40, 40));
  QPainter painter(&view);
  painter.setPen(QPen(QColor(255, 200, 0), 3));
  painter.drawRect(30, 20, 80, 60);
  return view;
}

}  // namespace

class KeyImageExportTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm")));
  }

  void viewBecomesSecondaryCaptureOfTheStudy() {
    const QString path = m_dir.filePath("key.dcm");
    const QImage view = makeView();
    writeKeyImage(path, m_draft, view, ExportOptions());
    DcmFileFormat file;
    QVERIFY(file.loadFile(path.toUtf8().constData()).good());
    DcmDataset& dataset = *file.getDataset();
    QCOMPARE(stringOf(dataset, DCM_SOPClassUID), QString::fromLatin1(UID_SecondaryCaptureImageStorage));
    QCOMPARE(stringOf(dataset, DCM_StudyInstanceUID), m_draft.study.studyInstanceUid);
    QVERIFY(stringOf(dataset, DCM_SeriesInstanceUID) != m_draft.study.seriesInstanceUid);
    QCOMPARE(stringOf(dataset, DCM_PatientName), test::TestPatient().name);
    QCOMPARE(stringOf(dataset, DCM_PatientID), test::TestPatient().id);
    QCOMPARE(stringOf(dataset, DCM_AccessionNumber), test::TestPatient().accession);
    QCOMPARE(stringOf(dataset, DCM_BurnedInAnnotation), QStringLiteral("YES"));
    QCOMPARE(stringOf(dataset, DCM_PhotometricInterpretation), QStringLiteral("RGB"));
    DcmItem* source = nullptr;
    QVERIFY(dataset.findAndGetSequenceItem(DCM_SourceImageSequence, source, 0).good());
    QCOMPARE(stringOf(*source, DCM_ReferencedSOPInstanceUID), m_draft.study.sopInstanceUid);
    QCOMPARE(stringOf(*source, DCM_ReferencedSOPClassUID), m_draft.study.sopClassUid);

    Uint16 rows = 0, columns = 0;
    QVERIFY(dataset.findAndGetUint16(DCM_Rows, rows).good());
    QVERIFY(dataset.findAndGetUint16(DCM_Columns, columns).good());
    QCOMPARE(int(columns), view.width());
    QCOMPARE(int(rows), view.height());
    const Uint8* pixels = nullptr;
    unsigned long count = 0;
    QVERIFY(dataset.findAndGetUint8Array(DCM_PixelData, pixels, &count).good());
    QVERIFY(count >= static_cast<unsigned long>(view.width() * view.height() * 3));
    for (const QPoint& at : {QPoint(0, 0), QPoint(30, 50), QPoint(70, 20), QPoint(160, 122), QPoint(70, 50)}) {
      const QColor expected = view.pixelColor(at);
      const Uint8* rgb = pixels + (at.y() * view.width() + at.x()) * 3;
      QCOMPARE(QColor(rgb[0], rgb[1], rgb[2]), expected);
    }
    const QString dciodvfy = QStringLiteral(ANATOMIX_DCIODVFY);
    if (dciodvfy.isEmpty()) QSKIP("dciodvfy (dicom3tools) is not installed");
    int exitCode = 0;
    const QString output = test::runProgram(dciodvfy, {path}, &exitCode);
    QVERIFY2(output.contains("SCImage"), qPrintable(output));
    QVERIFY2(!output.contains("Error"), qPrintable(output));
  }

  void refusedWithoutImageOrWhenIdentifiersAreToGo() {
    const auto expectError = [this](const QImage& view, const ExportOptions& options, const QString& expected) {
      const QString path = m_dir.filePath("refused.dcm");
      try {
        writeKeyImage(path, m_draft, view, options);
        QFAIL("no error");
      } catch (const ReportError& error) {
        QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
      }
      QVERIFY(!QFile::exists(path));
    };
    expectError(QImage(), ExportOptions(), QStringLiteral("no image is shown"));
    ExportOptions anonymous;
    anonymous.removePatientIdentifiers = true;
    expectError(makeView(), anonymous, QStringLiteral("burned-in"));
  }

 private:
  QTemporaryDir m_dir;
  ReportDraft m_draft;
};

QTEST_MAIN(KeyImageExportTest)
#include "key_image_export_test.moc"
