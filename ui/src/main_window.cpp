#include "anatomix/ui/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageWriter>
#include <QInputDialog>
#include <QLineEdit>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QUndoGroup>
#include <QUndoStack>

#include <algorithm>
#include <type_traits>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/display_lut.h"
#include "anatomix/image/window_presets.h"
#include "anatomix/network/storage_server.h"  // the complete type for m_storageServer's deleter
#include "anatomix/ui/anatomy_panel.h"
#include "anatomix/ui/dicom_tags_panel.h"
#include "anatomix/ui/engine_backend.h"
#include "anatomix/ui/engine_worker.h"
#include "anatomix/ui/layers_panel.h"
#include "anatomix/ui/logging.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/ui/study_browser_panel.h"
#include "anatomix/ui/viewport_layout.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/measurement_layer.h"
#include "anatomix/viewer/overlay_layer_model.h"
#include "anatomix/viewer/user_region_layer.h"
#include "anatomix/viewer/viewport_link.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {

using viewer::ImageViewport;
using viewer::ViewportTool;

namespace {

QIcon actionIcon(const QString& name) {
  // The desktop theme's icon where there is one, else ours (resources/icons/actions).
  return QIcon::fromTheme(name, QIcon(QStringLiteral(":/icons/actions/%1.svg").arg(name)));
}

constexpr int kThumbnailSize = 48;  // px, the longer side

// A small rendering of `image` in its default grey scale, for the study browser.
// A null QImage when the image cannot be mapped.
QImage thumbnailOf(const image::DecodedImage& decoded) {
  try {
    const image::DisplayLut lut(decoded, image::default_display(decoded));
    const int step = std::max(1, std::max(decoded.width, decoded.height) / (kThumbnailSize * 2));
    const image::Gray8Image plane =
        image::render_display_region(decoded, lut, {0, 0, decoded.width, decoded.height}, step);
    const QImage grey(plane.pixels.data(), plane.width, plane.height, plane.width, QImage::Format_Grayscale8);
    return grey.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  } catch (const std::exception& error) {
    uiLogger()->warn("thumbnailOf: {}: {}", decoded.path, error.what());
    return QImage();
  }
}

QString formatNumber(double value) {
  return qAbs(value - qRound64(value)) < 1e-6 ? QString::number(qRound64(value)) : QString::number(value, 'f', 2);
}

}  // namespace

MainWindow::MainWindow(std::unique_ptr<WorkstationSettings> settings, QWidget* parent)
    : MainWindow(std::move(settings), nullptr, parent) {}

MainWindow::MainWindow(std::unique_ptr<WorkstationSettings> settings, std::unique_ptr<EngineBackend> engine,
                       QWidget* parent)
    : QMainWindow(parent),
      m_settings(settings ? std::move(settings) : std::make_unique<WorkstationSettings>()),
      m_loader(new StudyLoader(this)),
      m_viewport(new ImageViewport(this)),
      m_secondLoader(new StudyLoader(this)),
      m_thumbnailLoader(new StudyLoader(this)),
      m_overlayModel(new viewer::OverlayLayerModel(this)),
      m_undoStack(new QUndoStack(this)),
      m_regions(new viewer::UserRegionLayer(m_overlayModel, m_undoStack, this)) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/anatomix-workstation.svg")));
  setWindowTitle(tr("AnatomiX Workstation"));
  setAcceptDrops(true);
  m_overlayModel->setLayerName(m_regions->layerId(), tr("My regions"));
  m_viewport->setObjectName(QStringLiteral("imageViewport"));
  m_viewport->setOverlayModel(m_overlayModel);
  m_viewport->setUserRegionLayer(m_regions);
  m_measurements = new viewer::MeasurementLayer(m_overlayModel, m_undoStack, this);
  m_overlayModel->setLayerName(m_measurements->layerId(), tr("Measurements"));
  m_viewport->setMeasurementLayer(m_measurements);
  m_layout = new ViewportLayout(m_viewport, this);
  m_theme = themeFromName(m_settings->theme());
  applyTheme(m_theme);

  createActions();
  createDocks();
  createAiDocks(std::move(engine));
  createAiActions();
  createMenusAndToolBar();
  createStatusBar();
  createAiStatusWidgets();
  createPacsDock();

  connect(m_loader, &StudyLoader::scanProgress, this, [this](int requestId, int done, int found) {
    if (requestId != m_pendingScanId || m_pendingDecodeId != 0) return;
    m_progress->setRange(0, qMax(found, 1));
    m_progress->setValue(done);
    m_progress->setFormat(tr("Scanning %v of %m files"));
  });
  connect(m_loader, &StudyLoader::scanFinished, this, &MainWindow::onScanFinished);
  connect(m_loader, &StudyLoader::decodeProgress, this, [this](int requestId, double fraction) {
    if (requestId != m_pendingDecodeId) return;
    m_progress->setRange(0, 100);
    m_progress->setValue(qRound(fraction * 100));
    m_progress->setFormat(tr("Decoding %p%"));
  });
  connect(m_loader, &StudyLoader::decodeFinished, this, &MainWindow::onDecodeFinished);
  connect(m_loader, &StudyLoader::decodeCancelled, this, [this](int requestId, const QString& path) {
    if (requestId != m_pendingDecodeId) return;
    m_pendingDecodeId = 0;
    showMessage(tr("Opening %1 was cancelled.").arg(QFileInfo(path).fileName()), false);
    finishIfIdle();
  });
  connect(m_loader, &StudyLoader::busyChanged, this, [this](bool busy) { setProgressVisible(busy); });
  connect(m_secondLoader, &StudyLoader::decodeFinished, this, &MainWindow::onSecondDecodeFinished);
  connect(m_secondLoader, &StudyLoader::decodeCancelled, this, [this](int requestId, const QString&) {
    if (requestId != m_secondDecodeId) return;
    m_secondDecodeId = 0;
    finishIfIdle();
  });
  auto nextThumbnail = [this]() {
    m_thumbnailPath.clear();
    while (!m_thumbnailQueue.isEmpty() && m_thumbnailPath.isEmpty()) {
      const QString path = m_thumbnailQueue.takeFirst();
      if (!m_thumbnailed.contains(path)) m_thumbnailPath = path;
    }
    if (!m_thumbnailPath.isEmpty()) m_thumbnailLoader->decode(m_thumbnailPath);
  };
  connect(m_thumbnailLoader, &StudyLoader::decodeFinished, this, [this, nextThumbnail](int, const LoadedImage& loaded) {
    addThumbnail(loaded);
    nextThumbnail();
  });
  connect(m_thumbnailLoader, &StudyLoader::decodeCancelled, this, [nextThumbnail](int, const QString&) { nextThumbnail(); });
  connect(m_browser, &StudyBrowserPanel::imageActivated, this, &MainWindow::showImage);
  for (ImageViewport* view : {m_viewport, m_layout->secondary()}) {
    // The status bar and the invert action follow the active viewport; an arrow gets its text.
    connect(view, &ImageViewport::cursorReadout, this, &MainWindow::onReadout);
    connect(view, &ImageViewport::windowChanged, this, [this, view](double center, double width) {
      if (view == m_layout->activeViewport()) updateWindowLabel(center, width);
    });
    connect(view, &ImageViewport::viewChanged, this, &MainWindow::updateZoomLabel);
    connect(view, &ImageViewport::invertedChanged, this, [this, view](bool inverted) {
      if (view == m_layout->activeViewport()) findChild<QAction*>(QStringLiteral("actionInvert"))->setChecked(inverted);
    });
    connect(view, &ImageViewport::arrowDrawn, this, [this, view](const QString& id) {
      bool ok = false;
      const QString text = QInputDialog::getText(this, tr("Arrow"), tr("Text beside the arrow:"), QLineEdit::Normal,
                                                 QString(), &ok);
      if (ok && !text.trimmed().isEmpty()) view->measurementLayer()->setCaption(id, text.trimmed());
    });
  }
  connect(m_layout->secondaryOverlayModel(), &viewer::OverlayLayerModel::selectionChanged, this,
          [this]() { updateActionStates(); });
  connect(m_layout->secondaryRegions(), &viewer::UserRegionLayer::regionsChanged, this, [this]() { updateActionStates(); });
  connect(m_layout, &ViewportLayout::activeViewportChanged, this, [this](ImageViewport* view) {
    m_undoGroup->setActiveStack(view == m_viewport ? m_undoStack : m_layout->secondaryUndoStack());
    findChild<QAction*>(QStringLiteral("actionInvert"))->setChecked(view->isInverted());
    if (view->image()) updateWindowLabel(view->window().center, view->window().width);
    updateZoomLabel();
    updateActionStates();
    rebuildPresetMenu();
  });
  connect(m_assistant, &ReadingAssistant::analysisFinished, this, [this](bool ok) {
    // Kept so that the image shows its analysis in the second viewport too.
    if (!ok || m_currentPath.isEmpty()) return;
    QVector<viewer::OverlayLayer> layers;
    for (const QString& id : m_overlayModel->layerIds()) {
      const viewer::OverlayLayer* layer = m_overlayModel->layer(id);
      if (id != m_regions->layerId() && id != m_measurements->layerId() && layer && !layer->items.isEmpty())
        layers << *layer;
    }
    m_analysedLayers.insert(m_currentPath, layers);
  });
  connect(m_assistant, &ReadingAssistant::secondImageAnalysed, this,
          [this](std::shared_ptr<const ImageAnalysis> analysis) {
            const QVector<viewer::OverlayLayer> layers{AnatomyPanel::layerFor(*analysis)};
            m_analysedLayers.insert(analysis->imagePath, layers);
            m_layout->setSecondaryAnalysisLayers(analysis->imagePath, layers);
          });
  connect(m_viewport, &ImageViewport::toolChanged, this, [this](ViewportTool tool) {
    for (QAction* action : m_toolGroup->actions())
      if (action->data().toInt() == static_cast<int>(tool)) action->setChecked(true);
  });
  connect(m_overlayModel, &viewer::OverlayLayerModel::selectionChanged, this, [this]() { updateActionStates(); });
  connect(m_regions, &viewer::UserRegionLayer::regionsChanged, this, [this]() { updateActionStates(); });

  readSettings();
  updateActionStates();
  showMessage(tr("Open a study with File > Open (Ctrl+O) or drop files here."), false);
  loadModelFromSettings();
}

MainWindow::~MainWindow() {
  // The loaders' jobs post results to this window: stop them before the members go.
  m_loader->cancelAll();
  m_secondLoader->cancelAll();
  m_thumbnailLoader->cancelAll();
}

QAction* MainWindow::makeAction(const char* objectName, const QString& text, const QString& iconName,
                                const QList<QKeySequence>& shortcuts) {
  auto* action = new QAction(text, this);
  action->setObjectName(QString::fromLatin1(objectName));
  if (!iconName.isEmpty()) action->setIcon(actionIcon(iconName));
  if (!shortcuts.isEmpty()) {
    action->setShortcuts(shortcuts);
    action->setToolTip(tr("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                         shortcuts.first().toString(QKeySequence::NativeText)));
  }
  // Window-wide, so shortcuts work whichever dock has the focus.
  action->setShortcutContext(Qt::WindowShortcut);
  addAction(action);
  return action;
}

void MainWindow::createActions() {
  connect(makeAction("actionOpenFile", tr("&Open Files..."), QStringLiteral("document-open"), {QKeySequence::Open}),
          &QAction::triggered, this, &MainWindow::openFileDialog);
  connect(makeAction("actionOpenFolder", tr("Open &Folder..."), QStringLiteral("folder-open"),
                     {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)}),
          &QAction::triggered, this, &MainWindow::openFolderDialog);
  connect(makeAction("actionQuit", tr("&Quit"), QString(), {QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)}),
          &QAction::triggered, this, &QWidget::close);
  connect(makeAction("actionCancelLoading", tr("&Cancel Loading"), QStringLiteral("process-stop")),
          &QAction::triggered, this, &MainWindow::cancelLoading);

  // Undo and redo act on the active viewport's history (each viewport's regions and measurements).
  m_undoGroup = new QUndoGroup(this);
  m_undoGroup->addStack(m_undoStack);
  m_undoGroup->addStack(m_layout->secondaryUndoStack());
  m_undoGroup->setActiveStack(m_undoStack);
  QAction* undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
  undo->setObjectName(QStringLiteral("actionUndo"));
  undo->setIcon(actionIcon(QStringLiteral("edit-undo")));
  undo->setShortcuts({QKeySequence::Undo});
  addAction(undo);
  QAction* redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
  redo->setObjectName(QStringLiteral("actionRedo"));
  redo->setIcon(actionIcon(QStringLiteral("edit-redo")));
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
  addAction(redo);
  connect(makeAction("actionDeleteRegion", tr("&Delete Region"), QStringLiteral("edit-delete"),
                     {QKeySequence(Qt::Key_Delete)}),
          &QAction::triggered, this, &MainWindow::deleteSelectedRegion);
  connect(makeAction("actionDeleteAllRegions", tr("Delete &All Regions"), QString()), &QAction::triggered, this,
          [this]() { m_layout->activeViewport()->userRegionLayer()->removeAllRegions(); });
  connect(makeAction("actionDeleteAllMeasurements", tr("Delete All &Measurements"), QString()), &QAction::triggered,
          this, [this]() { m_layout->activeViewport()->measurementLayer()->removeAll(); });

  auto* themes = new QActionGroup(this);
  themes->setObjectName(QStringLiteral("themeGroup"));
  const std::pair<const char*, Theme> themeSpecs[] = {{"actionThemeDark", Theme::Dark}, {"actionThemeLight", Theme::Light}};
  for (const auto& [name, theme] : themeSpecs) {
    QAction* action = makeAction(name, theme == Theme::Dark ? tr("&Dark (Reading Room)") : tr("&Light"), QString());
    action->setCheckable(true);
    action->setChecked(theme == m_theme);
    themes->addAction(action);
    const Theme chosen = theme;
    connect(action, &QAction::triggered, this, [this, chosen]() { setTheme(chosen); });
  }
  QAction* reading = makeAction("actionReadingMode", tr("Full-Screen &Reading"), QString(), {QKeySequence(Qt::Key_F11)});
  reading->setCheckable(true);
  connect(reading, &QAction::toggled, this, &MainWindow::setReadingMode);

  auto imageAction = [this](const char* name, const QString& text, const QString& icon,
                            const QList<QKeySequence>& keys, auto slot) {
    QAction* action = makeAction(name, text, icon, keys);
    // The active viewport: the primary one unless the 1x2 layout is shown.
    connect(action, &QAction::triggered, this, [this, slot](bool checked) {
      ImageViewport* target = m_layout->activeViewport();
      if constexpr (std::is_invocable_v<decltype(slot), ImageViewport*, bool>)
        (target->*slot)(checked);
      else
        (target->*slot)();
    });
    m_imageActions << action;
    return action;
  };
  imageAction("actionFit", tr("&Fit to Window"), QStringLiteral("zoom-fit-best"), {QKeySequence(Qt::Key_F)},
              &ImageViewport::fitToWindow);
  imageAction("actionActualSize", tr("&Actual Size (1:1)"), QStringLiteral("zoom-original"),
              {QKeySequence(Qt::CTRL | Qt::Key_0), QKeySequence(Qt::Key_0)}, &ImageViewport::actualSize);
  imageAction("actionZoomIn", tr("Zoom &In"), QStringLiteral("zoom-in"),
              {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal), QKeySequence::ZoomIn}, &ImageViewport::zoomIn);
  imageAction("actionZoomOut", tr("Zoom &Out"), QStringLiteral("zoom-out"),
              {QKeySequence(Qt::Key_Minus), QKeySequence::ZoomOut}, &ImageViewport::zoomOut);
  imageAction("actionRotateClockwise", tr("Rotate &Right"), QStringLiteral("object-rotate-right"),
              {QKeySequence(Qt::Key_R)}, &ImageViewport::rotateClockwise);
  imageAction("actionRotateCounterClockwise", tr("Rotate &Left"), QStringLiteral("object-rotate-left"),
              {QKeySequence(Qt::SHIFT | Qt::Key_R)}, &ImageViewport::rotateCounterClockwise);
  imageAction("actionFlipHorizontal", tr("Flip &Horizontally"), QStringLiteral("object-flip-horizontal"),
              {QKeySequence(Qt::Key_H)}, &ImageViewport::flipHorizontal);
  imageAction("actionFlipVertical", tr("Flip &Vertically"), QStringLiteral("object-flip-vertical"),
              {QKeySequence(Qt::Key_V)}, &ImageViewport::flipVertical);
  QAction* invert = imageAction("actionInvert", tr("&Invert"), QStringLiteral("color-invert"),
                                {QKeySequence(Qt::Key_I)}, &ImageViewport::setInverted);
  invert->setCheckable(true);
  imageAction("actionReset", tr("R&eset View"), QStringLiteral("view-reset"),
              {QKeySequence(Qt::Key_Escape), QKeySequence(Qt::CTRL | Qt::Key_R)}, &ImageViewport::resetView);
  QAction* annotations = imageAction("actionAnnotations", tr("Show &Annotations"), QString(), {},
                                     &ImageViewport::setAnnotationsVisible);
  annotations->setCheckable(true);
  annotations->setChecked(true);

  connect(makeAction("actionNextImage", tr("&Next Image"), QStringLiteral("go-next"), {QKeySequence(Qt::Key_PageDown)}),
          &QAction::triggered, this, &MainWindow::nextImage);
  connect(makeAction("actionPreviousImage", tr("&Previous Image"), QStringLiteral("go-previous"),
                     {QKeySequence(Qt::Key_PageUp)}),
          &QAction::triggered, this, &MainWindow::previousImage);

  QAction* sideBySide = makeAction("actionSideBySide", tr("&1x2 Layout"), QString(), {QKeySequence(Qt::Key_F6)});
  sideBySide->setCheckable(true);
  sideBySide->setIconText(tr("1x2"));  // the tool bar's short names
  connect(sideBySide, &QAction::toggled, this, &MainWindow::setSideBySide);
  QAction* link = makeAction("actionLinkViewports", tr("&Link Zoom, Pan and Window"), QString(),
                             {QKeySequence(Qt::SHIFT | Qt::Key_F6)});
  link->setCheckable(true);
  link->setIconText(tr("Link"));
  connect(link, &QAction::toggled, m_layout->link(), &viewer::ViewportLink::setLinked);
  QAction* prior = makeAction("actionCompareWithPrior", tr("Compare with &Prior"), QString(), {QKeySequence(Qt::Key_F7)});
  prior->setIconText(tr("Prior"));
  connect(prior, &QAction::triggered, this, [this]() {
    if (!compareWithPrior()) showMessage(tr("No prior study of this patient is listed."), false);
  });

  const QString presetNames[] = {tr("File Window"), tr("Lung Window"), tr("Mediastinum Window"), tr("Bone Window")};
  const char* presetObjects[] = {"actionWindowPreset1", "actionWindowPreset2", "actionWindowPreset3",
                                 "actionWindowPreset4"};
  const Qt::Key presetKeys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
  for (int i = 0; i < 4; ++i) {
    QAction* action = makeAction(presetObjects[i], presetNames[i], QString(), {QKeySequence(presetKeys[i])});
    connect(action, &QAction::triggered, this, [this, i]() { applyWindowShortcut(i + 1); });
    m_imageActions << action;
  }

  m_toolGroup = new QActionGroup(this);
  struct ToolSpec {
    const char* objectName;
    QString text;
    QString icon;
    Qt::Key key;
    ViewportTool tool;
  };
  const ToolSpec tools[] = {
      {"actionToolWindowLevel", tr("&Window/Level Tool"), QStringLiteral("image-adjust-window-level"), Qt::Key_W,
       ViewportTool::WindowLevel},
      {"actionToolPan", tr("&Pan Tool"), QStringLiteral("edit-select"), Qt::Key_P, ViewportTool::Pan},
      {"actionToolZoom", tr("&Zoom Tool"), QStringLiteral("zoom-in"), Qt::Key_Z, ViewportTool::Zoom},
      {"actionToolRegion", tr("&Region Tool"), QStringLiteral("draw-rectangle"), Qt::Key_D, ViewportTool::DrawRegion},
      {"actionToolRuler", tr("R&uler (mm)"), QStringLiteral("measure"), Qt::Key_M, ViewportTool::MeasureDistance},
      {"actionToolAngle", tr("A&ngle"), QStringLiteral("angle"), Qt::Key_A, ViewportTool::MeasureAngle},
      {"actionToolRectangleRoi", tr("Rectangle R&OI"), QStringLiteral("roi-rectangle"), Qt::Key_B,
       ViewportTool::MeasureRectangle},
      {"actionToolEllipseRoi", tr("&Ellipse ROI"), QStringLiteral("roi-ellipse"), Qt::Key_E, ViewportTool::MeasureEllipse},
      {"actionToolArrow", tr("&Arrow with Text"), QStringLiteral("arrow"), Qt::Key_T, ViewportTool::Arrow},
      {"actionToolMagnifier", tr("&Magnifier"), QStringLiteral("magnifier"), Qt::Key_L, ViewportTool::Magnifier},
  };
  for (const ToolSpec& spec : tools) {
    QAction* action = makeAction(spec.objectName, spec.text, spec.icon, {QKeySequence(spec.key)});
    action->setCheckable(true);
    action->setData(static_cast<int>(spec.tool));
    action->setChecked(spec.tool == m_viewport->tool());
    m_toolGroup->addAction(action);
    const ViewportTool tool = spec.tool;
    // The second viewport takes the same tool (ViewportLayout keeps them equal).
    connect(action, &QAction::triggered, this, [this, tool]() { m_viewport->setTool(tool); });
  }

  connect(makeAction("actionAbout", tr("&About AnatomiX Workstation"), QString()), &QAction::triggered, this, [this]() {
    QMessageBox::about(this, tr("About AnatomiX Workstation"),
                       tr("<h3>AnatomiX Workstation %1</h3>"
                          "<p>Reading chest radiographs with an anatomy-aware grounded multimodal model "
                          "(AnatomiX, arXiv 2601.03191).</p><p><b>Not for clinical use.</b></p>")
                           .arg(QApplication::applicationVersion()));
  });
}

void MainWindow::createDocks() {
  m_browser = new StudyBrowserPanel(this);
  m_browserDock = new QDockWidget(tr("Study Browser"), this);
  m_browserDock->setObjectName(QStringLiteral("studyBrowserDock"));
  m_browserDock->setWidget(m_browser);
  addDockWidget(Qt::LeftDockWidgetArea, m_browserDock);

  m_layers = new LayersPanel(m_overlayModel, this);
  m_layersDock = new QDockWidget(tr("Layers"), this);
  m_layersDock->setObjectName(QStringLiteral("layersDock"));
  m_layersDock->setWidget(m_layers);
  addDockWidget(Qt::LeftDockWidgetArea, m_layersDock);

  m_tags = new DicomTagsPanel(this);
  m_tagsDock = new QDockWidget(tr("DICOM Tags"), this);
  m_tagsDock->setObjectName(QStringLiteral("dicomTagsDock"));
  m_tagsDock->setWidget(m_tags);
  addDockWidget(Qt::RightDockWidgetArea, m_tagsDock);
  resizeDocks({m_browserDock, m_layersDock}, {600, 150}, Qt::Vertical);
  resizeDocks({m_browserDock, m_tagsDock}, {380, 340}, Qt::Horizontal);
}

void MainWindow::createMenusAndToolBar() {
  auto act = [this](const char* name) { return findChild<QAction*>(QString::fromLatin1(name)); };

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(act("actionOpenFile"));
  file->addAction(act("actionOpenFolder"));
  m_recentMenu = file->addMenu(tr("Open &Recent"));
  m_recentMenu->setObjectName(QStringLiteral("recentFilesMenu"));
  file->addSeparator();
  QAction* pacsNodes = makeAction("actionPacsNodes", tr("PACS &Nodes..."), QString());
  connect(pacsNodes, &QAction::triggered, this, [this]() { showPacsNodesDialog(); });
  file->addAction(pacsNodes);
  file->addSeparator();
  file->addAction(act("actionCancelLoading"));
  file->addSeparator();
  file->addAction(act("actionQuit"));

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(act("actionUndo"));
  edit->addAction(act("actionRedo"));
  edit->addSeparator();
  edit->addAction(act("actionDeleteRegion"));
  edit->addAction(act("actionDeleteAllRegions"));
  edit->addAction(act("actionDeleteAllMeasurements"));

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (const char* name : {"actionFit", "actionActualSize", "actionZoomIn", "actionZoomOut"}) view->addAction(act(name));
  view->addSeparator();
  for (const char* name : {"actionRotateClockwise", "actionRotateCounterClockwise", "actionFlipHorizontal",
                           "actionFlipVertical", "actionInvert"})
    view->addAction(act(name));
  view->addSeparator();
  view->addAction(act("actionReset"));
  view->addAction(act("actionAnnotations"));
  view->addSeparator();
  view->addAction(act("actionSideBySide"));
  view->addAction(act("actionLinkViewports"));
  view->addSeparator();
  view->addAction(act("actionReadingMode"));
  QMenu* themeMenu = view->addMenu(tr("&Theme"));
  themeMenu->setObjectName(QStringLiteral("themeMenu"));
  themeMenu->addAction(act("actionThemeDark"));
  themeMenu->addAction(act("actionThemeLight"));
  QMenu* panels = view->addMenu(tr("&Panels"));
  panels->addAction(m_browserDock->toggleViewAction());
  panels->addAction(m_layersDock->toggleViewAction());
  panels->addAction(m_tagsDock->toggleViewAction());

  QMenu* imageMenu = menuBar()->addMenu(tr("&Image"));
  m_presetMenu = imageMenu->addMenu(tr("Window &Presets"));
  m_presetMenu->setObjectName(QStringLiteral("windowPresetMenu"));
  imageMenu->addSeparator();
  imageMenu->addAction(act("actionNextImage"));
  imageMenu->addAction(act("actionPreviousImage"));
  imageMenu->addSeparator();
  imageMenu->addAction(act("actionCompareWithPrior"));

  QMenu* toolsMenu = menuBar()->addMenu(tr("&Tools"));
  toolsMenu->addActions(m_toolGroup->actions());

  createAiMenu();
  panels->addSeparator();
  for (QDockWidget* dock : m_aiDocks) panels->addAction(dock->toggleViewAction());

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(act("actionAbout"));

  QToolBar* toolBar = addToolBar(tr("Main Toolbar"));
  toolBar->setObjectName(QStringLiteral("mainToolBar"));
  toolBar->setIconSize(QSize(22, 22));
  for (const char* name : {"actionOpenFile", "actionOpenFolder"}) toolBar->addAction(act(name));
  toolBar->addSeparator();
  toolBar->addActions(m_toolGroup->actions());
  toolBar->addSeparator();
  for (const char* name : {"actionFit", "actionActualSize", "actionZoomIn", "actionZoomOut", "actionRotateCounterClockwise",
                           "actionRotateClockwise", "actionFlipHorizontal", "actionFlipVertical", "actionInvert",
                           "actionReset"})
    toolBar->addAction(act(name));
  toolBar->addSeparator();
  for (const char* name : {"actionUndo", "actionRedo", "actionDeleteRegion"}) toolBar->addAction(act(name));
  toolBar->addSeparator();
  for (const char* name : {"actionPreviousImage", "actionNextImage"}) toolBar->addAction(act(name));
  toolBar->addSeparator();
  for (const char* name : {"actionSideBySide", "actionLinkViewports", "actionCompareWithPrior"})
    toolBar->addAction(act(name));
  view->addAction(toolBar->toggleViewAction());
  rebuildPresetMenu();
}

void MainWindow::createStatusBar() {
  m_messageLabel = new QLabel(this);
  m_messageLabel->setObjectName(QStringLiteral("statusMessage"));
  m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_readoutLabel = new QLabel(this);
  m_readoutLabel->setObjectName(QStringLiteral("pixelReadout"));
  m_windowLabel = new QLabel(this);
  m_windowLabel->setObjectName(QStringLiteral("windowLabel"));
  m_zoomLabel = new QLabel(this);
  m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
  m_progress = new QProgressBar(this);
  m_progress->setObjectName(QStringLiteral("loadProgress"));
  m_progress->setMaximumWidth(220);
  m_progress->setTextVisible(true);
  m_cancelButton = new QToolButton(this);
  m_cancelButton->setObjectName(QStringLiteral("cancelLoadingButton"));
  m_cancelButton->setDefaultAction(findChild<QAction*>(QStringLiteral("actionCancelLoading")));
  m_cancelButton->setAutoRaise(true);
  m_errorButton = new QToolButton(this);
  m_errorButton->setObjectName(QStringLiteral("errorButton"));
  m_errorButton->setAutoRaise(true);
  m_errorButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_errorButton->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
  m_errorButton->setStyleSheet(QStringLiteral("QToolButton { color: #ef5350; font-weight: bold; }"));
  m_errorButton->setMaximumWidth(520);
  m_errorButton->setVisible(false);
  connect(m_errorButton, &QToolButton::clicked, this, &MainWindow::dismissErrors);
  statusBar()->addWidget(m_errorButton);
  statusBar()->addWidget(m_messageLabel, 1);
  statusBar()->addPermanentWidget(m_progress);
  statusBar()->addPermanentWidget(m_cancelButton);
  statusBar()->addPermanentWidget(m_readoutLabel);
  statusBar()->addPermanentWidget(m_windowLabel);
  statusBar()->addPermanentWidget(m_zoomLabel);
  setProgressVisible(false);
}

void MainWindow::readSettings() {
  const QByteArray geometry = m_settings->windowGeometry();
  if (geometry.isEmpty() || !restoreGeometry(geometry)) resize(1280, 860);
  const QByteArray state = m_settings->windowState();
  if (!state.isEmpty()) restoreState(state);
  rebuildRecentMenu();
}

void MainWindow::writeSettings() {
  m_settings->setWindowGeometry(saveGeometry());
  m_settings->setWindowState(saveState());
  m_settings->sync();
}

void MainWindow::setTheme(Theme theme) {
  m_theme = theme;
  applyTheme(theme);
  m_settings->setTheme(themeName(theme));
  const char* name = theme == Theme::Dark ? "actionThemeDark" : "actionThemeLight";
  if (QAction* action = findChild<QAction*>(QString::fromLatin1(name))) action->setChecked(true);
}

void MainWindow::setReadingMode(bool on) {
  if (on == m_readingMode) return;
  m_readingMode = on;
  if (on) {
    m_stateBeforeReading = saveState();
    m_windowStateBeforeReading = windowState();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) dock->hide();
    for (QToolBar* bar : findChildren<QToolBar*>()) bar->hide();
    menuBar()->hide();
    showFullScreen();
  } else {
    menuBar()->show();
    restoreState(m_stateBeforeReading);
    setWindowState(m_windowStateBeforeReading & ~Qt::WindowFullScreen);
  }
  if (QAction* action = findChild<QAction*>(QStringLiteral("actionReadingMode"))) action->setChecked(on);
  m_viewport->setFocus();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  setReadingMode(false);  // the layout to keep is the one with the docks
  m_loader->cancelAll();
  m_secondLoader->cancelAll();
  m_thumbnailLoader->cancelAll();
  writeSettings();
  event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
  // Layer names come from code, so re-set the translated one when the language changes.
  if (event->type() == QEvent::LanguageChange) {
    m_overlayModel->setLayerName(m_regions->layerId(), tr("My regions"));
    m_overlayModel->setLayerName(m_measurements->layerId(), tr("Measurements"));
  }
  QMainWindow::changeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) paths << url.toLocalFile();
  if (!paths.isEmpty()) {
    openPaths(paths);
    event->acceptProposedAction();
  }
}

void MainWindow::rebuildRecentMenu() {
  m_recentMenu->clear();
  const QStringList recent = m_settings->recentFiles();
  int number = 1;
  for (const QString& path : recent) {
    const QString label = number <= 9 ? QStringLiteral("&%1 %2").arg(number).arg(QFileInfo(path).fileName())
                                      : QFileInfo(path).fileName();
    QAction* action = m_recentMenu->addAction(label);
    action->setToolTip(path);
    action->setStatusTip(path);
    action->setData(path);
    connect(action, &QAction::triggered, this, [this, path]() { openPaths({path}); });
    ++number;
  }
  if (!recent.isEmpty()) m_recentMenu->addSeparator();
  QAction* clear = m_recentMenu->addAction(tr("&Clear List"));
  clear->setObjectName(QStringLiteral("actionClearRecent"));
  clear->setEnabled(!recent.isEmpty());
  connect(clear, &QAction::triggered, this, [this]() {
    m_settings->clearRecentFiles();
    rebuildRecentMenu();
  });
}

QString MainWindow::presetDisplayName(const image::WindowPreset& preset) {
  // Built-in names come from anatomix::image in English; the file's own explanations stay as they are.
  const QString name = QString::fromStdString(preset.name);
  if (name == QLatin1String("Auto")) return tr("Auto");
  if (name == QLatin1String("Full range")) return tr("Full range");
  if (name == QLatin1String("Lung")) return tr("Lung");
  if (name == QLatin1String("Mediastinum")) return tr("Mediastinum");
  if (name == QLatin1String("Bone")) return tr("Bone");
  return name;
}

void MainWindow::rebuildPresetMenu() {
  m_presetMenu->clear();
  for (int i = 1; i <= 4; ++i)
    m_presetMenu->addAction(findChild<QAction*>(QStringLiteral("actionWindowPreset%1").arg(i)));
  // The active viewport's presets (each image has its own).
  ImageViewport* view = m_layout->activeViewport();
  const std::vector<image::WindowPreset>& presets = view->windowPresets();
  if (!presets.empty()) m_presetMenu->addSeparator();
  for (int index = 0; index < static_cast<int>(presets.size()); ++index) {
    const image::WindowPreset& preset = presets[static_cast<std::size_t>(index)];
    QString text = presetDisplayName(preset);
    if (preset.voi.kind == image::VoiSelection::Kind::Window)
      text = tr("%1 (W %2, L %3)").arg(text, formatNumber(preset.voi.window.width), formatNumber(preset.voi.window.center));
    QAction* action = m_presetMenu->addAction(text);
    connect(action, &QAction::triggered, view, [view, index]() { view->applyWindowPreset(index); });
  }
}

void MainWindow::applyWindowShortcut(int number) {
  ImageViewport* view = m_layout->activeViewport();
  const auto image = view->image();
  if (!image) return;
  const std::vector<image::WindowPreset>& presets = view->windowPresets();
  if (number == 1) {
    // The file's own first window or VOI LUT; the default display when the file has neither.
    for (int index = 0; index < static_cast<int>(presets.size()); ++index) {
      const auto origin = presets[static_cast<std::size_t>(index)].origin;
      if (origin == image::PresetOrigin::File || origin == image::PresetOrigin::VoiLutSequence) {
        view->applyWindowPreset(index);
        return;
      }
    }
    image::DisplaySettings display = image::default_display(*image);
    display.invert = view->isInverted();
    view->setDisplaySettings(display);
    return;
  }
  // 2, 3, 4: the chest presets in their list order (lung, mediastinum, bone).
  int chestSeen = 0;
  for (int index = 0; index < static_cast<int>(presets.size()); ++index) {
    if (presets[static_cast<std::size_t>(index)].origin != image::PresetOrigin::Chest) continue;
    if (++chestSeen == number - 1) {
      view->applyWindowPreset(index);
      return;
    }
  }
}

void MainWindow::updateActionStates() {
  const bool hasImage = m_layout->activeViewport()->image() != nullptr;
  for (QAction* action : m_imageActions) action->setEnabled(hasImage);
  for (QAction* action : m_toolGroup->actions()) action->setEnabled(hasImage);
  const viewer::UserRegionLayer* regions = m_layout->activeViewport()->userRegionLayer();
  findChild<QAction*>(QStringLiteral("actionDeleteRegion"))->setEnabled(!regions->selectedRegionId().isEmpty());
  findChild<QAction*>(QStringLiteral("actionDeleteAllRegions"))->setEnabled(!regions->regions().isEmpty());
  const int count = m_browser->imageCount();
  const int index = m_browser->imagePaths().indexOf(m_currentPath);
  if (m_layout->activeViewport() == m_layout->secondary()) {
    const QStringList study = m_browser->imagePathsOfStudy(m_secondPath);
    const int at = study.indexOf(m_secondPath);
    findChild<QAction*>(QStringLiteral("actionNextImage"))->setEnabled(at >= 0 && at + 1 < study.size());
    findChild<QAction*>(QStringLiteral("actionPreviousImage"))->setEnabled(at > 0);
  } else {
    findChild<QAction*>(QStringLiteral("actionNextImage"))->setEnabled(count > 0 && index + 1 < count);
    findChild<QAction*>(QStringLiteral("actionPreviousImage"))->setEnabled(count > 0 && index > 0);
  }
  findChild<QAction*>(QStringLiteral("actionCompareWithPrior"))
      ->setEnabled(!m_browser->priorImageOf(m_currentPath).isEmpty() || !m_priorStudyUids.isEmpty());
  findChild<QAction*>(QStringLiteral("actionCancelLoading"))->setEnabled(m_loader->isBusy());
}

QString MainWindow::messageText() const { return m_messageLabel->text(); }

QString MainWindow::errorText() const { return m_unseenErrors > 0 ? m_errorLog.last() : QString(); }

void MainWindow::showMessage(const QString& text, bool isError) {
  if (!isError) {
    m_messageLabel->setText(text);
    m_messageLabel->setToolTip(text);
    return;
  }
  // An error outlives routine messages: it stays pinned until the user dismisses it.
  m_messageLabel->clear();
  m_errorLog.append(text);
  ++m_unseenErrors;
  const QString shown = m_unseenErrors == 1 ? text : tr("%n errors; latest: %1", nullptr, m_unseenErrors).arg(text);
  m_errorButton->setText(m_errorButton->fontMetrics().elidedText(shown, Qt::ElideMiddle, 480));
  m_errorButton->setToolTip(m_errorLog.mid(m_errorLog.size() - m_unseenErrors).join(QLatin1Char('\n')) +
                            tr("\n\nClick to dismiss."));
  m_errorButton->setVisible(true);
}

void MainWindow::dismissErrors() {
  m_unseenErrors = 0;
  m_errorButton->setVisible(false);
}

void MainWindow::setProgressVisible(bool visible) {
  m_progress->setVisible(visible);
  m_cancelButton->setVisible(visible);
  if (visible) {
    m_progress->setRange(0, 0);  // busy until the first progress report
    m_progress->setFormat(QString());
  }
  findChild<QAction*>(QStringLiteral("actionCancelLoading"))->setEnabled(visible);
}

bool MainWindow::isLoading() const {
  return m_pendingScans > 0 || m_pendingDecodeId != 0 || m_secondDecodeId != 0 || m_retrievalsInFlight > 0;
}

void MainWindow::finishIfIdle() {
  updateActionStates();
  if (!isLoading()) emit loadingFinished();
}

void MainWindow::openFileDialog() {
  const QStringList files = QFileDialog::getOpenFileNames(
      this, tr("Open Images"), m_settings->lastFolder(),
      tr("Images (*.dcm *.DCM *.dicom *.dic *.png *.jpg *.jpeg *.tif *.tiff DICOMDIR);;All files (*)"));
  if (files.isEmpty()) return;
  m_settings->setLastFolder(QFileInfo(files.first()).absolutePath());
  openPaths(files);
}

void MainWindow::openFolderDialog() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Folder"), m_settings->lastFolder());
  if (folder.isEmpty()) return;
  m_settings->setLastFolder(folder);
  openPaths({folder});
}

void MainWindow::openPaths(const QStringList& paths) {
  if (paths.isEmpty()) return;
  for (const QString& path : paths) m_settings->addRecentFile(path);
  rebuildRecentMenu();
  ++m_pendingScans;
  m_pendingScanId = m_loader->scan(paths);
  m_pendingScanPaths = paths;
  showMessage(paths.size() == 1 ? tr("Opening %1...").arg(QFileInfo(paths.first()).fileName())
                                : tr("Opening %n items...", nullptr, static_cast<int>(paths.size())),
              false);
  updateActionStates();
}

void MainWindow::onScanFinished(int requestId, std::shared_ptr<const ScanResult> result) {
  --m_pendingScans;
  const image::StudyTree* tree = &result->tree;
  const QStringList added = m_browser->addStudyTree(*tree);
  const int errorCount = static_cast<int>(tree->errors.size());
  m_loadErrorCount += errorCount;
  QString message;
  if (tree->cancelled) {
    message = tr("Opening was cancelled; %n image(s) found so far.", nullptr, static_cast<int>(added.size()));
  } else if (errorCount > 0) {
    const auto& first = tree->errors.front();
    message = tr("Could not open %n file(s). %1", nullptr, errorCount).arg(QString::fromStdString(first.path.empty() ? first.message : first.path + ": " + first.message));
  } else if (added.isEmpty()) {
    message = tr("No new images found.");
  } else {
    message = tr("Found %n image(s).", nullptr, static_cast<int>(added.size()));
  }
  if (!result->skipped.empty())
    message += QLatin1Char(' ') + tr("%n other file(s) skipped.", nullptr, static_cast<int>(result->skipped.size()));
  showMessage(message, errorCount > 0);
  // Show the first new image of the latest open; keep the current image when nothing new came.
  // A study opened for the second viewport goes there, also when it was listed already.
  if (requestId == m_secondScanId) {
    m_secondScanId = 0;
    const QString first = firstMatchingImage(m_secondScanPaths, m_browser->imagePaths());
    if (!first.isEmpty()) showInSecondViewport(first);
  } else if (requestId == m_pendingScanId && !added.isEmpty()) {
    showImage(firstImageInRequestOrder(m_pendingScanPaths, added));
  } else if (!m_viewport->image() && !m_viewport->hasError() && errorCount > 0 && added.isEmpty()) {
    const auto& first = tree->errors.front();
    m_viewport->showError(QString::fromStdString(first.path.empty() ? first.message : first.path + ": " + first.message));
  }
  finishIfIdle();
}

QString MainWindow::firstImageInRequestOrder(const QStringList& requested, const QStringList& added) {
  const QString match = firstMatchingImage(requested, added);
  return match.isEmpty() ? added.first() : match;
}

QString MainWindow::firstMatchingImage(const QStringList& requested, const QStringList& candidates) {
  for (const QString& path : requested) {
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    // A DICOMDIR's images lie beside it; a folder's images under it.
    const QString folder = info.isDir() ? absolute : info.absolutePath();
    for (const QString& image : candidates) {
      if (image == absolute) return image;
      if ((info.isDir() || info.fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) == 0) &&
          image.startsWith(folder + QLatin1Char('/')))
        return image;
    }
  }
  return QString();
}

void MainWindow::showImage(const QString& path) {
  if (path.isEmpty()) return;
  m_pendingDecodeId = m_loader->decode(path);
  m_browser->setCurrentImage(path);
  showMessage(tr("Opening %1...").arg(QFileInfo(path).fileName()), false);
  updateActionStates();
}

void MainWindow::onDecodeFinished(int requestId, const LoadedImage& loaded) {
  if (requestId != m_pendingDecodeId) return;
  m_pendingDecodeId = 0;
  m_currentPath = loaded.path;
  m_browser->setCurrentImage(loaded.path);
  m_tags->setTags(loaded.path, loaded.tags, loaded.tagsError);
  // Regions belong to one image: a new image starts with none and an empty undo history.
  m_overlayModel->clearItems(m_regions->layerId());
  m_measurementsFollowImageChange = true;  // until updateReportStudy() restores the new image's
  m_measurements->clearWithoutUndo();
  m_measurements->setImage(loaded.image);
  m_undoStack->clear();
  const QString fileName = QFileInfo(loaded.path).fileName();
  if (loaded.image) {
    m_viewport->setImage(loaded.image);
    m_regions->setBounds(QRectF(0, 0, loaded.image->width, loaded.image->height));
    setMeasurementSpacing(*m_measurements, *loaded.image);
    setWindowTitle(tr("%1 - AnatomiX Workstation").arg(fileName));
    QString message = tr("%1: %2 × %3, %4 bit").arg(fileName).arg(loaded.image->width).arg(loaded.image->height)
                          .arg(loaded.image->bits_stored);
    for (const std::string& note : loaded.image->notes) message += QStringLiteral("; ") + QString::fromStdString(note);
    showMessage(message, false);
    updateWindowLabel(m_viewport->window().center, m_viewport->window().width);
  } else {
    ++m_loadErrorCount;
    m_viewport->showError(loaded.error);
    m_browser->markImageFailed(loaded.path, loaded.error);
    setWindowTitle(tr("%1 - AnatomiX Workstation").arg(fileName));
    showMessage(tr("Cannot show the image: %1").arg(loaded.error), true);
    m_windowLabel->clear();
  }
  rebuildPresetMenu();
  updateZoomLabel();
  onImageShownForAi(loaded);
  addThumbnail(loaded);
  updateViewportCaptions();
  requestThumbnails(loaded.path);
  finishIfIdle();
}

void MainWindow::setMeasurementSpacing(viewer::MeasurementLayer& layer, const image::DecodedImage& image) {
  // Lengths follow PS3.3's Pixel Spacing rules: calibrated Pixel Spacing as it is; at the
  // detector (Imager Pixel Spacing, or Pixel Spacing equal to it without a calibration type)
  // magnified; no spacing: pixels.
  const image::PixelSpacing& spacing = image.instance.spacing;
  if (!spacing.known()) {
    layer.setSpacing(0, 0);
  } else if (spacing.at_detector()) {
    layer.setSpacing(spacing.column_mm, spacing.row_mm, tr("at detector"),
                     tr("Pixel spacing at the detector (Imager Pixel Spacing): lengths in the patient are "
                        "smaller by the radiographic magnification, typically 5-20 %."));
  } else if (spacing.source == image::PixelSpacing::Source::NominalScanned) {
    layer.setSpacing(spacing.column_mm, spacing.row_mm, tr("scanned"),
                     tr("Nominal spacing of a scanned film: the film's magnification is unknown."));
  } else {
    layer.setSpacing(spacing.column_mm, spacing.row_mm);
  }
}

void MainWindow::setSideBySide(bool on) {
  QAction* action = findChild<QAction*>(QStringLiteral("actionSideBySide"));
  if (action->isChecked() != on) {
    action->setChecked(on);  // comes back here through toggled
    return;
  }
  m_layout->setSideBySide(on);
  // Nothing asked for the second viewport (no image, no study being opened for it): pick one.
  if (on && m_secondPath.isEmpty() && m_secondScanId == 0 && !m_currentPath.isEmpty()) {
    const QStringList study = m_browser->imagePathsOfStudy(m_currentPath);
    const int index = study.indexOf(m_currentPath);
    QString other;
    if (index >= 0 && index + 1 < study.size()) other = study[index + 1];
    else if (index > 0) other = study[index - 1];
    else other = m_browser->priorImageOf(m_currentPath);
    if (!other.isEmpty()) showInSecondViewport(other);
  }
  updateViewportCaptions();
  updateActionStates();
}

void MainWindow::showInSecondViewport(const QString& path) {
  if (path.isEmpty()) return;
  m_secondPath = path;
  setSideBySide(true);
  m_secondDecodeId = m_secondLoader->decode(path);
  updateActionStates();
}

void MainWindow::openInSecondViewport(const QStringList& paths) {
  if (paths.isEmpty()) return;
  ++m_pendingScans;
  m_secondScanId = m_loader->scan(paths);
  m_secondScanPaths = paths;
  setSideBySide(true);
  showMessage(tr("Opening %1...").arg(QFileInfo(paths.first()).fileName()), false);
}

bool MainWindow::compareWithPrior() {
  const QString listed = m_browser->priorImageOf(m_currentPath);
  if (!listed.isEmpty()) {
    showInSecondViewport(listed);
    return true;
  }
  if (m_priorStudyUids.isEmpty()) return false;
  retrieveStudy(m_priorStudyUids.first(), true);
  return true;
}

void MainWindow::onSecondDecodeFinished(int requestId, const LoadedImage& loaded) {
  if (requestId != m_secondDecodeId) return;
  m_secondDecodeId = 0;
  m_layout->showSecondaryImage(loaded.path, loaded.image, m_analysedLayers.value(loaded.path), loaded.error);
  // An image not read in the first viewport yet (a prior) is analysed for its boxes.
  if (loaded.image && !m_analysedLayers.contains(loaded.path)) m_assistant->analyseSecondImage(loaded.image);
  if (loaded.image) {
    uiLogger()->info("MainWindow: the second viewport shows {}", loaded.path.toStdString());
    setMeasurementSpacing(*m_layout->secondaryMeasurements(), *loaded.image);
    addThumbnail(loaded);
  } else {
    ++m_loadErrorCount;
    m_browser->markImageFailed(loaded.path, loaded.error);
    showMessage(tr("Cannot show the image: %1").arg(loaded.error), true);
  }
  updateViewportCaptions();
  updateZoomLabel();
  if (m_layout->activeViewport() == m_layout->secondary()) rebuildPresetMenu();
  finishIfIdle();
}

void MainWindow::updateViewportCaptions() {
  const QString none = tr("No image");
  m_layout->setCaptions(m_currentPath.isEmpty() ? none : m_browser->describeImage(m_currentPath),
                        m_secondPath.isEmpty() ? none : m_browser->describeImage(m_secondPath));
}

void MainWindow::addThumbnail(const LoadedImage& loaded) {
  if (!loaded.image || m_thumbnailed.contains(loaded.path)) return;
  m_browser->setImageThumbnail(loaded.path, thumbnailOf(*loaded.image));
  m_thumbnailed.insert(loaded.path);
}

void MainWindow::requestThumbnails(const QString& path) {
  for (const QString& image : m_browser->imagePathsOfStudy(path))
    if (!m_thumbnailed.contains(image) && !m_thumbnailQueue.contains(image) && image != m_thumbnailPath)
      m_thumbnailQueue << image;
  if (m_thumbnailPath.isEmpty() && !m_thumbnailQueue.isEmpty()) {
    m_thumbnailPath = m_thumbnailQueue.takeFirst();
    m_thumbnailLoader->decode(m_thumbnailPath);
  }
}

void MainWindow::cancelLoading() {
  m_loader->cancelAll();
  m_secondLoader->cancelAll();
  showMessage(tr("Cancelling..."), false);
}

void MainWindow::stepImage(int delta) {
  if (m_layout->activeViewport() == m_layout->secondary()) {
    // The second viewport keeps to its own study (a prior stays the prior).
    const QStringList study = m_browser->imagePathsOfStudy(m_secondPath);
    const int index = study.indexOf(m_secondPath);
    if (index >= 0 && index + delta >= 0 && index + delta < study.size()) showInSecondViewport(study[index + delta]);
    return;
  }
  const QStringList paths = m_browser->imagePaths();
  if (paths.isEmpty()) return;
  const int index = paths.indexOf(m_browser->currentImagePath());
  const int next = index < 0 ? 0 : index + delta;
  if (next < 0 || next >= paths.size()) return;
  showImage(paths[next]);
}

void MainWindow::nextImage() { stepImage(+1); }
void MainWindow::previousImage() { stepImage(-1); }

void MainWindow::deleteSelectedRegion() {
  viewer::UserRegionLayer* regions = m_layout->activeViewport()->userRegionLayer();
  const QString selected = regions->selectedRegionId();
  if (!selected.isEmpty()) regions->removeRegion(selected);
}

void MainWindow::onReadout(const viewer::PixelReadout& readout) {
  if (!readout.insideImage) {
    m_readoutLabel->clear();
    return;
  }
  QString text = tr("x %1, y %2: %3").arg(readout.column).arg(readout.row).arg(formatNumber(readout.modalityValue));
  if (!readout.units.isEmpty()) text += QLatin1Char(' ') + readout.units;
  if (readout.modalityValue != readout.storedValue)
    text += tr(" (stored %1)").arg(formatNumber(readout.storedValue));
  m_readoutLabel->setText(text);
}

void MainWindow::updateWindowLabel(double center, double width) {
  m_windowLabel->setText(tr("W %1 L %2").arg(formatNumber(width), formatNumber(center)));
}

void MainWindow::updateZoomLabel() {
  const ImageViewport* view = m_layout->activeViewport();
  if (!view->image()) {
    m_zoomLabel->clear();
    return;
  }
  m_zoomLabel->setText(tr("Zoom %1%").arg(qRound(view->transform().zoom() * 100)));
}

bool MainWindow::saveScreenshot(const QString& path) {
  const QImage shot = grab().toImage();
  if (shot.isNull()) {
    uiLogger()->error("MainWindow::saveScreenshot: the window could not be rendered");
    return false;
  }
  QImageWriter writer(path, "png");
  if (!writer.write(shot)) {
    uiLogger()->error("MainWindow::saveScreenshot: {}: {}", path.toStdString(), writer.errorString().toStdString());
    return false;
  }
  uiLogger()->info("MainWindow::saveScreenshot: wrote {} ({}x{})", path.toStdString(), shot.width(), shot.height());
  return true;
}

}  // namespace anatomix::ui
