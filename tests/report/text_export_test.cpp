// Plain-text export: header, report text, every finding with its decision (rejected ones kept and
// marked), the disclaimer; with de-identification no patient identifier is left in the file.
#include "anatomix/report/text_export.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/report/report_error.h"
#include "report_test_files.h"

using namespace anatomix::report;

class TextExportTest : public QObject {
  Q_OBJECT

 private slots:
  void init() { QVERIFY(m_dir.isValid()); }

  void writesHeaderTextFindingsAndDisclaimer() {
    const ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm")));
    const QString path = m_dir.filePath("report.txt");
    writeTextReport(path, draft, ExportOptions());
    const QString text = readAll(path);
    QVERIFY(text.contains("Patient: Mustermann, Erika"));
    QVERIFY(text.contains("Patient ID: PID-4711"));
    QVERIFY(text.contains("Study date: 2024-01-31"));
    QVERIFY(text.contains("Small left pleural effusion. Heart size normal."));
    QVERIFY(text.contains("IMPRESSION\nLeft pleural effusion."));
    QVERIFY(
        text.contains("- [Accepted] left pleural effusion (Phrase grounding) regions (pixels): [180, 150, 300, 240]"));
    QVERIFY(text.contains("- [Edited] calcified granuloma (Abnormality detection) AI wording: \"nodule\""));
    QVERIFY(text.contains("- [Rejected] pneumothorax"));
    QVERIFY(text.contains("- [Not reviewed] Cardiomegaly: absent (Classification)"));
    QVERIFY(text.contains("AI-generated draft, demonstration model, not for clinical use"));
  }

  void footerNamesTheModelThatProducedTheResults() {
    const ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm")));
    ExportOptions options;
    options.algorithm.modelName = QStringLiteral("chexpert-anatomix");
    options.algorithm.modelVersion = QStringLiteral("2.1");
    options.algorithm.modelDescription = QStringLiteral("imported from the published AnatomiX checkpoint");
    const QString path = m_dir.filePath("model.txt");
    writeTextReport(path, draft, options);
    const QString text = readAll(path);
    QVERIFY2(text.endsWith("-- AI-generated draft, demonstration model, not for clinical use (AnatomiX 0.1, model "
                           "chexpert-anatomix 2.1: imported from the published AnatomiX checkpoint)\n"),
             qPrintable(text.right(200)));
    // Without a model named, the program alone.
    QVERIFY(formatTextReport(draft, ExportOptions()).endsWith("not for clinical use (AnatomiX 0.1)\n"));
  }

  void listsTheImagesMeasurements() {
    ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm")));
    draft.measurements = test::makeMeasurements(imageKey(draft.study));
    ReaderMeasurement onOtherImage = draft.measurements[0];
    onOtherImage.imageKey = QStringLiteral("1.2.3.4.5");
    onOtherImage.value = 77.7;
    draft.measurements.append(onOtherImage);
    const QString text = formatTextReport(draft, ExportOptions());
    QVERIFY2(text.contains("MEASUREMENTS\n- Distance: 16.8 mm (Imager Pixel Spacing: magnification not corrected)\n"
                           "- Angle: 90.0°\n"
                           "- Ellipse: mean 812.5 SD 20.3 min 760 max 870, area 0.37 cm² (Imager Pixel Spacing: "
                           "magnification not corrected)\n"
                           "- Arrow: port tip\n"
                           "- Distance: 100 px (no pixel spacing: in pixels, not millimetres)\n"),
             qPrintable(text));
    QVERIFY(!text.contains("77.7"));  // another image's
  }

  void deidentifiedHeaderHasNoIdentifiers() {
    const test::TestPatient patient;
    const ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm"), patient));
    ExportOptions options;
    options.removePatientIdentifiers = true;
    const QString path = m_dir.filePath("anonymous.txt");
    writeTextReport(path, draft, options);
    const QString text = readAll(path);
    for (const QString& identifier :
         {QString("Mustermann"), QString("Erika"), patient.id, patient.birthDate, QString("1964-08-12"),
          patient.accession, QString("2024-01-31"), draft.study.studyInstanceUid, draft.study.sopInstanceUid}) {
      QVERIFY2(!text.contains(identifier), qPrintable("left in the text: " + identifier));
    }
    QVERIFY(text.contains("identifiers removed"));
    QVERIFY(text.contains("Study UID: 2.25."));
    QVERIFY(text.contains("Left pleural effusion."));
  }

  void unwritablePathIsNamed() {
    const QString path = m_dir.filePath("missing/report.txt");
    try {
      writeTextReport(path, ReportDraft(), ExportOptions());
      QFAIL("wrote into a missing folder");
    } catch (const ReportError& error) {
      QVERIFY2(error.message().contains(path), qPrintable(error.message()));
    }
  }

 private:
  static QString readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
  }

  QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TextExportTest)
#include "text_export_test.moc"
