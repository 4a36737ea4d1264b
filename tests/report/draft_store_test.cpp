// DraftStore: the autosave file round-trips every field, is replaced atomically, and a corrupt or
// unwritable draft gives an error naming the file.
#include "anatomix/report/draft_store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/report/report_error.h"
#include "report_test_files.h"

using namespace anatomix::report;

class DraftStoreTest : public QObject {
  Q_OBJECT

 private slots:
  void init() { QVERIFY(m_dir.isValid()); }

  void roundTripsEveryField() {
    const QString dicom = test::writeChestDicom(m_dir.filePath("chest.dcm"));
    const ReportDraft draft = test::makeDraft(dicom);
    DraftStore store(m_dir.filePath("drafts"));
    store.save(draft);
    QCOMPARE(store.pathFor(draft.study), m_dir.filePath("drafts/" + draft.study.studyInstanceUid + ".json"));
    const std::optional<ReportDraft> loaded = store.load(draft.study);
    QVERIFY(loaded.has_value());
    QVERIFY(*loaded == draft);
    QCOMPARE(loaded->findings[1].editedLabel, QStringLiteral("calcified granuloma"));
    QCOMPARE(loaded->findings[2].decision, FindingDecision::Rejected);
    QCOMPARE(loaded->findings[1].regions.size(), 2);
    QCOMPARE(loaded->modifiedUtc, draft.modifiedUtc);
  }

  void roundTripsTheReadersMeasurements() {
    ReportDraft draft = test::makeDraft(test::writeChestDicom(m_dir.filePath("chest.dcm")));
    draft.measurements = test::makeMeasurements(imageKey(draft.study));
    DraftStore store(m_dir.filePath("measured"));
    store.save(draft);
    const std::optional<ReportDraft> loaded = store.load(draft.study);
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->measurements.size(), 5);
    QVERIFY(loaded->measurements == draft.measurements);
    QVERIFY(*loaded == draft);
    const ReaderMeasurement& ellipse = loaded->measurements[2];
    QCOMPARE(ellipse.kind, MeasurementKind::Ellipse);
    QCOMPARE(ellipse.rectPx, QRectF(QPointF(200, 120), QPointF(260, 160)));
    QCOMPARE(ellipse.mean, 812.5);
    QCOMPARE(loaded->measurements[0].calibrationNote,
             QStringLiteral("Imager Pixel Spacing: magnification not corrected"));
    QCOMPARE(loaded->measurements[1].pointsPx.size(), 3);
    QCOMPARE(loaded->measurements[3].text, QStringLiteral("port tip"));
    QVERIFY(!loaded->measurements[4].calibrated);
    // A draft differs when a measurement does (the panel saves only changes).
    ReportDraft moved = *loaded;
    moved.measurements[0].pointsPx[1] = QPointF(161, 200);
    QVERIFY(moved != *loaded);
  }

  void missingDraftIsNothing() {
    DraftStore store(m_dir.filePath("empty"));
    StudyIdentity study;
    study.studyInstanceUid = QStringLiteral("1.2.3");
    QVERIFY(!store.load(study).has_value());
  }

  void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() {
    DraftStore store(m_dir.filePath("atomic"));
    ReportDraft draft;
    draft.study.studyInstanceUid = QStringLiteral("1.2.840.99.1");
    for (int i = 0; i < 20; ++i) {
      draft.findingsText = QStringLiteral("edit %1").arg(i);
      store.save(draft);
    }
    QCOMPARE(store.load(draft.study)->findingsText, QStringLiteral("edit 19"));
    QCOMPARE(QDir(store.directory()).entryList(QDir::Files), QStringList{"1.2.840.99.1.json"});
  }

  void nonDicomStudyIsKeyedByPath() {
    StudyIdentity png;
    png.sourceFilePath = m_dir.filePath("chest.png");
    const QString key = draftKey(png);
    QVERIFY(key.startsWith("file-"));
    QVERIFY(!key.contains('/'));
    StudyIdentity unsafe;
    unsafe.studyInstanceUid = QStringLiteral("../../etc/passwd");
    QVERIFY(!draftKey(unsafe).contains('/'));
  }

  void corruptDraftNamesTheFile_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated") << QByteArray("{\"format\": \"anatomix-report-draft\", \"vers") << QString("corrupt");
    QTest::newRow("not a draft") << QByteArray("{\"hello\": 1}") << QString("not a report draft");
    QTest::newRow("future version") << QByteArray("{\"format\": \"anatomix-report-draft\", \"version\": 99}")
                                    << QString("version 99");
    QTest::newRow("bad decision") << QByteArray(
                                         "{\"format\": \"anatomix-report-draft\", \"version\": 1, \"study\": {}, "
                                         "\"findings\": [{\"source\": \"classification\", \"decision\": \"maybe\"}]}")
                                  << QString("unknown source");
    QTest::newRow("bad region") << QByteArray(
                                       "{\"format\": \"anatomix-report-draft\", \"version\": 1, \"study\": {}, "
                                       "\"findings\": [{\"source\": \"classification\", \"decision\": \"accepted\", "
                                       "\"regions\": [[1, 2]]}]}")
                                << QString("region");
    QTest::newRow("bad measurement kind")
        << QByteArray(
               "{\"format\": \"anatomix-report-draft\", \"version\": 1, \"study\": {}, \"findings\": [], "
               "\"measurements\": [{\"kind\": \"volume\", \"rect\": [0, 0, 1, 1]}]}")
        << QString("unknown kind");
    QTest::newRow("angle with two points")
        << QByteArray(
               "{\"format\": \"anatomix-report-draft\", \"version\": 1, \"study\": {}, \"findings\": [], "
               "\"measurements\": [{\"kind\": \"angle\", \"rect\": [0, 0, 1, 1], \"points\": [[1, 2], [3, 4]]}]}")
        << QString("2 points, not 3");
  }

  void corruptDraftNamesTheFile() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    DraftStore store(m_dir.filePath("corrupt"));
    StudyIdentity study;
    study.studyInstanceUid = QStringLiteral("1.2.5");
    QVERIFY(QDir().mkpath(store.directory()));
    QFile file(store.pathFor(study));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    try {
      store.load(study);
      QFAIL("a corrupt draft loaded");
    } catch (const ReportError& error) {
      QVERIFY2(error.message().contains(store.pathFor(study)), qPrintable(error.message()));
      QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
    }
  }

  void unwritableFolderNamesThePath() {
    // A plain file where the draft folder should be.
    const QString blocker = m_dir.filePath("blocker");
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    DraftStore store(blocker + "/drafts");
    ReportDraft draft;
    draft.study.studyInstanceUid = QStringLiteral("1.2.6");
    try {
      store.save(draft);
      QFAIL("saved into a file");
    } catch (const ReportError& error) {
      QVERIFY2(error.message().contains(blocker), qPrintable(error.message()));
    }
  }

 private:
  QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(DraftStoreTest)
#include "draft_store_test.moc"
