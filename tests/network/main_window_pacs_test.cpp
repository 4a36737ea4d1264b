// The workstation with a PACS node in its settings: a worklist dock; a double-click retrieves the
// study from a real Orthanc into the study cache and opens it in the viewer; a PACS that is down
// gives a pinned error. Without a node there is no dock. Compare with Prior retrieves the prior
// the worklist found and opens it in the second viewport of the 1x2 layout. Saves screenshots.
#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "anatomix/image/decoded_image.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/viewport_layout.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/worklist/worklist_panel.h"
#include "orthanc_server.h"
#include "scripted_engine_backend.h"
#include "test_studies.h"

using anatomix::ui::MainWindow;
using anatomix::ui::testing::ScriptedEngineBackend;
using anatomix::ui::WorkstationSettings;
namespace nt = anatomix::network::test;

class MainWindowPacsTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<MainWindow> makeWindow(const QString& node) {
    auto settings = std::make_unique<WorkstationSettings>(m_dir.filePath("settings.ini"));
    settings->setBundleDir(m_dir.filePath("bundle"));
    settings->setPacsNode(node);
    settings->setPacsCallingAeTitle(QStringLiteral("ANATOMIX"));
    settings->setStudyCacheFolder(m_dir.filePath("cache"));
    auto window = std::make_unique<MainWindow>(std::move(settings), std::make_unique<ScriptedEngineBackend>());
    window->resize(1200, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    return window;
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("bundle")));  // the scripted model's "bundle"
    m_server = std::make_unique<nt::OrthancServer>(m_dir.filePath("orthanc").toStdString());
    m_studies = std::make_unique<nt::TestStudies>(nt::make_test_studies(m_dir.filePath("studies").toStdString()));
    nt::upload_with_storescu(m_server->node(), m_studies->all_files());
  }

  void withoutANodeThereIsNoWorklist() {
    auto window = makeWindow(QString());
    QVERIFY(window);
    QVERIFY(window->worklistPanel() == nullptr);
  }

  void doubleClickRetrievesAndOpensTheStudy() {
    auto window = makeWindow(QString::fromStdString(anatomix::network::describe(m_server->node())));
    QVERIFY(window);
    auto* worklist = window->worklistPanel();
    QVERIFY(worklist);
    QSignalSpy found(worklist, &anatomix::worklist::WorklistPanel::searchFinished);
    worklist->search();
    QTRY_COMPARE_WITH_TIMEOUT(found.count(), 1, 30000);
    QCOMPARE(worklist->studyCount(), 3);
    QCOMPARE(worklist->studyAtRow(0).study_uid, m_studies->current.study_uid);  // newest first

    QSignalSpy loaded(window.get(), &MainWindow::loadingFinished);
    worklist->activateRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && !window->currentImagePath().isEmpty(), 60000);
    const QString studyFolder = QDir(m_dir.filePath("cache")).filePath(QString::fromStdString(m_studies->current.study_uid));
    QVERIFY2(window->currentImagePath().startsWith(studyFolder), qPrintable(window->currentImagePath()));
    QCOMPARE(QDir(studyFolder).entryList({QStringLiteral("*.dcm")}, QDir::Files).size(), 3);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    QVERIFY(window->saveScreenshot(QStringLiteral(ANATOMIX_SCREENSHOT_DIR "/main_window_pacs.png")));
  }

  void compareWithPriorRetrievesThePriorIntoTheSecondViewport() {
    auto window = makeWindow(QString::fromStdString(anatomix::network::describe(m_server->node())));
    QVERIFY(window);
    auto* worklist = window->worklistPanel();
    QSignalSpy found(worklist, &anatomix::worklist::WorklistPanel::searchFinished);
    worklist->search();
    QTRY_COMPARE_WITH_TIMEOUT(found.count(), 1, 30000);
    QCOMPARE(worklist->studyAtRow(0).study_uid, m_studies->current.study_uid);
    worklist->activateRow(0);
    const QString cache = m_dir.filePath("cache");
    const QString currentFolder = QDir(cache).filePath(QString::fromStdString(m_studies->current.study_uid));
    QTRY_VERIFY_WITH_TIMEOUT(window->currentImagePath().startsWith(currentFolder) && !window->isLoading(), 60000);

    QAction* compare = window->findChild<QAction*>(QStringLiteral("actionCompareWithPrior"));
    QVERIFY(compare->isEnabled());
    compare->trigger();
    const QString priorFolder = QDir(cache).filePath(QString::fromStdString(m_studies->prior.study_uid));
    const anatomix::viewer::ImageViewport* right = window->viewportLayout()->secondary();
    QTRY_VERIFY_WITH_TIMEOUT(right->image() && QString::fromStdString(right->image()->path).startsWith(priorFolder), 60000);
    QVERIFY(window->viewportLayout()->isSideBySide());
    QVERIFY2(window->currentImagePath().startsWith(currentFolder), qPrintable(window->currentImagePath()));
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    QVERIFY(window->saveScreenshot(QStringLiteral(ANATOMIX_SCREENSHOT_DIR "/main_window_pacs_prior.png")));
  }

  void aPacsThatIsDownPinsAnError() {
    anatomix::network::PacsNode down = m_server->node();
    down.port = nt::free_loopback_port();
    auto window = makeWindow(QString::fromStdString(anatomix::network::describe(down)));
    QVERIFY(window);
    window->retrieveStudy(QString::fromStdString(m_studies->prior.study_uid));
    QTRY_VERIFY_WITH_TIMEOUT(!window->errorText().isEmpty(), 30000);
    QVERIFY2(window->errorText().contains(QStringLiteral("cannot connect")), qPrintable(window->errorText()));
  }

  void cleanupTestCase() { m_server.reset(); }

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<nt::OrthancServer> m_server;
  std::unique_ptr<nt::TestStudies> m_studies;
};

QTEST_MAIN(MainWindowPacsTest)
#include "main_window_pacs_test.moc"
