// A kill -9 right after an edit loses nothing: a child process types into the real editor and is
// killed; the draft on disk and a new panel opened on the same study hold every character.
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/report/draft_store.h"
#include "anatomix/report/report_panel.h"
#include "report_test_files.h"

using namespace anatomix::report;

class DraftSurvivesKillTest : public QObject {
  Q_OBJECT

 private slots:
  void editSurvivesSigkill() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dicom = test::writeChestDicom(dir.filePath("chest.dcm"));
    const QString drafts = dir.filePath("drafts");
    const QString typed = QStringLiteral("Right lower lobe opacity, likely atelectasis.");

    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(ANATOMIX_DRAFT_EDITOR_HELPER), {drafts, dicom, typed});
    QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
    QByteArray output;
    while (!output.contains("EDITED")) {
      QVERIFY2(child.waitForReadyRead(60000), "the helper never finished typing");
      output += child.readAllStandardOutput();
    }
    child.kill();  // SIGKILL: no destructors, no flush, no exit handlers
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    const StudyIdentity study = readStudyIdentity(dicom);
    const std::optional<ReportDraft> saved = DraftStore(drafts).load(study);
    QVERIFY(saved.has_value());
    QCOMPARE(saved->findingsText, typed);

    ReportPanel panel;
    panel.setDraftDirectory(drafts);
    QSignalSpy restored(&panel, &ReportPanel::draftRestored);
    panel.openStudy(study);
    QCOMPARE(restored.size(), 1);
    QCOMPARE(restored.first().first().toBool(), true);
    QCOMPARE(panel.findChild<QPlainTextEdit*>(QStringLiteral("reportFindingsEdit"))->toPlainText(), typed);
  }
};

QTEST_MAIN(DraftSurvivesKillTest)
#include "draft_survives_kill_test.moc"
