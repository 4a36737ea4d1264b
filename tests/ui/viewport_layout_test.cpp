// The 1x2 reading layout in the main window with real files: two images of one study side by
// side, Page Down/Page Up and the window keys acting on the active (second) viewport, linked and
// unlinked zoom/pan/window between the two viewports, Compare with Prior opening the patient's
// earlier study on the right, and each viewport with its own overlays (the analysis of the image
// it shows, the user's regions of its own image, undone in the viewport that is active). The single
// viewport stays as it was.
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include "anatomix/image/decoded_image.h"
#include "anatomix/ui/anatomy_panel.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/ui/study_browser_panel.h"
#include "anatomix/ui/viewport_layout.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"
#include "anatomix/viewer/viewport_link.h"
#include "scripted_engine_backend.h"
#include "test_dicom_files.h"

using anatomix::ui::AnatomyPanel;
using anatomix::ui::MainWindow;
using anatomix::ui::WorkstationSettings;
using anatomix::ui::testing::DxFileSpec;
using anatomix::ui::testing::ScriptedEngineBackend;
using anatomix::viewer::ImageViewport;

class ViewportLayoutTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QStringList m_currentImages;  // the current study: PA, lateral, AP, in instance order
  QString m_priorImage;         // the patient's earlier study

  std::unique_ptr<MainWindow> makeWindow() {
    auto settings = std::make_unique<WorkstationSettings>(m_dir.filePath("settings.ini"));
    settings->setBundleDir(m_dir.filePath("bundle"));
    auto window = std::make_unique<MainWindow>(std::move(settings), std::make_unique<ScriptedEngineBackend>());
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    // Window shortcuts need the active window (Xvfb has no window manager to activate it).
    QApplication::setActiveWindow(window.get());
    if (QApplication::activeWindow() != window.get()) return nullptr;
    return window;
  }

  // Runs `step` and waits until every load it started has finished.
  template <typename Step>
  static bool andWait(MainWindow& window, Step step) {
    QSignalSpy finished(&window, &MainWindow::loadingFinished);
    step();
    return finished.wait(60000);
  }

  static QAction* action(MainWindow& window, const char* name) {
    return window.findChild<QAction*>(QString::fromLatin1(name));
  }

  static QString shownPath(const ImageViewport* view) {
    return view->image() ? QString::fromStdString(view->image()->path) : QString();
  }

  // The current study open, its PA shown on the left and analysed, the lateral on the right.
  std::unique_ptr<MainWindow> sideBySideWindow() {
    auto window = makeWindow();
    if (!window) return nullptr;
    if (!andWait(*window, [&] { window->openPaths({m_dir.filePath("current")}); })) return nullptr;
    if (!QTest::qWaitFor([&] { return window->readingAssistant()->analysis() != nullptr; }, 60000)) return nullptr;
    if (!andWait(*window, [&] { action(*window, "actionSideBySide")->trigger(); })) return nullptr;
    return window;
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("bundle")));  // the scripted model's "bundle"
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("current")));
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("prior")));
    const QString views[] = {QStringLiteral("PA"), QStringLiteral("LL"), QStringLiteral("AP")};
    for (int i = 0; i < 3; ++i) {
      DxFileSpec spec;
      spec.studyDate = QStringLiteral("20260301");
      spec.instanceUid += QStringLiteral(".%1").arg(i + 1);
      spec.instanceNumber = i + 1;
      spec.viewPosition = views[i];
      spec.width = 512 - 64 * i;  // sizes tell the images apart
      m_currentImages << QDir(m_dir.filePath("current")).absoluteFilePath(QStringLiteral("image%1.dcm").arg(i + 1));
      QVERIFY(anatomix::ui::testing::writeDxFile(m_currentImages.last(), spec));
    }
    DxFileSpec prior;
    prior.studyDate = QStringLiteral("20250115");
    prior.studyDescription = QStringLiteral("Chest PA (prior)");
    prior.studyUid = QStringLiteral("1.2.826.0.1.3680043.10.1234.2");
    prior.seriesUid = prior.studyUid + QStringLiteral(".1");
    prior.instanceUid = prior.seriesUid + QStringLiteral(".1");
    prior.width = 480;  // lower than the current study's images: its own boxes end above theirs
    prior.height = 400;
    m_priorImage = QDir(m_dir.filePath("prior")).absoluteFilePath(QStringLiteral("prior.dcm"));
    QVERIFY(anatomix::ui::testing::writeDxFile(m_priorImage, prior));
  }

  void singleViewportUntilTheLayoutIsAsked() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(andWait(*window, [&] { window->openPaths({m_dir.filePath("current")}); }));
    QVERIFY(!window->viewportLayout()->isSideBySide());
    QVERIFY(!window->viewportLayout()->secondary()->isVisible());
    QCOMPARE(window->viewportLayout()->activeViewport(), window->viewport());
  }

  void layoutShowsTwoImagesOfTheStudy() {
    auto window = sideBySideWindow();
    QVERIFY(window);
    auto* layout = window->viewportLayout();
    QVERIFY(layout->isSideBySide());
    QVERIFY(layout->secondary()->isVisible());
    QCOMPARE(shownPath(window->viewport()), m_currentImages[0]);
    QCOMPARE(shownPath(layout->secondary()), m_currentImages[1]);
    QVERIFY(layout->secondaryCaption().contains(QStringLiteral("LL")));
  }

  void pageKeysStepTheActiveViewportThroughItsStudy() {
    auto window = sideBySideWindow();
    QVERIFY(window);
    auto* layout = window->viewportLayout();
    QTest::mouseClick(layout->secondary(), Qt::LeftButton, Qt::NoModifier, QPoint(20, 20));
    QCOMPARE(layout->activeViewport(), layout->secondary());

    QVERIFY(andWait(*window, [&] { QTest::keyClick(window.get(), Qt::Key_PageDown); }));
    QCOMPARE(shownPath(layout->secondary()), m_currentImages[2]);
    QCOMPARE(shownPath(window->viewport()), m_currentImages[0]);  // the other viewport stays
    QVERIFY(!action(*window, "actionNextImage")->isEnabled());      // the last image of the study
    QVERIFY(andWait(*window, [&] { QTest::keyClick(window.get(), Qt::Key_PageUp); }));
    QVERIFY(andWait(*window, [&] { QTest::keyClick(window.get(), Qt::Key_PageUp); }));
    QCOMPARE(shownPath(layout->secondary()), m_currentImages[0]);

    // The left viewport active again: the keys step it, as in the single viewport.
    QTest::mouseClick(window->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(20, 20));
    QVERIFY(andWait(*window, [&] { QTest::keyClick(window.get(), Qt::Key_PageDown); }));
    QCOMPARE(shownPath(window->viewport()), m_currentImages[1]);
    QCOMPARE(shownPath(layout->secondary()), m_currentImages[0]);
  }

  void windowKeysActOnTheActiveViewport() {
    auto window = sideBySideWindow();
    QVERIFY(window);
    ImageViewport* left = window->viewport();
    ImageViewport* right = window->viewportLayout()->secondary();
    const auto leftWindow = left->window();
    const auto rightWindow = right->window();
    QTest::mouseClick(right, Qt::LeftButton, Qt::NoModifier, QPoint(20, 20));
    QTest::keyClick(window.get(), Qt::Key_2);  // lung window
    QVERIFY(right->window().center != rightWindow.center || right->window().width != rightWindow.width);
    QCOMPARE(left->window().center, leftWindow.center);
    QCOMPARE(left->window().width, leftWindow.width);
  }

  void linkedZoomPanAndWindowFollowTheOtherViewport() {
    auto window = sideBySideWindow();
    QVERIFY(window);
    ImageViewport* left = window->viewport();
    ImageViewport* right = window->viewportLayout()->secondary();
    QAction* link = action(*window, "actionLinkViewports");
    QVERIFY(!link->isChecked());

    // Unlinked: each keeps its own view and window.
    const auto rightView = right->transform();
    const auto rightWindow = right->window();
    QTest::keyClick(window.get(), Qt::Key_Plus);  // zoom in, the left viewport is active
    left->setWindowLevel(1234, 567);
    QVERIFY(left->transform().zoom() != rightView.zoom());
    QVERIFY(right->transform() == rightView);
    QCOMPARE(right->window().center, rightWindow.center);
    QCOMPARE(right->window().width, rightWindow.width);

    // Linked: a zoom, a pan and a window drag in one reach the other.
    link->trigger();
    QVERIFY(window->viewportLayout()->link()->isLinked());
    QTest::keyClick(window.get(), Qt::Key_Plus);
    QCOMPARE(right->transform().zoom(), left->transform().zoom());
    QTest::mousePress(left, Qt::MiddleButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(left, QPoint(130, 80));
    QTest::mouseRelease(left, Qt::MiddleButton, Qt::NoModifier, QPoint(130, 80));
    QVERIFY(left->transform().pan() != QPointF(0, 0));
    QCOMPARE(right->transform().pan(), left->transform().pan());
    QTest::mousePress(right, Qt::RightButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(right, QPoint(160, 130));
    QTest::mouseRelease(right, Qt::RightButton, Qt::NoModifier, QPoint(160, 130));
    QCOMPARE(left->window().center, right->window().center);
    QCOMPARE(left->window().width, right->window().width);
    QVERIFY(left->window().width != 567);
  }

  void eachViewportHasItsOwnOverlays() {
    auto window = sideBySideWindow();
    QVERIFY(window);
    auto* layout = window->viewportLayout();
    auto* model = layout->secondaryOverlayModel();
    // The lateral has not been analysed: no analysis layers on the right.
    for (const QString& id : model->layerIds())
      QVERIFY2(id == layout->secondaryRegions()->layerId() || model->layer(id)->editable ||
                   model->layer(id)->items.isEmpty(),
               qPrintable(id));
    // A region drawn on the left stays on the left.
    window->userRegions()->addRegion(QRectF(10, 10, 50, 50));
    QCOMPARE(layout->secondaryRegions()->regions().size(), 0);

    // The PA (analysed on the left) shows its analysis on the right too.
    QTest::mouseClick(layout->secondary(), Qt::LeftButton, Qt::NoModifier, QPoint(20, 20));
    QVERIFY(andWait(*window, [&] { QTest::keyClick(window.get(), Qt::Key_PageUp); }));
    QCOMPARE(shownPath(layout->secondary()), m_currentImages[0]);
    int analysisItems = 0;
    for (const QString& id : model->layerIds())
      if (id != layout->secondaryRegions()->layerId() && !model->layer(id)->editable)
        analysisItems += model->layer(id)->items.size();
    QVERIFY(analysisItems > 0);
    QCOMPARE(layout->secondaryRegions()->regions().size(), 0);
  }

  void undoActsOnTheActiveViewport() {
    auto window = sideBySideWindow();
    QVERIFY(window);
    auto* layout = window->viewportLayout();
    window->userRegions()->addRegion(QRectF(200, 200, 40, 40));
    layout->secondaryRegions()->addRegion(QRectF(100, 100, 40, 40));
    QTest::mouseClick(layout->secondary(), Qt::LeftButton, Qt::NoModifier, QPoint(5, 5));
    QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(layout->secondaryRegions()->regions().size(), 0);
    QCOMPARE(window->userRegions()->regions().size(), 1);
    QTest::mouseClick(window->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(5, 5));
    QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(window->userRegions()->regions().size(), 0);
  }

  void compareWithPriorOpensThePriorOnTheRight() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(andWait(*window, [&] { window->openPaths({m_dir.filePath("current")}); }));
    QVERIFY(andWait(*window, [&] { window->openPaths({m_dir.filePath("prior")}); }));
    // Opening the prior showed it on the left; the current study again there.
    QVERIFY(andWait(*window, [&] { window->showImage(m_currentImages[0]); }));
    QVERIFY(action(*window, "actionCompareWithPrior")->isEnabled());
    QVERIFY(andWait(*window, [&] { QTest::keyClick(window.get(), Qt::Key_F7); }));
    QVERIFY(window->viewportLayout()->isSideBySide());
    QCOMPARE(shownPath(window->viewport()), m_currentImages[0]);
    QCOMPARE(shownPath(window->viewportLayout()->secondary()), m_priorImage);
    QVERIFY(window->viewportLayout()->secondaryCaption().contains(QStringLiteral("prior")));
  }

  void retrievedPriorOpensOnTheRight() {
    // What a retrieval from the PACS does once the prior study is in the cache.
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(andWait(*window, [&] { window->openPaths({m_dir.filePath("current")}); }));
    QVERIFY(andWait(*window, [&] { window->openInSecondViewport({m_dir.filePath("prior")}); }));
    QCOMPARE(shownPath(window->viewport()), m_currentImages[0]);
    QCOMPARE(shownPath(window->viewportLayout()->secondary()), m_priorImage);
    // Never read on the left, the prior is analysed for its own anatomy boxes on the right; the left keeps its own.
    auto* model = window->viewportLayout()->secondaryOverlayModel();
    const QString anatomy = QString::fromLatin1(AnatomyPanel::kLayerId);
    QTRY_VERIFY_WITH_TIMEOUT(model->hasLayer(anatomy) && !model->layer(anatomy)->items.isEmpty(), 60000);
    QVERIFY(window->readingAssistant()->analysis());
    QCOMPARE(window->readingAssistant()->analysis()->imagePath, m_currentImages[0]);
    const auto* priorLayer = model->layer(anatomy);
    QCOMPARE(priorLayer->items.size(), qsizetype(window->readingAssistant()->analysis()->analysis.anatomies.size()));
    for (const auto& item : priorLayer->items) QVERIFY2(item.rectPx.bottom() <= 400.5, qPrintable(item.label));
  }

  void thumbnailsOfTheStudy() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(andWait(*window, [&] { window->openPaths({m_dir.filePath("current")}); }));
    auto* tree = window->studyBrowser()->tree();
    QVERIFY(QTest::qWaitFor(
        [&] {
          int withIcon = 0;
          for (QTreeWidgetItemIterator it(tree); *it; ++it)
            if (!(*it)->icon(0).isNull()) ++withIcon;
          return withIcon == 3;
        },
        60000));
  }
};

QTEST_MAIN(ViewportLayoutTest)
#include "viewport_layout_test.moc"
