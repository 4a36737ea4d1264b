// PDF export: a PDF file with the expected number of pages, the key image embedded, the reader's
// measurements listed (read back with pdftotext), and a clear error for an unwritable path or an
// empty key image.
#include "anatomix/report/pdf_export.h"

#include <QFile>
#include <QPainter>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/report/report_error.h"
#include "report_test_files.h"

using namespace anatomix::report;

namespace {

QImage keyImageWithOverlay() {
  QImage image(640, 512, QImage::Format_RGB32);
  image.fill(Qt::black);
  QPainter painter(&image);
  painter.setPen(QPen(Qt::yellow, 3));
  painter.drawRect(360, 300, 240, 180);
  return image;
}

int countPages(const QByteArray& pdf) {
  // Page objects are "/Type /Page"; the page tree is "/Type /Pages".
  static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
  return static_cast<int>(QString::fromLatin1(pdf).count(page));
}

}  // namespace

class PdfExportTest : public QObject {
  Q_OBJECT

 private slots:
  void init() { QVERIFY(m_dir.isValid()); }

  void writesAOnePageReportWithTheKeyImage() {
    const ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm")));
    const QString path = m_dir.filePath("report.pdf");
    writePdfReport(path, draft, {keyImageWithOverlay()}, ExportOptions());
    const QByteArray pdf = readAll(path);
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    QCOMPARE(countPages(pdf), 1);
    QVERIFY(pdf.contains("/Subtype /Image"));
    QVERIFY(pdf.contains("/Width 640"));
  }

  void longReportsGetMorePages() {
    ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm")));
    for (int i = 0; i < 150; ++i)
      draft.findingsText += QStringLiteral("\nLine %1 of a very long findings section.").arg(i);
    const QString path = m_dir.filePath("long.pdf");
    writePdfReport(path, draft, {keyImageWithOverlay(), keyImageWithOverlay()}, ExportOptions());
    const QByteArray pdf = readAll(path);
    QVERIFY2(countPages(pdf) >= 3, qPrintable(QString::number(countPages(pdf))));
    QVERIFY(pdf.count("/Subtype /Image") >= 2);
  }

  void listsTheReadersMeasurements() {
    const QString pdftotext = QStringLiteral(ANATOMIX_PDFTOTEXT);
    if (pdftotext.isEmpty()) QSKIP("pdftotext (poppler-utils) is not installed");
    ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm")));
    draft.measurements = test::makeMeasurements(imageKey(draft.study));
    const QString path = m_dir.filePath("measured.pdf");
    writePdfReport(path, draft, {keyImageWithOverlay()}, ExportOptions());
    int exitCode = 0;
    // -raw keeps each table cell's text together in reading order.
    const QString text = test::runProgram(pdftotext, {"-raw", path, "-"}, &exitCode);
    QCOMPARE(exitCode, 0);
    // NFKC undoes the font's ligatures (ﬁ); table cells wrap, so lines are joined.
    const QString measurements = text.mid(text.indexOf("Measurements by the radiologist"))
                                     .normalized(QString::NormalizationForm_KC)
                                     .simplified();
    qInfo().noquote() << "pdftotext, measurements:\n" << measurements;
    for (const char* expected :
         {"Measurements by the radiologist", "Distance", "16.8 mm", "Imager Pixel Spacing: magnification not corrected",
          "Angle", "90.0°", "Ellipse", "mean 812.5 SD 20.3 min 760 max 870, area 0.37 cm²", "Arrow", "port tip",
          "100 px", "no pixel spacing: in pixels, not millimetres"}) {
      QVERIFY2(measurements.contains(QString::fromUtf8(expected).normalized(QString::NormalizationForm_KC)), expected);
    }
  }

  // Every page's footer names the model that produced the results beside the disclaimer.
  void footerNamesTheModelThatProducedTheResults() {
    const QString pdftotext = QStringLiteral(ANATOMIX_PDFTOTEXT);
    if (pdftotext.isEmpty()) QSKIP("pdftotext (poppler-utils) is not installed");
    ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm")));
    ExportOptions options;
    options.algorithm.modelName = QStringLiteral("chexpert-anatomix");
    options.algorithm.modelVersion = QStringLiteral("2.1");
    options.algorithm.modelDescription = QStringLiteral("imported from the published AnatomiX checkpoint");
    const QString path = m_dir.filePath("model.pdf");
    writePdfReport(path, draft, {keyImageWithOverlay()}, options);
    int exitCode = 0;
    const QString text = test::runProgram(pdftotext, {"-raw", path, "-"}, &exitCode).simplified();
    QCOMPARE(exitCode, 0);
    const QString footer = QStringLiteral("not for clinical use (AnatomiX 0.1, model chexpert-anatomix 2.1: imported "
                                          "from the published AnatomiX checkpoint)");
    QVERIFY2(text.contains(footer), qPrintable(text.right(600)));
    QCOMPARE(text.count(QStringLiteral("model chexpert-anatomix 2.1")), countPages(readAll(path)));
  }

  void errorsNameThePath() {
    const ReportDraft draft;
    const QString path = m_dir.filePath("missing/report.pdf");
    try {
      writePdfReport(path, draft, {}, ExportOptions());
      QFAIL("wrote into a missing folder");
    } catch (const ReportError& error) {
      QVERIFY2(error.message().contains(path), qPrintable(error.message()));
    }
    try {
      writePdfReport(m_dir.filePath("empty.pdf"), draft, {QImage()}, ExportOptions());
      QFAIL("accepted an empty key image");
    } catch (const ReportError& error) {
      QVERIFY2(error.message().contains("key image 1 is empty"), qPrintable(error.message()));
    }
  }

 private:
  static QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
  }

  QTemporaryDir m_dir;
};

QTEST_MAIN(PdfExportTest)
#include "pdf_export_test.moc"
