// MainWindow: the workstation's main window. The ImageViewport is the central widget (under a
// banner that says when the AI model is unavailable and one that warns when the image's sides and
// its header disagree, ReadingAssistant's laterality cross-check); docks hold the study browser, the overlay
// layers, the DICOM tags, and the reading workflow's panels: anatomy list, AI findings, region
// questions and chat, flip check and the report. The AI runs through ReadingAssistant on the
// engine's worker thread; without a model the viewer works on. Opening files,
// folders and DICOMDIRs goes through StudyLoader (scan and decode off the GUI thread, with progress
// and cancel in the status bar). A file that cannot be shown is reported in the viewport (when it
// was to be displayed), in the status bar and in the log; everything else stays open.
//
// Two viewports (ViewportLayout): View > 1x2 Layout puts a second viewport beside the first, with
// another image of the study (PA and lateral) or, through Image > Compare with Prior, the prior
// study of the patient (a listed earlier study, else the worklist's prior retrieved from the PACS);
// View > Link Zoom, Pan and Window couples the two. The view actions, window presets, undo and
// Page Up/Page Down act on the active viewport (the second one steps through its own study); the
// AI analyses the image on the left, and an image analysed there shows its analysis on the right. The study browser shows a thumbnail of
// each image of the shown study. Without the layout the window reads one image, as always.
//
// Reading tools: a measurement layer (ruler, angle) with undo, the cardiothoracic ratio's callipers
// placed after each analysis, a dark theme by default (View > Theme) and a full-screen reading
// mode (F11) that hides the docks, tool bar and menu bar. An image that is not a frontal chest
// radiograph is not analysed; a banner says why and offers to analyse it anyway.
//
// Actions have object names ("actionOpenFile", "actionFlipHorizontal", ...) so tests and
// scripts can find them. Settings (geometry, dock layout, recent files, last folder) are read in
// the constructor and written on close. GUI thread only.
#pragma once

#include <memory>

#include <QHash>
#include <QSet>
#include <QMainWindow>
#include <QStringList>
#include <QVector>

#include "anatomix/image/window_presets.h"
#include "anatomix/ui/theme.h"
#include "anatomix/ui/study_loader.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/overlay_item.h"

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QToolButton;
class QUndoGroup;
class QUndoStack;

namespace anatomix::viewer {
class ImageViewport;
class OverlayLayerModel;
class UserRegionLayer;
class MeasurementLayer;
struct PixelReadout;
}

namespace anatomix::ui {

class AnatomyPanel;
class AskPanel;
class CardiothoracicRatioCallipers;
class DicomTagsPanel;
class EngineBackend;
class FindingsPanel;
class FlipCheckPanel;
class PacsNodesDialog;
class LayersPanel;
class ReadingAssistant;
class StudyBrowserPanel;
class ViewportLayout;
struct LiveRetrieval;  // main_window_pacs.cpp

}  // namespace anatomix::ui
namespace anatomix::worklist {
class WorklistPanel;
}
namespace anatomix::network {
class StorageServer;
struct PacsNode;
}
namespace anatomix::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // `settings` null: the platform's default store. The window owns it.
  explicit MainWindow(std::unique_ptr<WorkstationSettings> settings = nullptr, QWidget* parent = nullptr);
  // `engine`: the model behind the AI panels (null: the LibTorch engine). The bundle named in the
  // settings (or the shipped one) is loaded at once, off the GUI thread.
  MainWindow(std::unique_ptr<WorkstationSettings> settings, std::unique_ptr<EngineBackend> engine,
             QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens files, folders and DICOMDIRs (added to the study browser; the first new image is shown).
  void openPaths(const QStringList& paths);
  // Shows one listed image (decoded off-thread).
  void showImage(const QString& path);
  bool isLoading() const;  // scans, decodes or PACS retrievals are running
  // True when some file opened so far could not be scanned or decoded.
  bool loadErrorsSinceStart() const { return m_loadErrorCount > 0; }

  // Renders the whole window into a PNG file. Returns false (and logs why) if it could not.
  bool saveScreenshot(const QString& path);

  viewer::ImageViewport* viewport() const { return m_viewport; }  // the primary (left) viewport
  ViewportLayout* viewportLayout() const { return m_layout; }
  // Shows one listed image in the second viewport (switching to the 1x2 layout).
  void showInSecondViewport(const QString& path);
  // Opens files or folders (a retrieved prior) and shows their first image in the second viewport.
  void openInSecondViewport(const QStringList& paths);
  // The prior of the shown study in the second viewport: a listed earlier study of the patient,
  // else the first prior the worklist found (retrieved first). False when there is none.
  bool compareWithPrior();
  StudyBrowserPanel* studyBrowser() const { return m_browser; }
  DicomTagsPanel* tagsPanel() const { return m_tags; }
  LayersPanel* layersPanel() const { return m_layers; }
  viewer::OverlayLayerModel* overlayModel() const { return m_overlayModel; }
  viewer::UserRegionLayer* userRegions() const { return m_regions; }
  viewer::MeasurementLayer* measurements() const { return m_measurements; }
  CardiothoracicRatioCallipers* cardiothoracicRatio() const { return m_cardiothoracic; }
  QString gateBannerText() const;  // "Not analysed: ..." while shown; "" when hidden
  Theme theme() const { return m_theme; }
  bool isReadingMode() const { return m_readingMode; }
  QUndoStack* undoStack() const { return m_undoStack; }
  WorkstationSettings& settings() const { return *m_settings; }
  QString currentImagePath() const { return m_currentPath; }
  // The status bar's routine message ("Opening...", "AI analysis: ..."). Errors never appear here:
  // they are pinned beside it until the user dismisses them, whatever finishes afterwards.
  QString messageText() const;
  QString errorText() const;  // the latest error not yet dismissed ("" when none)
  QStringList errorLog() const { return m_errorLog; }  // every error of this session, oldest first
  void dismissErrors();
  QMenu* recentFilesMenu() const { return m_recentMenu; }
  ReadingAssistant* readingAssistant() const { return m_assistant; }
  AnatomyPanel* anatomyPanel() const { return m_anatomy; }
  FindingsPanel* findingsPanel() const { return m_findings; }
  AskPanel* askPanel() const { return m_ask; }
  FlipCheckPanel* flipCheckPanel() const { return m_flipCheck; }
  QWidget* reportPanel() const { return m_report; }  // null when built without ui/report
  QString aiBannerText() const;  // "" when the banner is hidden
  QString lateralityBannerText() const;  // the laterality cross-check's warning; "" when hidden
  // Loads the model bundle in `folder` for this session ("" : the settings' or the shipped one).
  void loadModel(const QString& folder);
  // AI > Model: loads the bundle in `folder` and, once it has loaded, keeps it in the settings as the model in
  // use ("" : the shipped one).
  void chooseModel(const QString& folder);
  // AI > Model > Add Model Folder: remembers `folder` in the settings' list of bundles and chooses it.
  void addModelFolder(const QString& folder);
  // Brings a dock to the front: "anatomy", "findings", "ask", "flip", "report". False if unknown.
  bool raisePanel(const QString& name);
  // The PACS worklist dock's panel; null when no PACS node is set (WorkstationSettings::pacsNode).
  worklist::WorklistPanel* worklistPanel() const { return m_worklist; }
  // Retrieves a study from the settings' PACS node into the study cache, off the GUI thread, and
  // opens it as it arrives: the first image is shown as soon as it is in the cache, the study browser
  // lists the others as they come, and the status bar shows "n of N objects" (the PACS's counts) with
  // a Cancel button (cancelRetrieval). A failure is pinned in the status bar; what arrived before it
  // stays open. What a double-click in the worklist does.
  // Settings pacs/retrieveMethod "get": C-GET; "move": C-MOVE to the window's storage SCP. Afterwards
  // the cache is cut to pacs/cacheLimitMB, oldest studies first, never the retrieved or a shown one.
  // `asPrior`: the retrieved study opens in the second viewport instead.
  void retrieveStudy(const QString& studyUid, bool asPrior = false);
  // The command line's --pacs NODE --study ACCESSION: finds the study with this accession number on
  // the PACS node (C-FIND) and retrieves and opens it as retrieveStudy does. `node` must name the
  // node in use: its name, its AE title or AET@host:port. An unknown node, no or several matching studies, or
  // an unreachable PACS give a pinned error and count as a load error (loadErrorsSinceStart).
  void openPacsStudy(const QString& node, const QString& accession);
  // Our storage SCP (C-MOVE destination), running while the window is open with pacs/retrieveMethod
  // "move"; null otherwise or when its port could not be opened (a pinned error says why).
  const network::StorageServer* storageServer() const { return m_storageServer.get(); }
  // File > PACS Nodes...: the node list dialog, window-modal and returned (for tests). OK saves the
  // list (pacs/nodes) and points the worklist, --pacs, the sending and the storage SCP at the node in use.
  PacsNodesDialog* showPacsNodesDialog();
  // Stops the running retrievals (the C-GET is aborted, the C-MOVE gets a C-CANCEL) at once for the
  // window; the objects that arrived stay listed and shown, and the status bar says how many.
  void cancelRetrieval();
  // Describes the drawn regions (as the Describe button does).
  void askDescribeRegions();
  // Menu text of a window preset: built-in names translated, the file's explanations as stored.
  static QString presetDisplayName(const image::WindowPreset& preset);

 public slots:
  // Applies a theme to the application and keeps it in the settings.
  void setTheme(anatomix::ui::Theme theme);
  // Full-screen reading: docks, tool bar and menu bar hidden (F11); off restores the layout.
  void setReadingMode(bool on);
  void openFileDialog();
  void openFolderDialog();
  void nextImage();
  void previousImage();
  void cancelLoading();
  // Key 1..4: 1 = the file's own window (or the default), 2 = lung, 3 = mediastinum, 4 = bone.
  void applyWindowShortcut(int number);
  void deleteSelectedRegion();
  // The 1x2 layout on or off; turned on with nothing in the second viewport, it shows the next
  // image of the study there (else the previous one, else the prior).
  void setSideBySide(bool on);

 signals:
  // Every scan and decode started so far has finished (the window shows its final state).
  void loadingFinished();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void createActions();
  void createMenusAndToolBar();
  void createDocks();
  // main_window_pacs.cpp
  void createPacsDock();
  void startStorageServer(const network::PacsNode& node);
  void startRetrieval(const QString& studyUid, const QString& accession, bool asPrior);
  void failRetrieval(const QString& text);  // pinned, and counted as a load error
  void createRetrievalProgress();
  // From the worker (queued): the PACS's counts, and for C-GET the object just written (`isImage`:
  // to be listed; an SR or presentation state is counted only).
  void retrievalProgressed(const std::shared_ptr<LiveRetrieval>& retrieval, int done, int remaining,
                           const QString& path, bool isImage);
  // C-MOVE: our storage SCP wrote an object into the cache.
  void objectStored(const QString& path, bool isImage);
  void listArrivedObjects(const std::shared_ptr<LiveRetrieval>& retrieval);
  void onArrivedObjectsListed(int scanId);
  void updateRetrievalProgress();
  void createSendResultsActions(const network::PacsNode& node);
  QString sendResultsToolTip(const network::PacsNode& node) const;
  void sendResultsToPacs();
  // main_window_pacs_nodes.cpp: after the node list changed, the worklist and storage SCP follow.
  void applyPacsNodeInUse();
  void createStatusBar();
  // main_window_ai.cpp: the reading workflow's docks, actions, menu and status widgets.
  void createAiDocks(std::unique_ptr<EngineBackend> engine);
  void createAiActions();
  void createAiMenu();
  void rebuildModelMenu();  // AI > Model: the installed bundles, each with its name and description
  void createAiStatusWidgets();
  void showAiSettingsDialog();
  void loadModelFromSettings();
  void updateAiBanner();
  void onImageShownForAi(const LoadedImage& loaded);
  void updateReportStudy(const LoadedImage& loaded);
  void readSettings();
  void writeSettings();
  void rebuildRecentMenu();
  void rebuildPresetMenu();
  void updateActionStates();
  void showMessage(const QString& text, bool isError);
  void onScanFinished(int requestId, std::shared_ptr<const ScanResult> result);
  void onDecodeFinished(int requestId, const LoadedImage& loaded);
  void onReadout(const viewer::PixelReadout& readout);
  void updateWindowLabel(double center, double width);
  void updateZoomLabel();
  void setProgressVisible(bool visible);
  void finishIfIdle();
  void stepImage(int delta);
  void onSecondDecodeFinished(int requestId, const LoadedImage& loaded);
  void updateViewportCaptions();
  void requestThumbnails(const QString& path);
  void addThumbnail(const LoadedImage& loaded);  // once per image  // of the images of `path`'s study not shown yet
  void setMeasurementSpacing(viewer::MeasurementLayer& layer, const image::DecodedImage& image);
  // The first of `candidates` that is or lies under one of `requested` (in that order); "" if none.
  static QString firstMatchingImage(const QStringList& requested, const QStringList& candidates);
  // The image to show after a scan: the first one from the first requested path that has any.
  static QString firstImageInRequestOrder(const QStringList& requested, const QStringList& added);
  QAction* makeAction(const char* objectName, const QString& text, const QString& iconName,
                      const QList<QKeySequence>& shortcuts = {});

  std::unique_ptr<WorkstationSettings> m_settings;
  StudyLoader* m_loader;
  viewer::ImageViewport* m_viewport;
  ViewportLayout* m_layout = nullptr;
  StudyLoader* m_secondLoader;     // the second viewport's decodes (a new decode cancels the last)
  StudyLoader* m_thumbnailLoader;  // thumbnails, one decode at a time
  QString m_secondPath;            // the image asked for in the second viewport
  int m_secondDecodeId = 0;
  int m_secondScanId = 0;
  QStringList m_secondScanPaths;
  QStringList m_thumbnailQueue;
  QString m_thumbnailPath;         // being decoded for its thumbnail
  QSet<QString> m_thumbnailed;
  // The analysis layers of each analysed image, for showing it in the second viewport.
  QHash<QString, QVector<viewer::OverlayLayer>> m_analysedLayers;
  QStringList m_priorStudyUids;    // the worklist's priors of the activated study, newest first
  int m_priorRetrievalId = 0;
  viewer::OverlayLayerModel* m_overlayModel;
  QUndoStack* m_undoStack;  // the primary viewport's; the second viewport has its own
  QUndoGroup* m_undoGroup = nullptr;  // Edit > Undo/Redo: the active viewport's history
  viewer::UserRegionLayer* m_regions;
  StudyBrowserPanel* m_browser = nullptr;
  DicomTagsPanel* m_tags = nullptr;
  LayersPanel* m_layers = nullptr;
  QDockWidget* m_browserDock = nullptr;
  QDockWidget* m_layersDock = nullptr;
  QDockWidget* m_tagsDock = nullptr;
  QDockWidget* m_pacsDock = nullptr;
  worklist::WorklistPanel* m_worklist = nullptr;
  int m_retrievalId = 0;  // the latest retrieval; an older one that finishes later is not opened
  int m_retrievalsInFlight = 0;  // counted by isLoading()
  std::unique_ptr<network::StorageServer> m_storageServer;
  std::shared_ptr<LiveRetrieval> m_liveRetrieval;       // the latest retrieval, opened as it arrives
  std::shared_ptr<LiveRetrieval> m_livePriorRetrieval;  // the latest retrieval of a prior
  QProgressBar* m_retrievalProgress = nullptr;          // "n of N objects" while one runs
  QToolButton* m_retrievalCancelButton = nullptr;

  ReadingAssistant* m_assistant = nullptr;
  AnatomyPanel* m_anatomy = nullptr;
  FindingsPanel* m_findings = nullptr;
  AskPanel* m_ask = nullptr;
  FlipCheckPanel* m_flipCheck = nullptr;
  QWidget* m_report = nullptr;  // report::ReportPanel when built with ui/report
  QList<QDockWidget*> m_aiDocks;
  QLabel* m_aiBanner = nullptr;
  QLabel* m_lateralityBanner = nullptr;
  QLabel* m_gateBanner = nullptr;
  viewer::MeasurementLayer* m_measurements = nullptr;
  // While an image is replaced, the layer's clearing belongs to no study: the report's draft keeps
  // the previous image's measurements, and the new study's come back from its draft.
  bool m_measurementsFollowImageChange = false;
  CardiothoracicRatioCallipers* m_cardiothoracic = nullptr;
  Theme m_theme = Theme::Dark;
  bool m_readingMode = false;
  QByteArray m_stateBeforeReading;        // docks and tool bars before full-screen reading
  Qt::WindowStates m_windowStateBeforeReading;
  QProgressBar* m_aiProgress = nullptr;
  QToolButton* m_aiStopButton = nullptr;

  QLabel* m_messageLabel = nullptr;
  QToolButton* m_errorButton = nullptr;  // the pinned errors; a click dismisses them
  QStringList m_errorLog;
  int m_unseenErrors = 0;
  QLabel* m_readoutLabel = nullptr;
  QLabel* m_windowLabel = nullptr;
  QLabel* m_zoomLabel = nullptr;
  QProgressBar* m_progress = nullptr;
  QToolButton* m_cancelButton = nullptr;
  QMenu* m_recentMenu = nullptr;
  QMenu* m_modelMenu = nullptr;
  QString m_chosenBundleDir;  // chosen in AI > Model and loading; saved in the settings once loaded
  QMenu* m_presetMenu = nullptr;
  QActionGroup* m_toolGroup = nullptr;
  QList<QAction*> m_imageActions;  // enabled only while an image is shown

  QString m_currentPath;
  int m_pendingScans = 0;
  int m_pendingScanId = 0;       // latest scan; its first new image is shown
  QStringList m_pendingScanPaths;  // what the latest scan was asked to open, in the user's order
  int m_pendingDecodeId = 0;     // latest decode; 0 when none is running
  int m_loadErrorCount = 0;
};

}  // namespace anatomix::ui
