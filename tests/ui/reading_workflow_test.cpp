// The reading workflow in the real main window, driven with QTest, on a DICOM study written by
// DCMTK, with the scripted test model behind the engine interface: the anatomy layer's 36 boxes
// after load, typing a phrase adds a findings box, drawing a region and asking "describe" streams
// an answer next to it, accepting / editing / rejecting findings, the chat keeps the image's
// history, the flip check passes a model whose names follow the anatomy and flags one that names
// sides by image side, and a missing bundle leaves a working viewer with a banner.
#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "anatomix/ui/anatomy_panel.h"
#include "anatomix/ui/ask_panel.h"
#include "anatomix/ui/command_line.h"
#include "anatomix/ui/findings_panel.h"
#include "anatomix/ui/flip_check_panel.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"
#include "scripted_engine_backend.h"
#include "test_dicom_files.h"

using anatomix::report::FindingDecision;
using anatomix::ui::MainWindow;
using anatomix::ui::ReadingAssistant;
using anatomix::ui::WorkstationSettings;
using anatomix::ui::testing::ScriptedEngineBackend;

class ReadingWorkflowTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_study;

  using SideReading = ScriptedEngineBackend::SideReading;

  std::unique_ptr<MainWindow> makeWindow(const QString& bundleDir, SideReading reading = SideReading::Anatomy,
                                         ScriptedEngineBackend** backendOut = nullptr) {
    auto settings = std::make_unique<WorkstationSettings>(m_dir.filePath(QStringLiteral("settings-%1.ini").arg(int(reading))));
    settings->setBundleDir(bundleDir);
    auto backend = std::make_unique<ScriptedEngineBackend>(reading);
    if (backendOut) *backendOut = backend.get();
    auto window = std::make_unique<MainWindow>(std::move(settings), std::move(backend));
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    QApplication::setActiveWindow(window.get());
    return window;
  }

  // Opens the study and waits for the decode and the analysis.
  static bool openAndAnalyse(MainWindow& window, const QString& path) {
    QSignalSpy analysed(window.readingAssistant(), &ReadingAssistant::analysisFinished);
    window.openPaths({path});
    return analysed.wait(30000) && analysed.first().at(0).toBool();
  }

  static const anatomix::viewer::OverlayLayer* layer(MainWindow& window, const char* id) {
    return window.overlayModel()->layer(QString::fromLatin1(id));
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("bundle")));
    m_study = m_dir.filePath(QStringLiteral("chest.dcm"));
    QVERIFY(anatomix::ui::testing::writeDxFile(m_study));
  }

  void anatomyLayerHas36BoxesAfterLoad() {
    auto window = makeWindow(m_dir.filePath(QStringLiteral("bundle")));
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, m_study));
    const auto* anatomy = layer(*window, anatomix::ui::AnatomyPanel::kLayerId);
    QVERIFY(anatomy);
    QCOMPARE(anatomy->items.size(), 36);
    QCOMPARE(window->anatomyPanel()->list()->topLevelItemCount(), 36);
    // Abnormal boxes stand out; their sentence is the tool tip.
    int abnormal = 0;
    for (const auto& item : anatomy->items) {
      QVERIFY(!item.toolTip.isEmpty());
      if (item.flags.testFlag(anatomix::viewer::OverlayItemFlag::Abnormal)) ++abnormal;
    }
    QCOMPARE(abnormal, 2);
    // Unchecking a row hides its box; selecting a row highlights it.
    QTreeWidgetItem* first = window->anatomyPanel()->list()->topLevelItem(0);
    first->setCheckState(0, Qt::Unchecked);
    QVERIFY(window->overlayModel()->item(QStringLiteral("anatomy"), QStringLiteral("anatomy-0"))->flags.testFlag(
        anatomix::viewer::OverlayItemFlag::Hidden));
    window->anatomyPanel()->list()->setCurrentItem(window->anatomyPanel()->list()->topLevelItem(5));
    QVERIFY(window->overlayModel()->item(QStringLiteral("anatomy"), QStringLiteral("anatomy-5"))->flags.testFlag(
        anatomix::viewer::OverlayItemFlag::Highlighted));
    // The layers panel lists (and so controls) the new layers.
    QVERIFY(window->overlayModel()->hasLayer(QStringLiteral("findings")));
    QVERIFY(window->overlayModel()->hasLayer(QStringLiteral("flip-check")));
    QVERIFY(window->aiBannerText().isEmpty());
  }

  void typingAPhraseAddsAFindingsBoxAndDecisionsStick() {
    auto window = makeWindow(m_dir.filePath(QStringLiteral("bundle")));
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, m_study));
    auto* findings = window->findingsPanel();
    // The analysis' own: 2 abnormal anatomies, 1 label and the cardiothoracic ratio's sentence.
    const int before = findings->findings().size();
    QCOMPARE(before, 4);
    QCOMPARE(findings->findings().last().source, anatomix::report::FindingSource::CardiothoracicRatio);
    QSignalSpy asked(window->readingAssistant(), &ReadingAssistant::askFinished);
    QTest::keyClick(window.get(), Qt::Key_G, Qt::ControlModifier);  // Ctrl+G focuses the phrase box
    QTRY_VERIFY(findings->phraseEdit()->hasFocus());
    QTest::keyClicks(findings->phraseEdit(), QStringLiteral("left pleural effusion"));
    QTest::keyClick(findings->phraseEdit(), Qt::Key_Return);
    QVERIFY(asked.wait(10000));
    QCOMPARE(findings->findings().size(), before + 1);
    const auto added = findings->findings().last();
    QCOMPARE(added.label, QStringLiteral("left pleural effusion"));
    QCOMPARE(added.source, anatomix::report::FindingSource::PhraseGrounding);
    QCOMPARE(added.regions.size(), 1);
    const auto* layerFindings = layer(*window, anatomix::ui::FindingsPanel::kLayerId);
    QVERIFY(layerFindings);
    bool boxShown = false;
    for (const auto& item : layerFindings->items) boxShown |= item.id.startsWith(added.id) && item.rectPx == added.regions[0];
    QVERIFY(boxShown);

    // Accept, edit, reject through the panel's buttons and the in-place editor.
    QPushButton* accept = findings->findChild<QPushButton*>(QStringLiteral("acceptFindingButton"));
    QPushButton* reject = findings->findChild<QPushButton*>(QStringLiteral("rejectFindingButton"));
    findings->list()->setCurrentItem(findings->list()->topLevelItem(before));
    QTest::mouseClick(accept, Qt::LeftButton);
    QCOMPARE(findings->findings().last().decision, FindingDecision::Accepted);
    findings->list()->topLevelItem(before)->setText(0, QStringLiteral("small left pleural effusion"));
    QCOMPARE(findings->findings().last().decision, FindingDecision::Edited);
    QCOMPARE(findings->findings().last().shownLabel(), QStringLiteral("small left pleural effusion"));
    findings->list()->setCurrentItem(findings->list()->topLevelItem(0));
    QTest::mouseClick(reject, Qt::LeftButton);
    QCOMPARE(findings->findings().first().decision, FindingDecision::Rejected);
    for (const auto& item : layer(*window, anatomix::ui::FindingsPanel::kLayerId)->items)
      if (item.id.startsWith(findings->findings().first().id + QLatin1Char('/')))
        QVERIFY(item.flags.testFlag(anatomix::viewer::OverlayItemFlag::Hidden));
  }

  void locatingAnAnatomyChecksTheLanguageModelsBoxAgainstTheAnatomyModule() {
    ScriptedEngineBackend* backend = nullptr;
    auto window = makeWindow(m_dir.filePath(QStringLiteral("bundle")), SideReading::Anatomy, &backend);
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, m_study));
    const auto& anatomies = window->readingAssistant()->analysis()->analysis.anatomies;
    const auto rightLung = std::find_if(anatomies.begin(), anatomies.end(),
                                        [](const anatomix::AnatomyResult& anatomy) { return anatomy.name == "Right lung"; });
    QVERIFY(rightLung != anatomies.end());
    const QRectF anatomyModuleBox =
        QRectF(QPointF(rightLung->box.x1, rightLung->box.y1), QPointF(rightLung->box.x2, rightLung->box.y2)).normalized();
    auto* findings = window->findingsPanel();
    findings->anatomyBox()->setCurrentText(QStringLiteral("Right lung"));
    QPushButton* locate = findings->findChild<QPushButton*>(QStringLiteral("groundAnatomyButton"));
    QSignalSpy asked(window->readingAssistant(), &ReadingAssistant::askFinished);

    // A language model that copies the box its prompt holds: its answer as it is.
    QTRY_VERIFY(locate->isEnabled());
    QTest::mouseClick(locate, Qt::LeftButton);
    QVERIFY(asked.wait(10000));
    auto added = findings->findings().last();
    QCOMPARE(added.source, anatomix::report::FindingSource::AnatomyGrounding);
    QCOMPARE(added.label, QStringLiteral("Right lung"));
    QCOMPARE(added.regions, QVector<QRectF>{anatomyModuleBox});

    // One that puts the right lung where its name usually lies on the image: the anatomy module's box is
    // shown, and the label says that the language model disagreed.
    backend->misplaceAnatomies = true;
    QTRY_VERIFY(locate->isEnabled());
    QTest::mouseClick(locate, Qt::LeftButton);
    QVERIFY(asked.wait(10000));
    added = findings->findings().last();
    QVERIFY2(added.label.startsWith(QStringLiteral("Right lung (the anatomy module's box; the language model's box "
                                                   "disagreed, IoU 0.")),
             qPrintable(added.label));
    QCOMPARE(added.regions, QVector<QRectF>{anatomyModuleBox});
    const auto* layerFindings = layer(*window, anatomix::ui::FindingsPanel::kLayerId);
    QVERIFY(layerFindings);
    bool boxShown = false;
    for (const auto& item : layerFindings->items) boxShown |= item.id.startsWith(added.id) && item.rectPx == anatomyModuleBox;
    QVERIFY(boxShown);

    // The same request from the command line (--locate, a scripted step before --screenshot).
    const auto options = anatomix::ui::parseWorkstationCommandLine(
        {QStringLiteral("anatomix-workstation"), QStringLiteral("--locate"), QStringLiteral(" Right lung ")});
    QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    QCOMPARE(options.locateAnatomy, QStringLiteral("Right lung"));
    QVERIFY(anatomix::ui::parseWorkstationCommandLine({QStringLiteral("anatomix-workstation"), QStringLiteral("--locate"),
                                                      QStringLiteral(" ")})
                .error.contains(QStringLiteral("--locate")));
  }

  void drawingARegionAndAskingDescribeStreamsAnAnswer() {
    auto window = makeWindow(m_dir.filePath(QStringLiteral("bundle")));
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, m_study));
    auto* viewport = window->viewport();
    // Draw with the region tool (D) over the middle of the image.
    QTest::keyClick(window.get(), Qt::Key_D);
    QCOMPARE(viewport->tool(), anatomix::viewer::ViewportTool::DrawRegion);
    const QPoint from = viewport->rect().center() - QPoint(40, 40);
    const QPoint to = viewport->rect().center() + QPoint(40, 30);
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(viewport, from + QPoint(20, 20));
    QTest::mouseMove(viewport, to);
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, to);
    QCOMPARE(window->userRegions()->regions().size(), 1);
    auto* ask = window->askPanel();
    QTRY_VERIFY(ask->describeButton()->isEnabled());

    QSignalSpy streamed(window->readingAssistant()->worker(), &anatomix::ui::EngineWorker::textStreamed);
    QSignalSpy asked(window->readingAssistant(), &ReadingAssistant::askFinished);
    QTest::keyClick(window.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);  // Describe Regions
    QVERIFY(asked.wait(10000));
    QVERIFY(streamed.count() >= 2);
    QVERIFY(ask->regionAnswerText().startsWith(QStringLiteral("The region shows")));
    // The answer is written next to the region, on the region's rectangle.
    const auto* answer = layer(*window, anatomix::ui::AskPanel::kLayerId);
    QVERIFY(answer && answer->items.size() == 1);
    QCOMPARE(answer->items[0].rectPx, window->userRegions()->regions()[0].rectPx);
    QVERIFY(answer->items[0].label.startsWith(QStringLiteral("The region shows")));

    // The chat keeps this image's history; an empty question is refused without asking.
    QTest::keyClicks(ask->questionEdit(), QStringLiteral("Is there a pneumothorax?"));
    QTest::keyClick(ask->questionEdit(), Qt::Key_Return);
    QVERIFY(asked.wait(10000));
    QVERIFY(ask->chatHistoryText().contains(QStringLiteral("Is there a pneumothorax?")));
    QVERIFY(ask->chatHistoryText().contains(QStringLiteral("No acute cardiopulmonary process.")));
    QVERIFY(ask->chatHistoryText().contains(QStringLiteral("Describe 1 region")));
    // Boxes the engine could not read: the raw text stays, with a note saying so.
    const QString unreadNote = QStringLiteral("Could not read the boxes");
    QVERIFY(!ask->chatHistoryText().contains(unreadNote));
    QTest::keyClicks(ask->questionEdit(), QStringLiteral("Where is the effusion?"));
    QTest::keyClick(ask->questionEdit(), Qt::Key_Return);
    QVERIFY(asked.wait(10000));
    QVERIFY2(ask->chatHistoryText().contains(QStringLiteral("At <box>(1,2),(3)</box>.")), qPrintable(ask->chatHistoryText()));
    QVERIFY(ask->chatHistoryText().contains(unreadNote));
    QTest::keyClicks(ask->questionEdit(), QStringLiteral("   "));
    QTest::keyClick(ask->questionEdit(), Qt::Key_Return);
    QVERIFY(!window->readingAssistant()->isAsking());
  }

  void flipCheck_data() {
    QTest::addColumn<int>("reading");
    QTest::addColumn<bool>("allConsistent");
    QTest::newRow("anatomy-reading model") << int(SideReading::Anatomy) << true;
    QTest::newRow("image-side-reading model") << int(SideReading::ImageSide) << false;
  }

  void flipCheck() {
    QFETCH(int, reading);
    QFETCH(bool, allConsistent);
    auto window = makeWindow(m_dir.filePath(QStringLiteral("bundle")), SideReading(reading));
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, m_study));
    QSignalSpy checked(window->readingAssistant(), &ReadingAssistant::flipCheckFinished);
    QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(checked.wait(10000));
    QVERIFY(checked.first().at(0).toBool());
    auto* panel = window->flipCheckPanel();
    QVERIFY(panel->hasReport());
    const auto& report = panel->report();
    QCOMPARE(report.anatomies.size(), std::size_t(36));
    QCOMPARE(panel->list()->topLevelItemCount(), 36);
    std::printf("%s: %s\n", QTest::currentDataTag(), qPrintable(panel->verdictText()));
    if (allConsistent) {
      QCOMPARE(report.consistent_count, 36);
      QVERIFY(panel->verdictText().startsWith(QStringLiteral("36/36 consistent, mean IoU 1.00")));
    } else {
      // Every anatomy with a left/right partner keeps its image side in the mirror and so lands on
      // the wrong side; the others follow the heart and stay consistent.
      QVERIFY(report.consistent_count < 36);
      int wrongSide = 0;
      for (const auto& anatomy : report.anatomies) wrongSide += anatomy.same_side ? 0 : 1;
      QVERIFY(wrongSide >= 20);
      QVERIFY(panel->verdictText().contains(QStringLiteral("does not read sides")));
    }
    // Overlay view: the original boxes solid, the mapped-back ones dashed, inconsistent ones flagged.
    const auto* overlay = layer(*window, anatomix::ui::FlipCheckPanel::kLayerId);
    QVERIFY(overlay && overlay->visible);
    QCOMPARE(overlay->items.size(), 72);
    int dashed = 0, flagged = 0;
    for (const auto& item : overlay->items) {
      dashed += item.flags.testFlag(anatomix::viewer::OverlayItemFlag::Dashed) ? 1 : 0;
      flagged += item.flags.testFlag(anatomix::viewer::OverlayItemFlag::Abnormal) ? 1 : 0;
    }
    QCOMPARE(dashed, 36);
    QCOMPARE(flagged, 2 * (36 - report.consistent_count));
    // For looking at: ANATOMIX_UI_SCREENSHOT_DIR=folder keeps a picture of each verdict.
    const QString shots = qEnvironmentVariable("ANATOMIX_UI_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
      QTest::qWait(200);
      QVERIFY(window->saveScreenshot(QDir(shots).filePath(QStringLiteral("flip-check-%1.png").arg(reading))));
    }
  }

  void missingBundleKeepsTheViewerWorkingWithABanner() {
    auto window = makeWindow(m_dir.filePath(QStringLiteral("no-such-bundle")));
    QVERIFY(window);
    QCOMPARE(window->readingAssistant()->modelState(), ReadingAssistant::ModelState::Unavailable);
    QVERIFY(window->aiBannerText().contains(QStringLiteral("no-such-bundle")));
    QSignalSpy finished(window.get(), &MainWindow::loadingFinished);
    window->openPaths({m_study});
    QVERIFY(finished.wait(30000));
    QVERIFY(window->viewport()->image() != nullptr);
    QCOMPARE(layer(*window, anatomix::ui::AnatomyPanel::kLayerId)->items.size(), 0);
    QVERIFY(!window->findChild<QAction*>(QStringLiteral("actionFlipCheck"))->isEnabled());
    QVERIFY(!window->findingsPanel()->findChild<QPushButton*>(QStringLiteral("groundPhraseButton"))->isEnabled());
  }
};

QTEST_MAIN(ReadingWorkflowTest)
#include "reading_workflow_test.moc"
