// The workstation with a PACS node in its settings: a worklist dock; a double-click retrieves the
// study from a real Orthanc into the study cache and opens it in the viewer; a PACS that is down
// gives a pinned error. Without a node there is no dock. Compare with Prior retrieves the prior
// the worklist found and opens it in the second viewport of the 1x2 layout. The command line's
// --pacs/--study opens a study by accession number; a wrong node name, an unknown accession and a PACS
// that is down give a pinned error. With pacs/retrieveMethod=move the window's own storage SCP receives
// the study by C-MOVE; a taken storage port is an error, not a crash. The cache is cut to
// pacs/cacheLimitMB after a retrieval, keeping the retrieved study. The anatomix-workstation program
// itself opens --pacs/--study before its --screenshot. Report > Send Results to PACS stores the SR,
// the key image (SC) and the presentation state (GSPS) beside the study; while the PACS is down they
// wait in the store queue and go with the next sending. A study of many images opens as it arrives
// (C-GET and C-MOVE): Orthanc is frozen once the first object is in the cache, and the viewer shows it
// while the rest waits; Cancel leaves what arrived open with a clear message; a PACS killed
// mid-transfer gives a pinned error and the window works on. Saves screenshots.
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <thread>
#include <memory>
#include <string>

#include "anatomix/image/decoded_image.h"
#include "anatomix/network/pacs_client.h"
#include "anatomix/report/report_panel.h"
#include "anatomix/network/storage_server.h"
#include "anatomix/ui/command_line.h"
#include "anatomix/ui/study_browser_panel.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/viewport_layout.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/worklist/worklist_panel.h"
#include <dcmtk/dcmdata/dctk.h>

#include "orthanc_server.h"
#include "scripted_engine_backend.h"
#include "workstation_process.h"
#include "test_studies.h"

using anatomix::ui::MainWindow;
using anatomix::ui::testing::ScriptedEngineBackend;
using anatomix::ui::WorkstationSettings;
namespace nt = anatomix::network::test;

class MainWindowPacsTest : public QObject {
  Q_OBJECT

 private:
  // `configure` changes the settings further before the window reads them.
  std::unique_ptr<MainWindow> makeWindow(const QString& node,
                                         const std::function<void(WorkstationSettings&)>& configure = {}) {
    auto settings = std::make_unique<WorkstationSettings>(m_dir.filePath("settings.ini"));
    settings->setBundleDir(m_dir.filePath("bundle"));
    settings->setPacsNode(node);
    settings->setPacsCallingAeTitle(QStringLiteral("ANATOMIX"));
    settings->setStudyCacheFolder(m_dir.filePath("cache"));
    settings->setPacsRetrieveMethod(QStringLiteral("get"));
    settings->setStudyCacheLimitMB(0);
    if (configure) configure(*settings);
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

  void commandLineOpensTheStudyByAccession() {
    auto window = makeWindow(nodeText());
    QVERIFY(window);
    const auto options = anatomix::ui::parseWorkstationCommandLine(
        {QStringLiteral("anatomix-workstation"), QStringLiteral("--pacs"), QStringLiteral("ORTHANC"),
         QStringLiteral("--study"), QString::fromStdString(m_studies->current.accession)});
    QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    QCOMPARE(options.pacsNode, QStringLiteral("ORTHANC"));
    anatomix::ui::openCommandLinePaths(*window, options);
    QVERIFY(window->isLoading());  // the retrieval counts: --screenshot waits for it
    const QString folder = cacheFolderOf(m_dir.filePath("cache"), m_studies->current.study_uid);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentImagePath().startsWith(folder) && !window->isLoading(), 60000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    QVERIFY(!window->loadErrorsSinceStart());
    QVERIFY(window->saveScreenshot(QStringLiteral(ANATOMIX_SCREENSHOT_DIR "/main_window_pacs_accession.png")));
  }

  void theNodeMayBeNamedAetAtHostPort() {
    auto window = makeWindow(nodeText());
    QVERIFY(window);
    window->openPacsStudy(nodeText(), QString::fromStdString(m_studies->prior.accession));
    const QString folder = cacheFolderOf(m_dir.filePath("cache"), m_studies->prior.study_uid);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentImagePath().startsWith(folder) && !window->isLoading(), 60000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
  }

  void commandLineNeedsBothPacsAndStudy() {
    const auto onlyNode = anatomix::ui::parseWorkstationCommandLine(
        {QStringLiteral("anatomix-workstation"), QStringLiteral("--pacs"), QStringLiteral("ORTHANC")});
    QVERIFY(onlyNode.error.contains(QStringLiteral("--study")));
    const auto onlyStudy = anatomix::ui::parseWorkstationCommandLine(
        {QStringLiteral("anatomix-workstation"), QStringLiteral("--study"), QStringLiteral("ACC-0003")});
    QVERIFY(onlyStudy.error.contains(QStringLiteral("--pacs")));
  }

  void aWrongNodeNamePinsAnError() {
    auto window = makeWindow(nodeText());
    QVERIFY(window);
    window->openPacsStudy(QStringLiteral("NOTOURPACS"), QString::fromStdString(m_studies->current.accession));
    QVERIFY2(window->errorText().contains(QStringLiteral("NOTOURPACS")) && window->errorText().contains(nodeText()),
             qPrintable(window->errorText()));
    QVERIFY(window->loadErrorsSinceStart());
    window->dismissErrors();
    // The right AE title at another port is another node.
    const QString otherPort = QStringLiteral("ORTHANC@127.0.0.1:%1").arg(nt::free_loopback_port());
    window->openPacsStudy(otherPort, QString::fromStdString(m_studies->current.accession));
    QVERIFY2(window->errorText().contains(otherPort), qPrintable(window->errorText()));
    QVERIFY(!window->isLoading());
    QVERIFY(window->currentImagePath().isEmpty());
  }

  void anUnknownAccessionPinsAnError() {
    auto window = makeWindow(nodeText());
    QVERIFY(window);
    window->openPacsStudy(QStringLiteral("ORTHANC"), QStringLiteral("ACC-9999"));
    QTRY_VERIFY_WITH_TIMEOUT(!window->errorText().isEmpty(), 30000);
    QVERIFY2(window->errorText().contains(QStringLiteral("no study with accession number ACC-9999")),
             qPrintable(window->errorText()));
    QVERIFY(window->loadErrorsSinceStart());
    QVERIFY(!window->isLoading());
    QVERIFY(window->currentImagePath().isEmpty());
  }

  void anAccessionFromAPacsThatIsDownPinsAnError() {
    anatomix::network::PacsNode down = m_server->node();
    down.port = nt::free_loopback_port();
    auto window = makeWindow(QString::fromStdString(anatomix::network::describe(down)));
    QVERIFY(window);
    window->openPacsStudy(QStringLiteral("ORTHANC"), QString::fromStdString(m_studies->current.accession));
    QTRY_VERIFY_WITH_TIMEOUT(!window->errorText().isEmpty(), 30000);
    QVERIFY2(window->errorText().contains(QStringLiteral("cannot connect")), qPrintable(window->errorText()));
    QVERIFY(window->loadErrorsSinceStart());
    QVERIFY(!window->isLoading());
  }

  void moveRetrievesIntoTheWorkstationsStorageScp() {
    const QString cache = m_dir.filePath("cache-move");
    auto window = makeWindow(nodeText(), [&](WorkstationSettings& settings) {
      settings.setPacsRetrieveMethod(QStringLiteral("move"));
      settings.setPacsStoragePort(m_server->node().storage_port);  // where Orthanc sends C-MOVE's objects
      settings.setStudyCacheFolder(cache);
    });
    QVERIFY(window);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    const anatomix::network::StorageServer* scp = window->storageServer();
    QVERIFY(scp);
    QCOMPARE(scp->options().port, m_server->node().storage_port);
    window->openPacsStudy(QStringLiteral("ORTHANC"), QString::fromStdString(m_studies->current.accession));
    const QString folder = cacheFolderOf(cache, m_studies->current.study_uid);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentImagePath().startsWith(folder) && !window->isLoading(), 60000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    QCOMPARE(scp->n_received(), 3);  // they came through our SCP, not by C-GET
    QCOMPARE(QDir(folder).entryList({QStringLiteral("*.dcm")}, QDir::Files).size(), 3);
  }

  void aTakenStoragePortPinsAnError() {
    const int port = nt::free_loopback_port();
    anatomix::network::StorageServer::Options taken;
    taken.ae_title = "OTHERSCP";
    taken.port = port;
    taken.cache_dir = m_dir.filePath("cache-other").toStdString();
    anatomix::network::StorageServer other(taken);
    auto window = makeWindow(nodeText(), [&](WorkstationSettings& settings) {
      settings.setPacsRetrieveMethod(QStringLiteral("move"));
      settings.setPacsStoragePort(port);
    });
    QVERIFY(window);
    QVERIFY(window->storageServer() == nullptr);
    QVERIFY2(window->errorText().contains(QString::number(port)), qPrintable(window->errorText()));
    QVERIFY(window->worklistPanel());  // the worklist works on
    window->dismissErrors();
    window->retrieveStudy(QString::fromStdString(m_studies->current.study_uid));
    QVERIFY2(window->errorText().contains(QStringLiteral("not running")), qPrintable(window->errorText()));
    QVERIFY(!window->isLoading());
  }

  void theCacheIsCutAfterARetrievalKeepingTheRetrievedStudy() {
    const QString cache = m_dir.filePath("cache-limited");
    // An older study of 64 KiB in the cache; the limit (10 KiB) is below what the retrieved study needs.
    const std::filesystem::path old = std::filesystem::path(cache.toStdString()) / "1.2.826.0.1.3680043.99.7";
    std::filesystem::create_directories(old);
    std::ofstream(old / "1.2.826.0.1.3680043.99.7.1.dcm") << std::string(64 * 1024, 'x');
    std::filesystem::last_write_time(old, std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
    auto window = makeWindow(nodeText(), [&](WorkstationSettings& settings) {
      settings.setStudyCacheFolder(cache);
      settings.setStudyCacheLimitMB(0.01);
    });
    QVERIFY(window);
    window->retrieveStudy(QString::fromStdString(m_studies->current.study_uid));
    const QString folder = cacheFolderOf(cache, m_studies->current.study_uid);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentImagePath().startsWith(folder) && !window->isLoading(), 60000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    QVERIFY(!std::filesystem::exists(old));
    QCOMPARE(QDir(folder).entryList({QStringLiteral("*.dcm")}, QDir::Files).size(), 3);
  }

  void aStudyOpensAsItArrivesByCGet() { opensAsItArrives(QStringLiteral("get")); }
  void aStudyOpensAsItArrivesByCMove() { opensAsItArrives(QStringLiteral("move")); }

  void cancelLeavesWhatArrivedOpen() {
    const QString cache = m_dir.filePath("cache-cancel");
    auto window = makeWindow(nodeText(), [&](WorkstationSettings& settings) { settings.setStudyCacheFolder(cache); });
    QVERIFY(window);
    const nt::TestStudy& many = manyStudy();
    const QString folder = cacheFolderOf(cache, many.study_uid);
    retrieveUntilFirstImageShown(*window, folder);
    if (QTest::currentTestFailed()) return;
    auto* cancel = window->findChild<QToolButton*>(QStringLiteral("cancelRetrievalButton"));
    QVERIFY(cancel && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    // At once, though the PACS is still frozen: nothing waits for the worker.
    QVERIFY(!cancel->isVisible());
    QVERIFY(!window->findChild<QProgressBar*>(QStringLiteral("retrievalProgress"))->isVisible());
    QVERIFY2(window->messageText().contains(QStringLiteral("cancelled")) &&
                 window->messageText().contains(QStringLiteral("stay open")),
             qPrintable(window->messageText()));
    QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading(), 30000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    const QString shown = window->currentImagePath();
    const int listed = imagesListedUnder(*window, folder);
    QVERIFY(listed >= 1 && listed < static_cast<int>(many.files.size()));
    m_server->resume();
    // The window works on: the prior retrieves and opens; nothing more of the cancelled study is listed.
    window->retrieveStudy(QString::fromStdString(m_studies->prior.study_uid));
    const QString priorFolder = cacheFolderOf(cache, m_studies->prior.study_uid);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentImagePath().startsWith(priorFolder) && !window->isLoading(), 60000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    QCOMPARE(imagesListedUnder(*window, folder), listed);
    QVERIFY(shown.startsWith(folder));
  }

  void aPacsKilledMidTransferGivesAMessageAndTheWindowWorksOn() {
    const QString cache = m_dir.filePath("cache-killed");
    auto window = makeWindow(nodeText(), [&](WorkstationSettings& settings) { settings.setStudyCacheFolder(cache); });
    QVERIFY(window);
    const nt::TestStudy& many = manyStudy();
    const QString folder = cacheFolderOf(cache, many.study_uid);
    retrieveUntilFirstImageShown(*window, folder);
    if (QTest::currentTestFailed()) return;
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!window->errorText().isEmpty(), 30000);
    QVERIFY2(window->errorText().contains(QStringLiteral("stopped after")) &&
                 window->errorText().contains(QStringLiteral("images received are open")) &&
                 window->errorText().contains(QStringLiteral("broke off the transfer")),
             qPrintable(window->errorText()));
    QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading(), 30000);
    QVERIFY(!window->findChild<QProgressBar*>(QStringLiteral("retrievalProgress"))->isVisible());
    QVERIFY(window->currentImagePath().startsWith(folder));
    QVERIFY(window->viewport()->image());
    QVERIFY(window->saveScreenshot(QStringLiteral(ANATOMIX_SCREENSHOT_DIR "/main_window_pacs_killed.png")));
    m_server->start();
    window->dismissErrors();
    window->retrieveStudy(QString::fromStdString(m_studies->prior.study_uid));
    const QString priorFolder = cacheFolderOf(cache, m_studies->prior.study_uid);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentImagePath().startsWith(priorFolder) && !window->isLoading(), 60000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
  }

#ifdef ANATOMIX_WORKSTATION_BINARY
  // The program as a user starts it: the study opens before the screenshot; a wrong node exits with 3.
  void theProgramOpensTheAccessionGivenOnItsCommandLine() {
    const QString home = m_dir.filePath("home");
    const QString cache = m_dir.filePath("cache-program");
    {
      QSettings conf(home + QStringLiteral("/config/AnatomiX/AnatomiX Workstation.conf"), QSettings::IniFormat);
      conf.setValue(QStringLiteral("pacs/node"), nodeText());
      conf.setValue(QStringLiteral("pacs/cacheFolder"), cache);
      conf.setValue(QStringLiteral("ai/bundleDir"), m_dir.filePath("bundle"));  // no model: no analysis to wait for
    }
    const QString accession = QString::fromStdString(m_studies->current.accession);
    const QString png = m_dir.filePath("program.png");
    QByteArray output;
    QCOMPARE(runWorkstation({QStringLiteral("--pacs"), QStringLiteral("ORTHANC"), QStringLiteral("--study"), accession,
                             QStringLiteral("--screenshot"), png},
                            home, &output),
             0);
    QVERIFY(QFileInfo(png).size() > 0);
    QCOMPARE(QDir(cacheFolderOf(cache, m_studies->current.study_uid)).entryList({QStringLiteral("*.dcm")}, QDir::Files).size(),
             3);
    QCOMPARE(runWorkstation({QStringLiteral("--pacs"), QStringLiteral("NOTOURPACS"), QStringLiteral("--study"), accession,
                             QStringLiteral("--screenshot"), m_dir.filePath("wrong-node.png")},
                            home, &output),
             3);  // kScreenshotLoadErrors
    QVERIFY(QFileInfo(m_dir.filePath("wrong-node.png")).size() > 0);
  }
#endif

  // Last: the results join the current study in Orthanc, which the retrievals above open.
  void resultsWaitInTheQueueWhileThePacsIsDown() {
    anatomix::network::PacsNode down = m_server->node();
    down.port = nt::free_loopback_port();
    auto window = makeWindow(QString::fromStdString(anatomix::network::describe(down)));
    QVERIFY(window);
    QVERIFY(openForSending(*window));
    window->findChild<QAction*>(QStringLiteral("actionSendResultsToPacs"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window->errorText().isEmpty(), 30000);
    QVERIFY2(window->errorText().contains(QStringLiteral("waiting in the queue")), qPrintable(window->errorText()));
  }

  void resultsGoToThePacsBesideTheStudy() {
    auto window = makeWindow(nodeText());
    QVERIFY(window);
    QVERIFY(openForSending(*window));
    window->findChild<QAction*>(QStringLiteral("actionSendResultsToPacs"))->trigger();
    // The SR, the key image and the presentation state as series of their own in the image's study.
    const anatomix::network::PacsClient client(m_server->node());
    const auto modalities = [&]() {
      QStringList found;
      for (const auto& series : client.find_series(m_studies->current.study_uid).matches)
        found << QString::fromStdString(series.modality);
      return found;
    };
    QTRY_VERIFY_WITH_TIMEOUT(modalities().contains("SR") && modalities().contains("PR") && modalities().contains("OT"),
                             30000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    // Retrieved again, the study opens without an error: the SR and the presentation state are no
    // images and are passed over; the key image is one more image of the study.
    QSignalSpy loaded(window.get(), &MainWindow::loadingFinished);
    window->retrieveStudy(QString::fromStdString(m_studies->current.study_uid));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 60000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
  }

  // A retrieved object whose header is fine and whose pixel data do not fit it (Rows says 4096): the study
  // opens, the damaged image gives a message naming it when shown, and the others still show.
  void aDamagedRetrievedImageGivesAMessageAndTheOthersOpen() {
    const auto study = nt::make_study(m_dir.filePath("damaged").toStdString(), "DAMAGED^PIXELS", "PID-DAMAGED",
                                      "20240601", "ACC-DAMAGED", 90, 3, false);
    {
      DcmFileFormat file;
      QVERIFY(file.loadFile(study.files[1].c_str()).good());
      QVERIFY(file.getDataset()->putAndInsertUint16(DCM_Rows, 4096).good());
      QVERIFY(file.saveFile(study.files[1].c_str(), EXS_LittleEndianExplicit).good());
    }
    nt::upload_with_storescu(m_server->node(), study.files);
    auto window = makeWindow(nodeText());
    QVERIFY(window);
    window->retrieveStudy(QString::fromStdString(study.study_uid));
    QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading() && window->studyBrowser()->imagePathsOfStudy(
                                                         window->currentImagePath()).size() == 3, 60000);
    QString damaged;
    for (const QString& path : window->studyBrowser()->imagePathsOfStudy(window->currentImagePath()))
      if (QFileInfo(path).completeBaseName() == QString::fromStdString(study.sop_uids[1])) damaged = path;
    QVERIFY2(!damaged.isEmpty(), "the damaged object is not listed under its SOP Instance UID");
    window->showImage(damaged);
    QTRY_VERIFY_WITH_TIMEOUT(!window->errorText().isEmpty() && !window->isLoading(), 30000);
    QVERIFY2(window->errorText().contains(QFileInfo(damaged).fileName()), qPrintable(window->errorText()));
    // The window works on: another image of the study shows.
    for (const QString& path : window->studyBrowser()->imagePathsOfStudy(damaged)) {
      if (path == damaged) continue;
      window->showImage(path);
      QTRY_COMPARE_WITH_TIMEOUT(window->currentImagePath(), path, 30000);
      break;
    }
    QVERIFY(window->saveScreenshot(QStringLiteral(ANATOMIX_SCREENSHOT_DIR "/main_window_pacs_damaged.png")));
  }

  void cleanupTestCase() {
    m_server->resume();  // in case a check failed while it was frozen
    m_server.reset();
  }

 private:
  // The study is frozen at its first object, the viewer shows that one while the others wait, then
  // the rest arrives into the study browser, counted "n of N" in the status bar.
  void opensAsItArrives(const QString& method) {
    const QString cache = m_dir.filePath(QStringLiteral("cache-live-") + method);
    auto window = makeWindow(nodeText(), [&](WorkstationSettings& settings) {
      settings.setPacsRetrieveMethod(method);
      settings.setPacsStoragePort(m_server->node().storage_port);
      settings.setStudyCacheFolder(cache);
    });
    QVERIFY(window);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    const nt::TestStudy& many = manyStudy();
    const int n = static_cast<int>(many.files.size());
    auto* progress = window->findChild<QProgressBar*>(QStringLiteral("retrievalProgress"));
    QVERIFY(progress);
    int largestTotal = 0;
    connect(progress, &QProgressBar::valueChanged, this, [&] { largestTotal = std::max(largestTotal, progress->maximum()); });
    const QString folder = cacheFolderOf(cache, many.study_uid);
    retrieveUntilFirstImageShown(*window, folder);
    if (QTest::currentTestFailed()) return;
    // Shown while the retrieval still runs, with part of the study in the cache.
    QVERIFY(window->isLoading());
    QVERIFY(progress->isVisible());
    QVERIFY(window->findChild<QToolButton*>(QStringLiteral("cancelRetrievalButton"))->isVisible());
    const int listedWhileFrozen = imagesListedUnder(*window, folder);
    QVERIFY2(listedWhileFrozen >= 1 && listedWhileFrozen < n, qPrintable(QString::number(listedWhileFrozen)));
    QVERIFY(progress->value() < n);
    QVERIFY(window->saveScreenshot(QStringLiteral(ANATOMIX_SCREENSHOT_DIR "/main_window_pacs_arriving_") + method +
                                   QStringLiteral(".png")));
    const QString first = window->currentImagePath();
    m_server->resume();
    QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading() && imagesListedUnder(*window, folder) == n, 60000);
    QVERIFY2(window->errorText().isEmpty(), qPrintable(window->errorText()));
    QCOMPARE(window->currentImagePath(), first);  // the arrivals never took the image away
    QVERIFY(!progress->isVisible());
    QCOMPARE(largestTotal, n);  // "n of N" from the PACS's responses
    QVERIFY2(window->messageText().contains(QString::number(n)), qPrintable(window->messageText()));
  }

  // A study of many images, uploaded on first use (the other tests count the worklist's studies).
  const nt::TestStudy& manyStudy() {
    if (!m_many) {
      m_many = std::make_unique<nt::TestStudy>(nt::make_study(m_dir.filePath("many").toStdString(), "MANY^IMAGES",
                                                              "PID-0009", "20220101", "ACC-0009", 10, 24, false, 512));
      nt::upload_with_storescu(m_server->node(), m_many->files);
    }
    return *m_many;
  }

  // Freezes Orthanc (SIGSTOP) as soon as an object is complete in `folder`, so that the rest of the
  // study waits whatever the machine's speed. The result: false when none came within 60 s.
  std::future<bool> freezeOrthancAtFirstObject(const QString& folder) {
    const std::filesystem::path path = folder.toStdString();
    return std::async(std::launch::async, [this, path] {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (std::chrono::steady_clock::now() < deadline) {
        std::error_code error;
        for (std::filesystem::directory_iterator entry(path, error), end; !error && entry != end; entry.increment(error))
          if (entry->path().extension() == ".dcm") {
            m_server->pause();
            return true;
          }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      return false;
    });
  }
  // Retrieves the many-image study with Orthanc frozen once its first object is in `folder`, and waits until
  // that first image is on screen while the rest of the study waits.
  void retrieveUntilFirstImageShown(MainWindow& window, const QString& folder) {
    auto frozen = freezeOrthancAtFirstObject(folder);
    window.retrieveStudy(QString::fromStdString(manyStudy().study_uid));
    QTRY_VERIFY_WITH_TIMEOUT(isReady(frozen), 60000);
    QVERIFY2(frozen.get(), "no object arrived");
    QTRY_VERIFY_WITH_TIMEOUT(window.currentImagePath().startsWith(folder) && window.viewport()->image(), 30000);
  }
  static bool isReady(const std::future<bool>& future) {
    return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  }
  static int imagesListedUnder(MainWindow& window, const QString& folder) {
    int count = 0;
    for (const QString& path : window.studyBrowser()->imagePaths()) count += path.startsWith(folder + QLatin1Char('/'));
    return count;
  }

#ifdef ANATOMIX_WORKSTATION_BINARY
  // Runs the workstation program with settings and logs under `home`; its exit code (-1: it hung or crashed).
  static int runWorkstation(const QStringList& arguments, const QString& home, QByteArray* output) {
    const auto run = anatomix::ui::testing::runWorkstation(QStringLiteral(ANATOMIX_WORKSTATION_BINARY), arguments, home);
    *output = run.output;
    if (run.exitCode < 0) qWarning("%s", output->constData());
    return run.exitCode;
  }
#endif

  // Opens the current study's first image from the local copy and waits for its key image.
  bool openForSending(MainWindow& window) {
    window.openPaths({QString::fromStdString(m_studies->current.files.front())});
    auto* report = qobject_cast<anatomix::report::ReportPanel*>(window.reportPanel());
    if (!report) return false;
    report->setDraftDirectory(m_dir.filePath(QStringLiteral("drafts")));
    return QTest::qWaitFor([report]() { return report->hasStudy() && !report->keyImages().isEmpty(); }, 30000) &&
           report->draft().study.isDicom();
  }
  QString nodeText() const { return QString::fromStdString(anatomix::network::describe(m_server->node())); }
  static QString cacheFolderOf(const QString& cache, const std::string& studyUid) {
    return QDir(cache).filePath(QString::fromStdString(studyUid));
  }

  QTemporaryDir m_dir;
  std::unique_ptr<nt::OrthancServer> m_server;
  std::unique_ptr<nt::TestStudies> m_studies;
  std::unique_ptr<nt::TestStudy> m_many;
};

QTEST_MAIN(MainWindowPacsTest)
#include "main_window_pacs_test.moc"
