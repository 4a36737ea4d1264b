// ReportPanel driven through its widgets: generate / stream / cancel, the AI findings with their
// decisions, autosave of edits, exports on a worker thread with their success and failure signals.
#include "anatomix/report/report_panel.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "report_test_files.h"

using namespace anatomix::report;

class ReportPanelTest : public QObject {
  Q_OBJECT

 private slots:
  void init() {
    QVERIFY(m_dir.isValid());
    m_dicom = test::writeChestDicom(m_dir.filePath("chest.dcm"));
    m_panel = std::make_unique<ReportPanel>();
    m_panel->setDraftDirectory(m_dir.filePath("drafts"));
    m_panel->openStudy(readStudyIdentity(m_dicom));
    m_panel->show();
  }
  void cleanup() {
    m_panel.reset();
    DraftStore(m_dir.filePath("drafts")).remove(readStudyIdentity(m_dicom));
  }

  void generateStreamsIntoTheEditorsAndCancels() {
    QSignalSpy generate(m_panel.get(), &ReportPanel::generateRequested);
    QSignalSpy cancel(m_panel.get(), &ReportPanel::cancelRequested);
    QSignalSpy saved(m_panel.get(), &ReportPanel::draftSaved);
    QTest::mouseClick(button(), Qt::LeftButton);
    QCOMPARE(generate.size(), 1);
    QVERIFY(m_panel->isGenerating());
    QCOMPARE(button()->text(), QStringLiteral("Cancel"));

    m_panel->appendGeneratedText(QStringLiteral("Findings: The heart is normal in size. "));
    m_panel->appendGeneratedText(QStringLiteral("Small left effusion.\nImpression: Left pleural "));
    m_panel->appendGeneratedText(QStringLiteral("effusion."));
    QCOMPARE(findingsEdit()->toPlainText(), QStringLiteral("The heart is normal in size. Small left effusion."));
    QCOMPARE(impressionEdit()->toPlainText(), QStringLiteral("Left pleural effusion."));

    QCOMPARE(saved.size(), 0);  // streamed text is saved on a short timer, not per token
    QTest::mouseClick(button(), Qt::LeftButton);
    QCOMPARE(cancel.size(), 1);
    m_panel->generationFinished();
    QCOMPARE(saved.size(), 1);  // and at once when the generation ends
    QVERIFY(!m_panel->isGenerating());
    m_panel->appendGeneratedText(QStringLiteral(" late token"));  // after the end: dropped
    QCOMPARE(impressionEdit()->toPlainText(), QStringLiteral("Left pleural effusion."));

    const std::optional<ReportDraft> onDisk = DraftStore(m_dir.filePath("drafts")).load(m_panel->draft().study);
    QVERIFY(onDisk.has_value());
    QCOMPARE(onDisk->impressionText, QStringLiteral("Left pleural effusion."));
  }

  void generationFailureIsShown() {
    m_panel->findChild<QAction*>(QStringLiteral("actionReportGenerate"))->trigger();
    QVERIFY(m_panel->isGenerating());
    m_panel->generationFailed(QStringLiteral("model bundle missing"));
    QVERIFY(!m_panel->isGenerating());
    QVERIFY(m_panel->findChild<QLabel*>(QStringLiteral("reportStatusLabel"))->text().contains("model bundle missing"));
  }

  void typedEditsAreSavedOnEveryKeystroke() {
    QSignalSpy saved(m_panel.get(), &ReportPanel::draftSaved);
    QTest::keyClicks(impressionEdit(), QStringLiteral("No acute"));
    QCOMPARE(saved.size(), 8);
    QCOMPARE(DraftStore(m_dir.filePath("drafts")).load(m_panel->draft().study)->impressionText,
             QStringLiteral("No acute"));
  }

  void findingsAreListedWithDecisions() {
    const ReportDraft draft = test::makeDraft(m_dicom);
    m_panel->setFindings(draft.findings);
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("reportFindingsList"));
    QCOMPARE(list->topLevelItemCount(), 4);
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Accepted"));
    QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("calcified granuloma"));
    QCOMPARE(list->topLevelItem(1)->text(1), QStringLiteral("Edited"));
    QCOMPARE(list->topLevelItem(2)->text(1), QStringLiteral("Rejected"));
    QVERIFY(list->topLevelItem(2)->font(0).strikeOut());
    QCOMPARE(list->topLevelItem(3)->text(1), QStringLiteral("Not reviewed"));
    QCOMPARE(DraftStore(m_dir.filePath("drafts")).load(draft.study)->findings.size(), 4);
  }

  // Measurements are saved per image: a second image of the same study keeps its own, and a change
  // on one image leaves the other's in the draft.
  void measurementsAreSavedPerImage() {
    const StudyIdentity first = m_panel->draft().study;
    QSignalSpy saved(m_panel.get(), &ReportPanel::draftSaved);
    m_panel->setMeasurements(test::makeMeasurements(QString()));
    QCOMPARE(saved.size(), 1);
    m_panel->setMeasurements(test::makeMeasurements(QString()));  // unchanged: not saved again
    QCOMPARE(saved.size(), 1);
    QCOMPARE(measurementsOfImage(m_panel->draft().measurements, imageKey(first)).size(), 5);

    StudyIdentity second = first;  // the study's lateral view
    second.sopInstanceUid += QStringLiteral(".2");
    m_panel->openStudy(second);
    QVERIFY(measurementsOfImage(m_panel->draft().measurements, imageKey(second)).isEmpty());
    m_panel->setMeasurements({test::makeMeasurements(QString()).first()});
    const std::optional<ReportDraft> onDisk = DraftStore(m_dir.filePath("drafts")).load(second);
    QVERIFY(onDisk.has_value());
    QCOMPARE(measurementsOfImage(onDisk->measurements, imageKey(first)).size(), 5);
    QCOMPARE(measurementsOfImage(onDisk->measurements, imageKey(second)).size(), 1);
  }

  void exportActionsHaveShortcuts() {
    QStringList names;
    for (QAction* action : m_panel->reportActions()) {
      names << action->objectName();
      if (action->objectName().startsWith("actionExport")) QVERIFY(!action->shortcut().isEmpty());
    }
    QCOMPARE(names.size(), 8);
    QVERIFY(names.contains("actionRemovePatientIdentifiers"));
    QVERIFY(names.contains("actionExportKeyImage"));
    QVERIFY(names.contains("actionExportPresentationState"));
    QCOMPARE(m_panel->findChild<QAction*>("actionExportPdf")->shortcut(),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
  }

  void exportsRunOffTheGuiThread_data() {
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<QByteArray>("magic");
    QTest::addColumn<int>("magicOffset");
    QTest::newRow("text") << ExportFormat::PlainText << QByteArray("CHEST RADIOGRAPH REPORT") << 0;
    QTest::newRow("pdf") << ExportFormat::Pdf << QByteArray("%PDF") << 0;
    QTest::newRow("sr") << ExportFormat::DicomSr << QByteArray("DICM") << 128;
    QTest::newRow("presentation state") << ExportFormat::PresentationState << QByteArray("DICM") << 128;
    QTest::newRow("key image") << ExportFormat::KeyImage << QByteArray("DICM") << 128;
  }

  void exportsRunOffTheGuiThread() {
    QFETCH(ExportFormat, format);
    QFETCH(QByteArray, magic);
    QFETCH(int, magicOffset);
    m_panel->setFindings(test::makeDraft(m_dicom).findings);
    QImage keyImage(320, 256, QImage::Format_RGB32);
    keyImage.fill(Qt::darkGray);
    m_panel->setKeyImages({keyImage});
    QSignalSpy finished(m_panel.get(), &ReportPanel::exportFinished);
    const QString path = m_dir.filePath("report." + exportSuffix(format));
    QVERIFY(m_panel->startExport(format, path));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(1).toString(), path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(magicOffset + magic.size()).mid(magicOffset), magic);
  }

  void presentationStateCarriesTheViewersPresentation() {
    ViewerPresentation presentation;
    presentation.hasWindow = true;
    presentation.windowCenter = 900;
    presentation.windowWidth = 1800;
    presentation.quarterTurnsClockwise = 1;
    presentation.mirrored = true;
    m_panel->setViewerPresentation(presentation);
    QSignalSpy finished(m_panel.get(), &ReportPanel::exportFinished);
    const QString path = m_dir.filePath("viewer-gsps.dcm");
    QVERIFY(m_panel->startExport(ExportFormat::PresentationState, path));
    QVERIFY(finished.wait(60000));
    DcmFileFormat file;
    QVERIFY(file.loadFile(path.toUtf8().constData()).good());
    OFString flip, center;
    Uint16 rotation = 0;
    QVERIFY(file.getDataset()->findAndGetOFString(DCM_ImageHorizontalFlip, flip).good());
    QVERIFY(file.getDataset()->findAndGetUint16(DCM_ImageRotation, rotation).good());
    QVERIFY(file.getDataset()->findAndGetOFString(DCM_WindowCenter, center, 0, true).good());
    QCOMPARE(QString::fromLatin1(flip.c_str()), QStringLiteral("Y"));
    QCOMPARE(int(rotation), 90);
    QCOMPARE(QString::fromLatin1(center.c_str()).toDouble(), 900.0);
    m_panel->setViewerPresentation(ViewerPresentation());
  }

  void exportToAnUnwritablePathFailsWithItsName() {
    QSignalSpy failed(m_panel.get(), &ReportPanel::exportFailed);
    const QString path = m_dir.filePath("no-such-folder/report.txt");
    QVERIFY(m_panel->startExport(ExportFormat::PlainText, path));
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.first().at(1).toString().contains(path), qPrintable(failed.first().at(1).toString()));
  }

  void srExportOfANonDicomImageFailsClearly() {
    QImage png(64, 64, QImage::Format_Grayscale8);
    png.fill(128);
    const QString pngPath = m_dir.filePath("chest.png");
    QVERIFY(png.save(pngPath));
    m_panel->openStudy(studyIdentityForFile(pngPath));
    QVERIFY(!m_panel->findChild<QAction*>("actionExportSr")->isEnabled());
    QSignalSpy failed(m_panel.get(), &ReportPanel::exportFailed);
    QVERIFY(m_panel->startExport(ExportFormat::DicomSr, m_dir.filePath("png.dcm")));
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.first().at(1).toString().contains("not a DICOM file"), qPrintable(failed.first().at(1).toString()));
    DraftStore(m_dir.filePath("drafts")).remove(studyIdentityForFile(pngPath));
  }

  void noStudyNoExport() {
    m_panel->closeStudy();
    QSignalSpy failed(m_panel.get(), &ReportPanel::exportFailed);
    QVERIFY(!m_panel->startExport(ExportFormat::PlainText, m_dir.filePath("x.txt")));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!findingsEdit()->isEnabled());
  }

 private:
  QPushButton* button() const { return m_panel->findChild<QPushButton*>(QStringLiteral("reportGenerateButton")); }
  QPlainTextEdit* findingsEdit() const {
    return m_panel->findChild<QPlainTextEdit*>(QStringLiteral("reportFindingsEdit"));
  }
  QPlainTextEdit* impressionEdit() const {
    return m_panel->findChild<QPlainTextEdit*>(QStringLiteral("reportImpressionEdit"));
  }

  QTemporaryDir m_dir;
  QString m_dicom;
  std::unique_ptr<ReportPanel> m_panel;
};

QTEST_MAIN(ReportPanelTest)
#include "report_panel_test.moc"
