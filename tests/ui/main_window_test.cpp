// The main window with real widgets and real files: open a DICOM file, see it in the study
// browser and its tags, survive corrupt and truncated files, keyboard shortcuts, regions with
// undo, next/previous image and the recent-files menu. The AI behind the window is the scripted
// test model (a known model, independent of the shipped bundle's speed); errors must stay visible
// while and after an analysis runs.
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include "anatomix/image/decoded_image.h"
#include "anatomix/ui/dicom_tags_panel.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/study_browser_panel.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"
#include "anatomix/ui/reading_assistant.h"
#include "scripted_engine_backend.h"
#include "test_dicom_files.h"

using anatomix::ui::MainWindow;
using anatomix::ui::ReadingAssistant;
using anatomix::ui::testing::ScriptedEngineBackend;
using anatomix::ui::StudyBrowserPanel;
using anatomix::ui::WorkstationSettings;

class MainWindowTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_firstFile;
  QString m_secondFile;

  std::unique_ptr<MainWindow> makeWindow(std::unique_ptr<ScriptedEngineBackend> model = nullptr) {
    auto settings = std::make_unique<WorkstationSettings>(m_dir.filePath("settings.ini"));
    settings->setBundleDir(m_dir.filePath("bundle"));
    auto window = std::make_unique<MainWindow>(std::move(settings),
                                               model ? std::move(model) : std::make_unique<ScriptedEngineBackend>());
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    // Window shortcuts need the active window (Xvfb has no window manager to activate it).
    QApplication::setActiveWindow(window.get());
    if (QApplication::activeWindow() != window.get()) return nullptr;
    return window;
  }

  static bool openAndWait(MainWindow& window, const QStringList& paths) {
    QSignalSpy finished(&window, &MainWindow::loadingFinished);
    window.openPaths(paths);
    return finished.wait(60000);
  }

  static QAction* action(MainWindow& window, const char* name) {
    return window.findChild<QAction*>(QString::fromLatin1(name));
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("bundle")));  // the scripted model's "bundle"
    // The two good images of one series in their own folder; broken files go beside it.
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("series")));
    m_firstFile = m_dir.filePath("series/chest_pa.dcm");
    m_secondFile = m_dir.filePath("series/chest_pa_followup.dcm");
    QVERIFY(anatomix::ui::testing::writeDxFile(m_firstFile));
    anatomix::ui::testing::DxFileSpec second;
    second.instanceUid += QStringLiteral(".2");
    second.instanceNumber = 2;
    second.width = 400;
    QVERIFY(anatomix::ui::testing::writeDxFile(m_secondFile, second));
  }

  void opensDicomFileIntoBrowserTagsAndViewport() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndWait(*window, {m_firstFile}));

    QCOMPARE(window->studyBrowser()->imageCount(), 1);
    QCOMPARE(window->currentImagePath(), QFileInfo(m_firstFile).absoluteFilePath());
    const QTreeWidget* tree = window->studyBrowser()->tree();
    QCOMPARE(tree->topLevelItemCount(), 1);
    const QTreeWidgetItem* patient = tree->topLevelItem(0);
    QCOMPARE(patient->text(StudyBrowserPanel::NameColumn), QStringLiteral("Doe, Jane"));
    QVERIFY(patient->text(StudyBrowserPanel::DetailsColumn).contains(QStringLiteral("PID-0001")));
    const QTreeWidgetItem* study = patient->child(0);
    QCOMPARE(study->text(StudyBrowserPanel::NameColumn), QStringLiteral("Chest PA"));
    const QTreeWidgetItem* series = study->child(0);
    QCOMPARE(series->text(StudyBrowserPanel::ModalityColumn), QStringLiteral("DX"));
    const QTreeWidgetItem* image = series->child(0);
    QVERIFY(image->text(StudyBrowserPanel::NameColumn).contains(QStringLiteral("PA")));
    QVERIFY(image->text(StudyBrowserPanel::DetailsColumn).contains(QStringLiteral("512")));

    QVERIFY(window->tagsPanel()->entryCount() > 20);
    QCOMPARE(window->tagsPanel()->valueOf(QStringLiteral("PatientName")), QStringLiteral("Doe^Jane"));
    QCOMPARE(window->tagsPanel()->valueOf(QStringLiteral("(0028,0010)")), QStringLiteral("640"));

    const auto shown = window->viewport()->image();
    QVERIFY(shown);
    QCOMPARE(shown->width, 512);
    QCOMPARE(shown->height, 640);
    QVERIFY(!window->viewport()->hasError());
    QVERIFY(window->messageText().contains(QStringLiteral("chest_pa.dcm")));
  }

  void corruptFileKeepsPreviousImageOpen() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndWait(*window, {m_firstFile}));
    const auto before = window->viewport()->image();
    QVERIFY(before);

    const QString garbage = m_dir.filePath("not_an_image.dcm");
    QVERIFY(anatomix::ui::testing::writeGarbageFile(garbage));
    QVERIFY(openAndWait(*window, {garbage}));

    QVERIFY2(window->errorText().contains(QStringLiteral("not_an_image.dcm")), qPrintable(window->errorText()));
    QCOMPARE(window->studyBrowser()->errorCount(), 1);
    QCOMPARE(window->viewport()->image(), before);  // still showing the previous image
    QVERIFY(!window->viewport()->hasError());
    QVERIFY(window->loadErrorsSinceStart());

    // The window stays usable: shortcuts still act on the open image.
    QTest::keyClick(window.get(), Qt::Key_H);
    QVERIFY(window->viewport()->transform().isMirrored());
  }

  // The analysis of the shown image is held open while a corrupt file is opened, then released:
  // its routine "AI analysis" message must not replace the error, which stays until dismissed.
  void errorStaysVisibleWhileAndAfterAnAnalysisRuns() {
    auto model = std::make_unique<ScriptedEngineBackend>();
    ScriptedEngineBackend* scripted = model.get();
    scripted->holdAnalysis = true;
    auto window = makeWindow(std::move(model));
    QVERIFY(window);
    QSignalSpy analysed(window->readingAssistant(), &ReadingAssistant::analysisFinished);
    QVERIFY(openAndWait(*window, {m_firstFile}));
    QTRY_VERIFY_WITH_TIMEOUT(scripted->analysesWaiting.load() == 1, 30000);

    const QString garbage = m_dir.filePath("garbage_during_analysis.dcm");
    QVERIFY(anatomix::ui::testing::writeGarbageFile(garbage));
    QVERIFY(openAndWait(*window, {garbage}));
    QVERIFY2(window->errorText().contains(QStringLiteral("garbage_during_analysis.dcm")), qPrintable(window->errorText()));
    QVERIFY(analysed.isEmpty());  // the analysis is still running

    scripted->holdAnalysis = false;
    QVERIFY(analysed.wait(30000));
    QVERIFY(analysed.first().at(0).toBool());
    QVERIFY2(window->messageText().contains(QStringLiteral("AI analysis")), qPrintable(window->messageText()));
    QVERIFY2(window->errorText().contains(QStringLiteral("garbage_during_analysis.dcm")), qPrintable(window->errorText()));
    auto* errorButton = window->findChild<QToolButton*>(QStringLiteral("errorButton"));
    QVERIFY(errorButton && errorButton->isVisible());

    // Seen and dismissed: gone from the status bar, kept in the session's log.
    QTest::mouseClick(errorButton, Qt::LeftButton);
    QVERIFY(window->errorText().isEmpty());
    QVERIFY(!errorButton->isVisible());
    QCOMPARE(window->errorLog().size(), 1);
  }

  void truncatedFileShowsErrorAndOthersStayOpen() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndWait(*window, {m_firstFile}));
    const QString truncated = m_dir.filePath("truncated.dcm");
    QVERIFY(anatomix::ui::testing::writeTruncatedCopy(m_firstFile, truncated, QFileInfo(m_firstFile).size() / 2));
    QVERIFY(openAndWait(*window, {truncated}));

    QVERIFY(window->viewport()->hasError());
    QVERIFY2(window->viewport()->errorText().contains(QStringLiteral("truncated.dcm")),
             qPrintable(window->viewport()->errorText()));
    QVERIFY(window->errorText().contains(QStringLiteral("truncated.dcm")));
    QCOMPARE(window->studyBrowser()->imageCount(), 2);
    QVERIFY(!action(*window, "actionFlipHorizontal")->isEnabled());  // nothing to flip
    QVERIFY2(window->tagsPanel()->entryCount() > 0 ||
                 window->tagsPanel()->sourceText().contains(QStringLiteral("truncated.dcm")),
             qPrintable(window->tagsPanel()->sourceText()));
    QVERIFY(!action(*window, "actionUndo")->isEnabled());
    QVERIFY(!action(*window, "actionDeleteRegion")->isEnabled());

    // The first image is still listed and opens again.
    QSignalSpy finished(window.get(), &MainWindow::loadingFinished);
    window->showImage(QFileInfo(m_firstFile).absoluteFilePath());
    QVERIFY(finished.wait(60000));
    QVERIFY(window->viewport()->image());
    QVERIFY(!window->viewport()->hasError());
  }

  void keyboardShortcutsDriveTheView() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndWait(*window, {m_firstFile}));
    auto* viewport = window->viewport();

    QTest::keyClick(window.get(), Qt::Key_R);
    QCOMPARE(viewport->transform().quarterTurnsClockwise(), 1);
    QTest::keyClick(window.get(), Qt::Key_R, Qt::ShiftModifier);
    QCOMPARE(viewport->transform().quarterTurnsClockwise(), 0);
    QTest::keyClick(window.get(), Qt::Key_V);
    QVERIFY(viewport->transform().isMirrored());
    QTest::keyClick(window.get(), Qt::Key_I);
    QVERIFY(viewport->isInverted());
    QTest::keyClick(window.get(), Qt::Key_Plus);
    QVERIFY(!viewport->transform().isFitMode());
    QTest::keyClick(window.get(), Qt::Key_F);
    QVERIFY(viewport->transform().isFitMode());

    QTest::keyClick(window.get(), Qt::Key_2);  // lung preset
    const auto lung = viewport->window();
    QTest::keyClick(window.get(), Qt::Key_4);  // bone preset
    const auto bone = viewport->window();
    QVERIFY(!(lung == bone));
    QVERIFY(bone.center > lung.center);  // bone is the brighter end of the histogram
    QTest::keyClick(window.get(), Qt::Key_1);  // the file's own window
    QCOMPARE(viewport->window().center, 32767.5);
    QCOMPARE(viewport->window().width, 65535.0);

    QTest::keyClick(window.get(), Qt::Key_Escape);
    QVERIFY(!viewport->transform().isMirrored());
    QVERIFY(!viewport->isInverted());
    QCOMPARE(viewport->transform().quarterTurnsClockwise(), 0);
  }

  void regionDeleteUndoRedo() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndWait(*window, {m_firstFile}));
    auto* regions = window->userRegions();
    QTest::keyClick(window.get(), Qt::Key_D);
    QCOMPARE(window->viewport()->tool(), anatomix::viewer::ViewportTool::DrawRegion);

    const QString id = regions->addRegion(QRectF(100, 120, 80, 60));
    regions->select(id);
    QCOMPARE(regions->regions().size(), 1);
    QVERIFY(action(*window, "actionDeleteRegion")->isEnabled());
    QTest::keyClick(window.get(), Qt::Key_Delete);
    QCOMPARE(regions->regions().size(), 0);
    QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(regions->regions().size(), 1);
    QCOMPARE(regions->regions().first().rectPx, QRectF(100, 120, 80, 60));
    QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(regions->regions().size(), 0);
  }

  void nextAndPreviousImage() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndWait(*window, {m_dir.filePath("series")}));
    QCOMPARE(window->studyBrowser()->imageCount(), 2);
    const QStringList paths = window->studyBrowser()->imagePaths();
    QCOMPARE(window->currentImagePath(), paths.first());

    QSignalSpy finished(window.get(), &MainWindow::loadingFinished);
    QTest::keyClick(window.get(), Qt::Key_PageDown);
    QVERIFY(finished.wait(60000));
    QCOMPARE(window->currentImagePath(), paths.at(1));
    QTest::keyClick(window.get(), Qt::Key_PageUp);
    QVERIFY(finished.wait(60000));
    QCOMPARE(window->currentImagePath(), paths.first());
  }

  void firstRequestedFileIsShownFirst() {
    auto window = makeWindow();
    QVERIFY(window);
    // The browser sorts by instance number; the viewport shows what the user named first.
    QVERIFY(openAndWait(*window, {m_secondFile, m_firstFile}));
    QCOMPARE(window->studyBrowser()->imagePaths().first(), QFileInfo(m_firstFile).absoluteFilePath());
    QCOMPARE(window->currentImagePath(), QFileInfo(m_secondFile).absoluteFilePath());
  }

  void recentFilesMenuListsOpenedPaths() {
    auto window = makeWindow();
    QVERIFY(window);
    window->settings().clearRecentFiles();
    QVERIFY(openAndWait(*window, {m_firstFile}));
    QVERIFY(openAndWait(*window, {m_secondFile}));
    const QStringList recent = window->settings().recentFiles();
    QCOMPARE(recent.value(0), QFileInfo(m_secondFile).absoluteFilePath());
    QCOMPARE(recent.value(1), QFileInfo(m_firstFile).absoluteFilePath());
    QStringList menuPaths;
    for (QAction* entry : window->recentFilesMenu()->actions())
      if (!entry->data().toString().isEmpty()) menuPaths << entry->data().toString();
    QCOMPARE(menuPaths, recent);
  }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
