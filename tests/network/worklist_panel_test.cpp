// The worklist panel on the real widgets against a real Orthanc: search with typed filters, sorting,
// double-click with the patient's priors, a failing node shown in the panel, and the GUI thread never
// waiting on the network (the answer arrives through the event loop). Ten thousand matches from a
// DCMTK C-FIND SCP arrive in batches while the PACS answers, are listed in pages, sorted and
// filtered, with the event loop's longest gap measured (bench_worklist prints it against the 50 ms
// target). Saves a screenshot to look at.
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

#include <algorithm>
#include <memory>

#include "anatomix/worklist/worklist_panel.h"
#include "find_scp.h"
#include "orthanc_server.h"
#include "test_studies.h"

using anatomix::worklist::WorklistPanel;
namespace nt = anatomix::network::test;

class WorklistPanelTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    m_folder = std::make_unique<nt::TempFolder>("worklist");
    m_server = std::make_unique<nt::OrthancServer>(m_folder->path() / "orthanc");
    m_studies = std::make_unique<nt::TestStudies>(nt::make_test_studies(m_folder->path() / "studies"));
    nt::upload_with_storescu(m_server->node(), m_studies->all_files());
  }

  void searchDoesNotBlockAndShowsAllStudiesNewestFirst() {
    WorklistPanel panel;
    panel.setNode(m_server->node());
    panel.resize(900, 500);
    panel.show();
    QSignalSpy finished(&panel, &WorklistPanel::searchFinished);
    auto* button = panel.findChild<QPushButton*>();
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    // The click returned before any answer: the query runs on a worker, the answer comes queued.
    QCOMPARE(finished.count(), 0);
    QVERIFY(!button->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(finished.at(0).at(0).toInt(), 3);
    QCOMPARE(panel.studyCount(), 3);
    QVERIFY(button->isEnabled());
    QCOMPARE(panel.studyAtRow(0).study_uid, m_studies->current.study_uid);  // 2024-03-15
    QCOMPARE(panel.studyAtRow(2).study_uid, m_studies->prior.study_uid);    // 2023-01-10
    const QModelIndex first = panel.table()->model()->index(0, 0);
    QCOMPARE(first.data().toString(), QStringLiteral("DOE, JANE"));
    QCOMPARE(panel.table()->model()->index(0, 2).data().toString(), QStringLiteral("2024-03-15"));
    // Sorting by patient ID puts PID-0002 last in ascending order.
    panel.table()->sortByColumn(1, Qt::AscendingOrder);
    QCOMPARE(panel.studyAtRow(2).patient_id, std::string("PID-0002"));

    const QString screenshot = QStringLiteral(ANATOMIX_SCREENSHOT_DIR "/worklist_panel.png");
    panel.table()->sortByColumn(2, Qt::DescendingOrder);
    QVERIFY(panel.grab().save(screenshot));
    qInfo() << "screenshot:" << screenshot;
  }

  void typedFiltersReachThePacs() {
    WorklistPanel panel;
    panel.setNode(m_server->node());
    panel.show();
    const auto edits = panel.findChildren<QLineEdit*>();
    QLineEdit* name = nullptr;
    QLineEdit* from = nullptr;
    for (QLineEdit* edit : edits) {
      if (edit->placeholderText().contains(QStringLiteral("DOE"))) name = edit;
      if (edit->placeholderText() == QStringLiteral("YYYYMMDD") && !from) from = edit;
    }
    QVERIFY(name && from);
    QTest::keyClicks(name, QStringLiteral("DOE*"));
    QTest::keyClicks(from, QStringLiteral("20240101"));
    QSignalSpy finished(&panel, &WorklistPanel::searchFinished);
    QTest::keyClick(from, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(panel.studyCount(), 1);
    QCOMPARE(panel.studyAtRow(0).study_uid, m_studies->current.study_uid);
  }

  void doubleClickOpensTheStudyWithItsPriors() {
    WorklistPanel panel;
    panel.setNode(m_server->node());
    panel.resize(900, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy finished(&panel, &WorklistPanel::searchFinished);
    panel.search();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QSignalSpy activated(&panel, &WorklistPanel::studyActivated);
    QTableView* table = panel.table();
    const QRect cell = table->visualRect(table->model()->index(0, 0));  // the current study, newest first
    // A view only reports a double-click on the item its press landed on, so the press comes first.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QTRY_COMPARE_WITH_TIMEOUT(activated.count(), 1, 30000);
    QCOMPARE(activated.at(0).at(0).toString(), QString::fromStdString(m_studies->current.study_uid));
    QCOMPARE(activated.at(0).at(1).toStringList(), QStringList{QString::fromStdString(m_studies->prior.study_uid)});
    QVERIFY2(panel.statusText().contains(QStringLiteral("2023-01-10")), qPrintable(panel.statusText()));
  }

  void aNodeThatIsDownIsShownAndTheNextSearchWorks() {
    WorklistPanel panel;
    anatomix::network::PacsNode down = m_server->node();
    down.port = nt::free_loopback_port();
    panel.setNode(down);
    QSignalSpy failed(&panel, &WorklistPanel::searchFailed);
    panel.search();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    QVERIFY2(panel.statusText().contains(QStringLiteral("cannot connect")), qPrintable(panel.statusText()));

    panel.setNode(m_server->node());
    QSignalSpy finished(&panel, &WorklistPanel::searchFinished);
    panel.search();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(panel.studyCount(), 3);
  }

  void tenThousandMatchesArriveInBatchesAndAreListedInPages() {
    constexpr int kStudies = 10000;
    nt::ManyStudiesFindScp pacs(kStudies);
    WorklistPanel panel;
    panel.setNode(pacs.node());
    panel.resize(1000, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    // The event loop's longest gap, from a timer that should fire every 5 ms.
    QElapsedTimer clock;
    qint64 lastTick = 0;
    qint64 longestGap = 0;
    QTimer probe;
    probe.setInterval(5);
    connect(&probe, &QTimer::timeout, [&] {
      const qint64 now = clock.elapsed();
      longestGap = std::max(longestGap, now - lastTick);
      lastTick = now;
    });
    // Rows listed while the search was still running: the first batch's count.
    int firstListed = 0;
    int batches = 0;
    bool finishedSeen = false;
    connect(panel.table()->model(), &QAbstractItemModel::modelReset, &panel, [&] {
      if (finishedSeen || panel.studyCount() == 0) return;
      ++batches;
      if (firstListed == 0) firstListed = panel.studyCount();
    });
    QSignalSpy finished(&panel, &WorklistPanel::searchFinished);
    connect(&panel, &WorklistPanel::searchFinished, &panel, [&] { finishedSeen = true; });
    clock.start();
    probe.start();
    panel.search();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QCOMPARE(finished.at(0).at(0).toInt(), kStudies);
    QCOMPARE(panel.studyCount(), kStudies);
    QVERIFY2(firstListed > 0 && firstListed < kStudies, qPrintable(QString::number(firstListed)));
    QVERIFY2(batches > 1, qPrintable(QString::number(batches)));

    // Pages of 500 rows, newest first over all of them.
    QCOMPARE(panel.pageCount(), kStudies / WorklistPanel::kRowsPerPage);
    QCOMPARE(panel.table()->model()->rowCount(), WorklistPanel::kRowsPerPage);
    for (int row = 1; row < kStudies; ++row)
      QVERIFY(panel.studyAtRow(row - 1).study_date >= panel.studyAtRow(row).study_date);
    auto* next = panel.findChild<QToolButton*>(QStringLiteral("worklistNextPage"));
    QVERIFY(next);
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(panel.page(), 1);
    // The table's first row is the list's row 500.
    QCOMPARE(panel.table()->model()->index(0, 3).data().toString(),
             QString::fromStdString(panel.studyAtRow(WorklistPanel::kRowsPerPage).accession));
    panel.setPage(1000);
    QCOMPARE(panel.page(), panel.pageCount() - 1);
    QVERIFY(!next->isEnabled());
    QVERIFY2(panel.findChild<QLabel*>(QStringLiteral("worklistPageLabel"))->text().contains(QStringLiteral("20")),
             qPrintable(panel.findChild<QLabel*>(QStringLiteral("worklistPageLabel"))->text()));

    // Sorted by patient ID through the view, as a click on the header does.
    panel.table()->sortByColumn(1, Qt::AscendingOrder);
    QCOMPARE(panel.studyAtRow(0).patient_id, std::string("PID-00000"));
    QCOMPARE(panel.studyAtRow(kStudies - 1).patient_id, std::string("PID-09999"));
    panel.table()->sortByColumn(1, Qt::DescendingOrder);
    QCOMPARE(panel.studyAtRow(0).patient_id, std::string("PID-09999"));

    // The list filter: PID-00040 to PID-00049. A study selected before stays selected.
    panel.setPage(0);
    panel.table()->selectRow(3);
    QCOMPARE(panel.studyAtRow(3).patient_id, std::string("PID-09996"));
    auto* filter = panel.findChild<QLineEdit*>(QStringLiteral("worklistListFilter"));
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("pid-0004"));
    QCOMPARE(panel.listedCount(), 10);
    QCOMPARE(panel.pageCount(), 1);
    QCOMPARE(panel.table()->model()->rowCount(), 10);
    QCOMPARE(panel.studyAtRow(0).patient_id, std::string("PID-00049"));
    QVERIFY(panel.table()->selectionModel()->selectedRows().isEmpty());  // PID-09996 is filtered out
    filter->setText(QStringLiteral("PID-0999"));
    const QModelIndexList selected = panel.table()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(panel.studyAtRow(selected.first().row()).patient_id, std::string("PID-09996"));
    filter->clear();
    QCOMPARE(panel.listedCount(), kStudies);
    for (int row = 1; row < kStudies; ++row)  // still in the chosen order
      QVERIFY(panel.studyAtRow(row - 1).patient_id > panel.studyAtRow(row).patient_id);
    QTest::qWait(50);
    probe.stop();
    // The 50 ms target is the benchmark's (bench_worklist); here only a bound that a loaded CI machine
    // keeps, which a list built and sorted in one piece on the GUI thread would still pass, so the
    // batches are checked above.
    qInfo("longest event-loop gap while 10000 matches arrived, sorted and filtered: %lld ms", longestGap);
    QVERIFY2(longestGap < 1500, qPrintable(QString::number(longestGap)));
  }

  // A new search while ten thousand matches arrive: the first is cancelled and nothing of it is listed.
  void aNewSearchSupersedesOneStillArriving() {
    nt::ManyStudiesFindScp pacs(10000);
    WorklistPanel panel;
    panel.setNode(pacs.node());
    panel.show();
    QSignalSpy finished(&panel, &WorklistPanel::searchFinished);
    panel.search();
    QTRY_VERIFY_WITH_TIMEOUT(panel.studyCount() > 0, 60000);
    QVERIFY(finished.isEmpty());
    panel.setNode(m_server->node());
    panel.search();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(finished.at(0).at(0).toInt(), 3);
    QTest::qWait(200);  // batches of the first search still queued would show up now
    QCOMPARE(panel.studyCount(), 3);
    QCOMPARE(finished.count(), 1);
  }

  void cleanupTestCase() {
    m_server.reset();
    m_folder.reset();
  }

 private:
  std::unique_ptr<nt::TempFolder> m_folder;
  std::unique_ptr<nt::OrthancServer> m_server;
  std::unique_ptr<nt::TestStudies> m_studies;
};

QTEST_MAIN(WorklistPanelTest)
#include "worklist_panel_test.moc"
