// The reading workflow on the real engine: the main window with the LibTorch engine and the test
// bundle (random APM and projectors around the real Gemma 3 270M; fixture engine.fixture.bundle),
// a DICOM study written by DCMTK. Checks the anatomy layer's 36 boxes (also after analysing again), a
// streamed "describe" answer next to a drawn region, and that stopping a report generation shows it stopped
// at once and lets nothing more arrive. The event loop's stalls and the Stop latency are figures of
// bench_ui_reading, not assertions here. Switching models (AI > Model) on the real engine: to the shipped bundle,
// whose image is analysed again, then to a bundle whose weights do not fit its config.json, which leaves the
// shipped one in use.
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/ui/anatomy_panel.h"
#include "anatomix/ui/ask_panel.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"
#include "test_dicom_files.h"

using anatomix::ui::EngineWorker;
using anatomix::ui::MainWindow;
using anatomix::ui::ReadingAssistant;
using anatomix::ui::WorkstationSettings;

class ReadingEngineTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_study;
  std::unique_ptr<MainWindow> m_window;

 private slots:
  void initTestCase() {
    const QString bundle = qEnvironmentVariable("ANATOMIX_UI_TEST_BUNDLE");
    QVERIFY2(QFileInfo::exists(bundle + QStringLiteral("/config.json")),
             qPrintable(QStringLiteral("no test bundle at '%1' (fixture engine.fixture.bundle)").arg(bundle)));
    QVERIFY(m_dir.isValid());
    m_study = m_dir.filePath(QStringLiteral("chest.dcm"));
    QVERIFY(anatomix::ui::testing::writeDxFile(m_study));
    auto settings = std::make_unique<WorkstationSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
    settings->setBundleDir(bundle);
    m_window = std::make_unique<MainWindow>(std::move(settings));  // the LibTorch engine
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QApplication::setActiveWindow(m_window.get());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->readingAssistant()->modelState() != ReadingAssistant::ModelState::Loading, 90000);
    QCOMPARE(m_window->readingAssistant()->modelState(), ReadingAssistant::ModelState::Ready);
  }

  void anatomyLayerHas36BoxesAfterLoad() {
    QSignalSpy analysed(m_window->readingAssistant(), &ReadingAssistant::analysisFinished);
    m_window->openPaths({m_study});
    QVERIFY(analysed.wait(90000));
    QVERIFY(analysed.first().at(0).toBool());
    const auto* layer = m_window->overlayModel()->layer(QString::fromLatin1(anatomix::ui::AnatomyPanel::kLayerId));
    QVERIFY(layer);
    QCOMPARE(layer->items.size(), 36);
    const auto analysis = m_window->readingAssistant()->analysis();
    for (const auto& item : layer->items) QVERIFY(!item.toolTip.isEmpty() && item.rectPx.isValid());
    QVERIFY(QRectF(0, 0, analysis->width, analysis->height).adjusted(-1, -1, 1, 1).contains(layer->items[0].rectPx.center()));

    // Analyse again (Ctrl+Shift+A) once the first frame is shown: the layer is refilled.
    QTest::qWait(500);
    QTest::keyClick(m_window.get(), Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_window->readingAssistant()->isAnalysing());
    QVERIFY(analysed.wait(90000));
    QVERIFY(analysed.last().at(0).toBool());
    QCOMPARE(layer->items.size(), 36);
  }

  void describingADrawnRegionStreamsAnAnswer() {
    QVERIFY(m_window->readingAssistant()->analysis());
    m_window->userRegions()->addRegion(QRectF(120, 150, 140, 160));
    auto* ask = m_window->askPanel();
    QTRY_VERIFY(ask->describeButton()->isEnabled());
    QSignalSpy streamed(m_window->readingAssistant()->worker(), &EngineWorker::textStreamed);
    QSignalSpy cancelled(m_window->readingAssistant()->worker(), &EngineWorker::requestCancelled);
    QSignalSpy asked(m_window->readingAssistant(), &ReadingAssistant::askFinished);
    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_window->readingAssistant()->isAsking());
    QVERIFY(streamed.wait(100000));  // the prompt is prefilled; generation has begun
    // Streaming: a few pieces arrive while the answer is still being generated, into the panel and
    // next to the region.
    QTRY_VERIFY_WITH_TIMEOUT(streamed.count() >= 4 || asked.count() > 0, 60000);
    QVERIFY(!ask->regionAnswerText().isEmpty());
    const auto* answers = m_window->overlayModel()->layer(QString::fromLatin1(anatomix::ui::AskPanel::kLayerId));
    QVERIFY(answers && answers->items.size() == 1);
    QVERIFY(!answers->items[0].label.isEmpty());
    std::printf("describe: %lld pieces: \"%s\"\n", static_cast<long long>(streamed.count()),
                qPrintable(ask->regionAnswerText().left(100)));
    if (asked.count() == 0) {
      // Stop the rest (the untrained model may ramble to the token limit).
      QAction* stop = m_window->findChild<QAction*>(QStringLiteral("actionStopAi"));
      QVERIFY(stop->isEnabled());
      QTest::keyClick(m_window.get(), Qt::Key_Period, Qt::ControlModifier);
      QVERIFY2(!m_window->readingAssistant()->isAsking(), qPrintable(stop->shortcut().toString()));
      QVERIFY(cancelled.count() > 0 || cancelled.wait(5000));
    }
    QTRY_VERIFY(!m_window->readingAssistant()->worker()->isBusy());
  }

  void stoppingAReportShowsItStoppedAndNothingMoreArrives() {
    auto* assistant = m_window->readingAssistant();
    QVERIFY(assistant->analysis());
    QVERIFY(!assistant->isAsking());
    QSignalSpy streamed(assistant->worker(), &EngineWorker::textStreamed);
    QSignalSpy cancelled(assistant->worker(), &EngineWorker::requestCancelled);
    QSignalSpy reportText(assistant, &ReadingAssistant::reportText);
    assistant->generateReport();
    QVERIFY(assistant->isAsking());
    QVERIFY(streamed.wait(100000));  // generation has started (the prompt is prefilled)
    QTest::keyClick(m_window.get(), Qt::Key_Period, Qt::ControlModifier);  // Stop the Model
    // What the user sees: the report stops growing at once (within the key press, before any event is
    // handled) and the AI actions are free again.
    QVERIFY(!assistant->isAsking());
    const int piecesAtStop = reportText.count();
    QVERIFY(cancelled.count() > 0 || cancelled.wait(5000));
    QCOMPARE(reportText.count(), piecesAtStop);  // nothing arrives after Stop
    QTRY_VERIFY(!assistant->worker()->isBusy());
  }

  void switchingModelsKeepsTheModelInUseWhenTheNextFails() {
    auto* assistant = m_window->readingAssistant();
    if (m_window->currentImagePath().isEmpty()) {  // run on its own
      QSignalSpy loaded(m_window.get(), &MainWindow::loadingFinished);
      m_window->openPaths({m_study});
      QVERIFY(loaded.wait(30000));
    }
    const QString shipped = ReadingAssistant::shippedBundleDir();
    QVERIFY2(!shipped.isEmpty(), "the shipped bundle is found");
    m_window->chooseModel(shipped);
    QTRY_VERIFY_WITH_TIMEOUT(assistant->modelState() == ReadingAssistant::ModelState::Ready, 90000);
    QCOMPARE(assistant->modelName(), QStringLiteral("anatomix-demo"));
    // The drawn thorax is no radiograph to the shipped model's learned check; the reader analyses it anyway.
    QTRY_VERIFY_WITH_TIMEOUT(!assistant->gateMessage().isEmpty(), 90000);
    QVERIFY2(assistant->gateMessage().contains(QStringLiteral("model's check")), qPrintable(assistant->gateMessage()));
    assistant->analyseDespiteGate();
    QTRY_VERIFY_WITH_TIMEOUT(assistant->analysis() != nullptr && !assistant->isAnalysing(), 90000);
    QCOMPARE(m_window->settings().bundleDir(), QString());  // the shipped bundle: the default

    // The shipped files under a config.json with twice the APM's width: every file is there (the menu lists it as
    // usable), the engine refuses the weights' shapes.
    const QString mismatched = m_dir.filePath(QStringLiteral("mismatched-bundle"));
    QVERIFY(QDir().mkpath(mismatched));
    for (const QString& file : QDir(shipped).entryList(QDir::Files))
      if (file != QLatin1String("config.json")) QVERIFY(QFile::link(QDir(shipped).filePath(file), QDir(mismatched).filePath(file)));
    QFile shippedConfig(QDir(shipped).filePath(QStringLiteral("config.json")));
    QVERIFY(shippedConfig.open(QIODevice::ReadOnly));
    QJsonObject config = QJsonDocument::fromJson(shippedConfig.readAll()).object();
    QJsonObject apm = config.value(QStringLiteral("apm")).toObject();
    apm.insert(QStringLiteral("hidden_dim"), 2 * apm.value(QStringLiteral("hidden_dim")).toInt());
    config.insert(QStringLiteral("apm"), apm);
    config.insert(QStringLiteral("name"), QStringLiteral("mismatched"));
    QFile mismatchedConfig(QDir(mismatched).filePath(QStringLiteral("config.json")));
    QVERIFY(mismatchedConfig.open(QIODevice::WriteOnly));
    mismatchedConfig.write(QJsonDocument(config).toJson());
    mismatchedConfig.close();

    m_window->chooseModel(mismatched);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->errorText().contains(QStringLiteral("could not be loaded")), 90000);
    QVERIFY2(m_window->errorText().contains(QStringLiteral("The model \"anatomix-demo\" stays in use.")),
             qPrintable(m_window->errorText()));
    QCOMPARE(assistant->modelState(), ReadingAssistant::ModelState::Ready);
    QCOMPARE(assistant->modelName(), QStringLiteral("anatomix-demo"));
    // The image is analysed by the model that stayed.
    QTRY_VERIFY_WITH_TIMEOUT(assistant->analysis() != nullptr && !assistant->isAnalysing(), 90000);
    QCOMPARE(assistant->analysis()->analysis.anatomies.size(), size_t(36));
    QCOMPARE(m_window->settings().bundleDir(), QString());
  }

  void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(ReadingEngineTest)
#include "reading_engine_test.moc"
