// AI > Model: the installed bundles (the shipped one, those of the user's bundle folder) listed with their
// config.json name and description, a broken one listed with its reason, switching between bundles on the
// worker thread with the image re-analysed, the previous model kept when a bundle fails to load or needs more
// memory than is available (a sparse 68 GB weight file against an available amount the test sets), and the
// report naming the model in use. The model behind the window is the scripted test model, which takes its name
// from the bundle's config.json.
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/report/report_panel.h"
#include "anatomix/test_support/sparse_bundle.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/ui/workstation_settings.h"
#include "scripted_engine_backend.h"
#include "test_dicom_files.h"

using anatomix::ui::MainWindow;
using anatomix::ui::ReadingAssistant;
using anatomix::ui::WorkstationSettings;
using anatomix::ui::testing::ScriptedEngineBackend;

namespace {

// A bundle folder with every file config.json names (the default names), its weight files sparse.
bool writeBundle(const QString& folder, const QJsonObject& configKeys, qint64 lmBytes = 1024) {
  anatomix::test_support::SparseBundle bundle;
  bundle.config_keys = QJsonDocument(configKeys).toJson(QJsonDocument::Compact).toStdString();
  bundle.lm_bytes = static_cast<std::uint64_t>(lmBytes);
  try {
    anatomix::test_support::write_sparse_bundle(folder.toStdString(), bundle);
    return true;
  } catch (const std::exception& error) {
    qWarning("%s", error.what());
    return false;
  }
}

}  // namespace

class ModelMenuTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_bundles;  // the user's bundle folder
  QString m_image;
  ScriptedEngineBackend* m_model = nullptr;  // owned by the window's worker

  std::unique_ptr<MainWindow> makeWindow() {
    auto settings = std::make_unique<WorkstationSettings>(m_dir.filePath("settings.ini"));
    settings->setBundleDir(QDir(m_bundles).filePath("a-start"));
    auto model = std::make_unique<ScriptedEngineBackend>();
    m_model = model.get();
    auto window = std::make_unique<MainWindow>(std::move(settings), std::move(model));
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    return window;
  }

  // The menu as it is when it opens.
  static QMenu* openModelMenu(MainWindow& window) {
    auto* menu = window.findChild<QMenu*>(QStringLiteral("modelMenu"));
    if (menu) emit menu->aboutToShow();
    return menu;
  }

  static QAction* entry(QMenu* menu, const QString& folderName) {
    for (QAction* action : menu->actions())
      if (QFileInfo(action->data().toString()).fileName() == folderName) return action;
    return nullptr;
  }

  // Opens the test image and waits for the model in use to have analysed it.
  bool openAndAnalyse(MainWindow& window) {
    QSignalSpy finished(&window, &MainWindow::loadingFinished);
    window.openPaths({m_image});
    if (!finished.wait(60000)) return false;
    return QTest::qWaitFor([&window]() { return window.readingAssistant()->analysis() != nullptr; }, 30000);
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_bundles = ReadingAssistant::userBundlesFolder();
    QVERIFY(m_bundles.startsWith(qEnvironmentVariable("XDG_DATA_HOME")) && !qEnvironmentVariableIsEmpty("XDG_DATA_HOME"));
    QDir(m_bundles).removeRecursively();
    QVERIFY(writeBundle(QDir(m_bundles).filePath("a-start"), {{"name", "start-model"}, {"description", "the first model"}}));
    QVERIFY(writeBundle(QDir(m_bundles).filePath("chest-small"),
                        {{"name", "chest-small"}, {"version", "1.2"}, {"description", "small chest model for tests"}}));
    QVERIFY(writeBundle(QDir(m_bundles).filePath("failing"),
                        {{"name", "failing-model"},
                         {"scripted_load_error", "lm.safetensors holds no tensor model.embed_tokens.weight."}}));
    QVERIFY(writeBundle(QDir(m_bundles).filePath("broken"), {{"name", "broken-model"}}));
    QVERIFY(QFile::remove(QDir(m_bundles).filePath("broken/lm.safetensors")));
    // 64 GiB of 32-bit floats, sparse: no disk taken, but more than the 8 GB the tests say are available.
    QVERIFY(writeBundle(QDir(m_bundles).filePath("huge"), {{"name", "huge-model"}}, 64ll << 30));
    m_image = m_dir.filePath("chest_pa.dcm");
    QVERIFY(anatomix::ui::testing::writeDxFile(m_image));
  }

  void cleanupTestCase() { QDir(m_bundles).removeRecursively(); }

  void listsInstalledBundlesWithNameDescriptionAndProblems() {
    auto window = makeWindow();
    QVERIFY(window);
    QTRY_COMPARE_WITH_TIMEOUT(window->readingAssistant()->modelName(), QStringLiteral("start-model"), 10000);
    QMenu* menu = openModelMenu(*window);
    QVERIFY(menu);

    QAction* shipped = entry(menu, QStringLiteral("anatomix-demo"));
    QVERIFY2(shipped, "the shipped bundle is listed");
    QVERIFY(shipped->text().startsWith(QStringLiteral("anatomix-demo \u2014 demonstration model")));
    QAction* small = entry(menu, QStringLiteral("chest-small"));
    QVERIFY(small);
    QCOMPARE(small->text(), QStringLiteral("chest-small 1.2 \u2014 small chest model for tests"));
    QVERIFY(small->toolTip().contains(QStringLiteral("small chest model for tests")));
    QVERIFY(small->toolTip().contains(QDir::toNativeSeparators(QDir(m_bundles).filePath("chest-small"))));
    QVERIFY(small->isCheckable() && !small->isChecked());
    QAction* start = entry(menu, QStringLiteral("a-start"));
    QVERIFY(start && start->isChecked());  // the model in use
    QAction* broken = entry(menu, QStringLiteral("broken"));
    QVERIFY2(broken, "a broken bundle is listed, not hidden");
    QCOMPARE(broken->text(), QStringLiteral("broken-model (cannot be used)"));
    QVERIFY2(broken->toolTip().contains(QStringLiteral("lm.safetensors is missing")), qPrintable(broken->toolTip()));
    QVERIFY(window->findChild<QAction*>(QStringLiteral("actionAddModelFolder")));
    QVERIFY(menu->actions().contains(window->findChild<QAction*>(QStringLiteral("actionAddModelFolder"))));

    // Choosing the broken one says why and loads nothing.
    const int loads = m_model->loadCalls;
    broken->trigger();
    QVERIFY2(window->errorText().contains(QStringLiteral("cannot be used")) &&
                 window->errorText().contains(QStringLiteral("lm.safetensors is missing")),
             qPrintable(window->errorText()));
    QCOMPARE(m_model->loadCalls.load(), loads);
    QCOMPARE(window->readingAssistant()->modelName(), QStringLiteral("start-model"));

    // For looking at: ANATOMIX_UI_SCREENSHOT_DIR=folder keeps a picture of the open menu.
    const QString shots = qEnvironmentVariable("ANATOMIX_UI_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
      menu->popup(window->mapToGlobal(QPoint(40, 40)));
      QTest::qWait(200);
      QVERIFY(menu->grab().save(QDir(shots).filePath(QStringLiteral("model_menu.png"))));
      menu->hide();
    }
  }

  void choosingABundleLoadsItReanalysesAndKeepsItInTheSettings() {
    auto window = makeWindow();
    QVERIFY(window);
    QTRY_COMPARE_WITH_TIMEOUT(window->readingAssistant()->modelName(), QStringLiteral("start-model"), 10000);
    QVERIFY(openAndAnalyse(*window));
    const int analyses = m_model->analyseCalls;

    QSignalSpy progress(window->readingAssistant(), &ReadingAssistant::progress);
    entry(openModelMenu(*window), QStringLiteral("chest-small"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window->readingAssistant()->modelName(), QStringLiteral("chest-small"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window->readingAssistant()->analysis() != nullptr, 10000);
    QVERIFY(m_model->analyseCalls > analyses);  // the image on screen, analysed by the new model
    QVERIFY(!progress.isEmpty());
    QCOMPARE(window->readingAssistant()->modelVersion(), QStringLiteral("1.2"));
    QCOMPARE(window->settings().bundleDir(), QDir(m_bundles).filePath("chest-small"));
    QVERIFY(entry(openModelMenu(*window), QStringLiteral("chest-small"))->isChecked());
    QVERIFY(!entry(openModelMenu(*window), QStringLiteral("a-start"))->isChecked());

    // The report's exports name the model in use.
    auto* report = qobject_cast<anatomix::report::ReportPanel*>(window->reportPanel());
    QVERIFY(report);
    const anatomix::report::AlgorithmIdentity algorithm = report->exportOptions().algorithm;
    QCOMPARE(algorithm.modelName, QStringLiteral("chest-small"));
    QCOMPARE(algorithm.modelVersion, QStringLiteral("1.2"));
    QCOMPARE(algorithm.modelDescription, QStringLiteral("small chest model for tests"));
  }

  void aBundleThatFailsToLoadLeavesThePreviousModelInUse() {
    auto window = makeWindow();
    QVERIFY(window);
    QTRY_COMPARE_WITH_TIMEOUT(window->readingAssistant()->modelName(), QStringLiteral("start-model"), 10000);
    QVERIFY(openAndAnalyse(*window));
    const int loads = m_model->loadCalls;

    entry(openModelMenu(*window), QStringLiteral("failing"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->loadCalls > loads && window->errorText().contains(QStringLiteral("could not be loaded")),
                             10000);
    QVERIFY2(window->errorText().contains(QStringLiteral("lm.safetensors holds no tensor")), qPrintable(window->errorText()));
    QVERIFY2(window->errorText().contains(QStringLiteral("The model \"start-model\" stays in use.")),
             qPrintable(window->errorText()));
    QCOMPARE(window->readingAssistant()->modelState(), ReadingAssistant::ModelState::Ready);
    QCOMPARE(window->readingAssistant()->modelName(), QStringLiteral("start-model"));
    QTRY_VERIFY_WITH_TIMEOUT(window->readingAssistant()->analysis() != nullptr, 10000);  // analysed again
    QVERIFY(window->aiBannerText().isEmpty());
    QCOMPARE(window->settings().bundleDir(), QDir(m_bundles).filePath("a-start"));
  }

  void aBundleTooBigForTheMemoryIsRefusedBeforeLoading() {
    auto window = makeWindow();
    QVERIFY(window);
    QTRY_COMPARE_WITH_TIMEOUT(window->readingAssistant()->modelName(), QStringLiteral("start-model"), 10000);
    window->readingAssistant()->setAvailableMemory([]() -> std::optional<quint64> { return 8'000'000'000ull; });
    const int loads = m_model->loadCalls;

    entry(openModelMenu(*window), QStringLiteral("huge"))->trigger();
    // 64 GiB of weights and the small files: 68.7 GB.
    QVERIFY2(window->errorText().contains(QStringLiteral("This model needs about 68.7 GB; 8.0 GB are available on this computer.")),
             qPrintable(window->errorText()));
    QVERIFY(window->errorText().contains(QStringLiteral("The model \"start-model\" stays in use.")));
    QTest::qWait(100);
    QCOMPARE(m_model->loadCalls.load(), loads);  // never handed to the engine
    QCOMPARE(window->readingAssistant()->modelName(), QStringLiteral("start-model"));

    // With enough memory the same bundle loads.
    window->readingAssistant()->setAvailableMemory([]() -> std::optional<quint64> { return 80'000'000'000ull; });
    entry(openModelMenu(*window), QStringLiteral("huge"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window->readingAssistant()->modelName(), QStringLiteral("huge-model"), 10000);
  }
};

QTEST_MAIN(ModelMenuTest)
#include "model_menu_test.moc"
