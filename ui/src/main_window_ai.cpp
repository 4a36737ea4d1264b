// MainWindow's reading workflow: the AI docks (anatomy, findings, questions, flip check, report),
// the AI menu and shortcuts, the model and laterality banners and the AI progress in the status
// bar. The logic lives in ReadingAssistant; this file only builds and wires widgets.
#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "anatomix/bundle_survey.h"
#include "anatomix/image/decoded_image.h"
#include "anatomix/image/display_lut.h"
#include "anatomix/ui/anatomy_panel.h"
#include "anatomix/ui/ask_panel.h"
#include "anatomix/ui/cardiothoracic_ratio_callipers.h"
#include "anatomix/ui/engine_backend.h"
#include "anatomix/ui/findings_panel.h"
#include "anatomix/ui/flip_check_panel.h"
#include "anatomix/ui/logging.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/ui/viewport_layout.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/measurement_layer.h"
#include "anatomix/viewer/user_region_layer.h"

#ifdef ANATOMIX_WITH_REPORT
#include "anatomix/report/report_error.h"
#include "anatomix/report/report_panel.h"
#include "anatomix/report/study_identity.h"
#include "anatomix/ui/reader_measurements.h"
#endif

#include <spdlog/spdlog.h>

namespace anatomix::ui {

#ifdef ANATOMIX_WITH_REPORT
namespace {

// The view as the presentation state records it. DICOM's presentation pipeline does not invert a
// MONOCHROME1 image by itself (PS3.4 N.2.1.1): "inverted" is what the screen shows, the file's
// polarity and the reader's invert together.
report::ViewerPresentation viewerPresentation(const viewer::ImageViewport& view) {
  report::ViewerPresentation presentation;
  const auto image = view.image();
  if (!image) return presentation;
  const image::DisplaySettings& display = view.displaySettings();
  presentation.hasWindow = display.voi.kind == image::VoiSelection::Kind::Window;
  presentation.windowCenter = display.voi.window.center;
  presentation.windowWidth = display.voi.window.width;
  presentation.inverted = image::file_inverts(*image) != display.invert;
  presentation.quarterTurnsClockwise = view.transform().quarterTurnsClockwise();
  presentation.mirrored = view.transform().isMirrored();
  return presentation;
}

// The presentation state's anatomy layer: the analysis' boxes under the names the anatomy layer
// shows (the bundle's, which follow the anatomy in the pixels, not the image side).
QVector<report::AnatomyBox> anatomyBoxes(const ImageAnalysis* analysis) {
  QVector<report::AnatomyBox> boxes;
  if (!analysis) return boxes;
  for (const AnatomyResult& anatomy : analysis->analysis.anatomies)
    boxes.push_back({QString::fromStdString(anatomy.name),
                     QRectF(QPointF(anatomy.box.x1, anatomy.box.y1), QPointF(anatomy.box.x2, anatomy.box.y2)).normalized()});
  return boxes;
}

// The presentation state's question layer: every region drawn on the image; those the last
// Describe/Diagnose asked about (unmoved since) carry its question and answer.
QVector<report::QuestionRegion> questionRegions(const viewer::UserRegionLayer& layer, const AskPanel::RegionQuestion& asked) {
  QVector<report::QuestionRegion> regions;
  for (const viewer::OverlayItem& item : layer.regions()) {
    report::QuestionRegion region{item.rectPx, {}, {}};
    if (asked.regionsPx.contains(item.rectPx)) {
      region.question = asked.question;
      region.answer = asked.answer;
    }
    regions.push_back(region);
  }
  return regions;
}

}  // namespace
#endif

void MainWindow::createAiDocks(std::unique_ptr<EngineBackend> engine) {
  // The banner sits above the image: visible, but it never blocks the viewer.
  auto* central = new QWidget(this);
  central->setObjectName(QStringLiteral("centralArea"));
  m_aiBanner = new QLabel(central);
  m_aiBanner->setObjectName(QStringLiteral("aiBanner"));
  m_aiBanner->setWordWrap(true);
  m_aiBanner->setTextFormat(Qt::RichText);
  m_aiBanner->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #5c4400; border-bottom: 1px solid #e0c97a; "
                                           "padding: 6px 10px; }"));
  m_aiBanner->hide();
  connect(m_aiBanner, &QLabel::linkActivated, this, [this]() { showAiSettingsDialog(); });
  // Red, not the model banner's yellow: it is about this patient's image, not about the software.
  m_lateralityBanner = new QLabel(central);
  m_lateralityBanner->setObjectName(QStringLiteral("lateralityBanner"));
  m_lateralityBanner->setWordWrap(true);
  m_lateralityBanner->setTextFormat(Qt::PlainText);
  m_lateralityBanner->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c12; font-weight: bold; "
                                                   "border-bottom: 1px solid #e6a29b; padding: 6px 10px; }"));
  m_lateralityBanner->hide();
  // Grey-blue: the software declined to run, nothing is wrong with the patient's image.
  m_gateBanner = new QLabel(central);
  m_gateBanner->setObjectName(QStringLiteral("gateBanner"));
  m_gateBanner->setWordWrap(true);
  m_gateBanner->setTextFormat(Qt::RichText);
  m_gateBanner->setStyleSheet(QStringLiteral("QLabel { background: #263645; color: #e3edf5; border-bottom: 1px solid #4d6a85; "
                                             "padding: 6px 10px; } a { color: #9fd0ff; }"));
  m_gateBanner->hide();
  connect(m_gateBanner, &QLabel::linkActivated, this, [this]() { m_assistant->analyseDespiteGate(); });
  auto* centralLayout = new QVBoxLayout(central);
  centralLayout->setContentsMargins(0, 0, 0, 0);
  centralLayout->setSpacing(0);
  centralLayout->addWidget(m_aiBanner);
  centralLayout->addWidget(m_lateralityBanner);
  centralLayout->addWidget(m_gateBanner);
  centralLayout->addWidget(m_layout, 1);
  setCentralWidget(central);

  m_anatomy = new AnatomyPanel(m_overlayModel, this);
  m_findings = new FindingsPanel(m_overlayModel, this);
  m_ask = new AskPanel(m_overlayModel, this);
  m_flipCheck = new FlipCheckPanel(m_overlayModel, this);
  ReadingAssistant::Panels panels{m_anatomy, m_findings, m_ask, m_flipCheck};
  m_assistant = new ReadingAssistant(engine ? std::move(engine) : makeLibTorchEngineBackend(), m_regions, panels, this);
  connect(m_assistant, &ReadingAssistant::lateralityWarningChanged, this, [this](const QString& warning) {
    m_lateralityBanner->setText(warning);
    m_lateralityBanner->setVisible(!warning.isEmpty());
  });
  connect(m_assistant, &ReadingAssistant::gateMessageChanged, this, [this](const QString& message) {
    m_gateBanner->setText(message.isEmpty() ? QString()
                                            : message.toHtmlEscaped() + QStringLiteral(" <a href=\"analyse\">%1</a>")
                                                                            .arg(tr("Analyse this image anyway")));
    m_gateBanner->setVisible(!message.isEmpty());
  });
  m_cardiothoracic = new CardiothoracicRatioCallipers(m_measurements, m_findings, this);
  connect(m_assistant, &ReadingAssistant::analysisFinished, this, [this](bool ok) {
    const auto image = m_viewport->image();
    m_cardiothoracic->setAnalysis(ok ? m_assistant->analysis() : nullptr,
                                  image ? QString::fromStdString(image->instance.view_position) : QString());
  });

  auto makeDock = [this](QWidget* panel, const QString& title, const char* objectName) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(QString::fromLatin1(objectName));
    dock->setWidget(panel);
    m_aiDocks << dock;
    return dock;
  };
  QDockWidget* anatomyDock = makeDock(m_anatomy, tr("Anatomy"), "anatomyDock");
  QDockWidget* findingsDock = makeDock(m_findings, tr("AI Findings"), "findingsDock");
  QDockWidget* askDock = makeDock(m_ask, tr("Ask the Model"), "askDock");
  QDockWidget* flipDock = makeDock(m_flipCheck, tr("Flip Check"), "flipCheckDock");
  addDockWidget(Qt::RightDockWidgetArea, anatomyDock);
  tabifyDockWidget(anatomyDock, m_tagsDock);
  addDockWidget(Qt::RightDockWidgetArea, findingsDock);
  tabifyDockWidget(findingsDock, askDock);
  tabifyDockWidget(findingsDock, flipDock);
#ifdef ANATOMIX_WITH_REPORT
  auto* report = new report::ReportPanel(this);
  m_report = report;
  QDockWidget* reportDock = makeDock(report, tr("Report"), "reportDock");
  tabifyDockWidget(findingsDock, reportDock);
  connect(report, &report::ReportPanel::generateRequested, m_assistant, &ReadingAssistant::generateReport);
  connect(report, &report::ReportPanel::cancelRequested, m_assistant, &ReadingAssistant::stop);
  connect(m_assistant, &ReadingAssistant::reportText, report, &report::ReportPanel::appendGeneratedText);
  connect(m_assistant, &ReadingAssistant::reportFinished, report, [report]() { report->generationFinished(); });
  connect(m_assistant, &ReadingAssistant::reportStopped, report, [report](const QString& reason) {
    if (reason.isEmpty()) report->generationFinished();
    else report->generationFailed(reason);
  });
  // The key image (PDF, Secondary Capture): the viewport as shown, overlays included, refreshed after
  // AI, measurement and view changes; the presentation state's window and orientation with it.
  auto* keyImageTimer = new QTimer(this);
  keyImageTimer->setSingleShot(true);
  keyImageTimer->setInterval(200);
  connect(keyImageTimer, &QTimer::timeout, this, [this, report]() {
    report->setViewerPresentation(viewerPresentation(*m_viewport));
    if (m_viewport->image()) report->setKeyImages({m_viewport->grab().toImage()});
  });
  const auto restartKeyImageTimer = [keyImageTimer]() { keyImageTimer->start(); };
  connect(m_viewport, &viewer::ImageViewport::viewChanged, keyImageTimer, restartKeyImageTimer);
  connect(m_viewport, &viewer::ImageViewport::windowChanged, keyImageTimer, restartKeyImageTimer);
  connect(m_viewport, &viewer::ImageViewport::invertedChanged, keyImageTimer, restartKeyImageTimer);
  connect(m_findings, &FindingsPanel::findingsChanged, this, [this, report, keyImageTimer]() {
    report->setFindings(m_findings->findings());
    keyImageTimer->start();
  });
  // The reader's measurements are saved with the draft at every change (undo and redo included).
  connect(m_measurements, &viewer::MeasurementLayer::measurementsChanged, this, [this, report, keyImageTimer]() {
    if (m_measurementsFollowImageChange) return;
    report->setMeasurements(readerMeasurements(*m_measurements));
    keyImageTimer->start();
  });
  // The presentation state's anatomy and question layers follow the analysis, the drawn regions and
  // the answers about them.
  const auto updateImageOverlays = [this, report]() {
    report->setImageOverlays(anatomyBoxes(m_assistant->analysis().get()),
                             questionRegions(*m_regions, m_ask->lastRegionQuestion()));
  };
  connect(m_assistant, &ReadingAssistant::analysisFinished, report, updateImageOverlays);
  connect(m_assistant, &ReadingAssistant::askFinished, report, updateImageOverlays);
  connect(m_regions, &viewer::UserRegionLayer::regionsChanged, report, updateImageOverlays);
  connect(m_assistant, &ReadingAssistant::modelStateChanged, this, [this, report]() {
    // The results name the bundle that produced them (SR device observer, text/PDF footer).
    report::AlgorithmIdentity algorithm;
    algorithm.modelName = m_assistant->modelName();
    algorithm.modelVersion = m_assistant->modelVersion();
    algorithm.modelDescription = m_assistant->modelDescription();
    report->setAlgorithmIdentity(algorithm);
  });
#endif
  findingsDock->raise();
  anatomyDock->raise();
  resizeDocks({anatomyDock, findingsDock}, {330, 420}, Qt::Vertical);
}

void MainWindow::createAiActions() {
  auto aiAction = [this](const char* name, const QString& text, const QList<QKeySequence>& keys) {
    return makeAction(name, text, QString(), keys);
  };
  connect(aiAction("actionAnalyseImage", tr("&Analyse Image Again"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)}),
          &QAction::triggered, m_assistant, &ReadingAssistant::analyseAgain);
  connect(aiAction("actionGroundPhrase", tr("&Ground a Finding..."), {QKeySequence(Qt::CTRL | Qt::Key_G)}),
          &QAction::triggered, this, [this]() {
            m_findings->parentWidget()->show();
            if (auto* dock = qobject_cast<QDockWidget*>(m_findings->parentWidget())) dock->raise();
            m_findings->phraseEdit()->setFocus(Qt::ShortcutFocusReason);
            m_findings->phraseEdit()->selectAll();
          });
  connect(aiAction("actionDescribeRegions", tr("&Describe Regions"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D)}),
          &QAction::triggered, m_ask, &AskPanel::describeRegions);
  connect(aiAction("actionDiagnoseRegions", tr("Dia&gnose Regions"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G)}),
          &QAction::triggered, m_ask, &AskPanel::diagnoseRegions);
  connect(aiAction("actionAskQuestion", tr("Ask a &Question..."), {QKeySequence(Qt::CTRL | Qt::Key_K)}),
          &QAction::triggered, this, [this]() {
            if (auto* dock = qobject_cast<QDockWidget*>(m_ask->parentWidget())) {
              dock->show();
              dock->raise();
            }
            m_ask->questionEdit()->setFocus(Qt::ShortcutFocusReason);
          });
  connect(aiAction("actionFlipCheck", tr("&Flip Consistency Check"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)}),
          &QAction::triggered, this, [this]() {
            if (auto* dock = qobject_cast<QDockWidget*>(m_flipCheck->parentWidget())) {
              dock->show();
              dock->raise();
            }
            m_assistant->runFlipCheck();
          });
  QAction* stop = aiAction("actionStopAi", tr("&Stop the Model"), {QKeySequence(Qt::CTRL | Qt::Key_Period)});
  stop->setIcon(QIcon::fromTheme(QStringLiteral("process-stop"), QIcon(QStringLiteral(":/icons/actions/process-stop.svg"))));
  connect(stop, &QAction::triggered, m_assistant, &ReadingAssistant::stop);
  connect(aiAction("actionAiSettings", tr("AI &Model Settings..."), {}), &QAction::triggered, this,
          &MainWindow::showAiSettingsDialog);

  connect(m_assistant, &ReadingAssistant::modelStateChanged, this, [this]() { updateAiBanner(); });
  // A model chosen in AI > Model becomes the setting once it has loaded (the shipped one as "").
  connect(m_assistant, &ReadingAssistant::modelStateChanged, this, [this](ReadingAssistant::ModelState state) {
    if (state == ReadingAssistant::ModelState::Loading || m_chosenBundleDir.isEmpty()) return;
    if (state == ReadingAssistant::ModelState::Ready && m_assistant->bundleDir() == m_chosenBundleDir) {
      const QString shipped = QFileInfo(ReadingAssistant::shippedBundleDir()).canonicalFilePath();
      m_settings->setBundleDir(QFileInfo(m_chosenBundleDir).canonicalFilePath() == shipped ? QString() : m_chosenBundleDir);
      m_settings->sync();
    }
    m_chosenBundleDir.clear();
  });
  connect(m_assistant, &ReadingAssistant::statusMessage, this, [this](const QString& text, bool isError) {
    showMessage(text, isError);
  });
  auto updateAiActions = [this]() {
    const bool analysed = m_assistant->analysis() != nullptr;
    const bool idle = !m_assistant->isAsking() && !m_assistant->isFlipChecking();
    findChild<QAction*>(QStringLiteral("actionAnalyseImage"))
        ->setEnabled(m_viewport->image() != nullptr && m_assistant->modelState() == ReadingAssistant::ModelState::Ready);
    for (const char* name : {"actionGroundPhrase", "actionAskQuestion"})
      findChild<QAction*>(QString::fromLatin1(name))->setEnabled(analysed);
    for (const char* name : {"actionDescribeRegions", "actionDiagnoseRegions"})
      findChild<QAction*>(QString::fromLatin1(name))->setEnabled(analysed && idle && !m_regions->regions().isEmpty());
    findChild<QAction*>(QStringLiteral("actionFlipCheck"))->setEnabled(analysed && idle);
    findChild<QAction*>(QStringLiteral("actionStopAi"))->setEnabled(!idle);
  };
  for (auto signal : {&ReadingAssistant::analysisFinished, &ReadingAssistant::askFinished,
                      &ReadingAssistant::flipCheckFinished})
    connect(m_assistant, signal, this, updateAiActions);
  connect(m_assistant, &ReadingAssistant::activityChanged, this, updateAiActions);
  connect(m_assistant, &ReadingAssistant::modelStateChanged, this, updateAiActions);
  connect(m_regions, &viewer::UserRegionLayer::regionsChanged, this, updateAiActions);
  updateAiActions();
}

void MainWindow::createAiMenu() {
  auto act = [this](const char* name) { return findChild<QAction*>(QString::fromLatin1(name)); };
  QMenu* ai = menuBar()->addMenu(tr("&AI"));
  ai->setObjectName(QStringLiteral("aiMenu"));
  ai->addAction(act("actionAnalyseImage"));
  ai->addAction(act("actionGroundPhrase"));
  ai->addSeparator();
  ai->addAction(act("actionDescribeRegions"));
  ai->addAction(act("actionDiagnoseRegions"));
  ai->addAction(act("actionAskQuestion"));
  ai->addSeparator();
  ai->addAction(act("actionFlipCheck"));
#ifdef ANATOMIX_WITH_REPORT
  ai->addSeparator();
  QMenu* reportMenu = ai->addMenu(tr("&Report"));
  reportMenu->setObjectName(QStringLiteral("reportMenu"));  // createPacsDock() adds the sending to it
  reportMenu->addActions(static_cast<report::ReportPanel*>(m_report)->reportActions());
#endif
  ai->addSeparator();
  ai->addAction(act("actionStopAi"));
  ai->addSeparator();
  m_modelMenu = ai->addMenu(tr("Mod&el"));  // M is taken by "AI &Model Settings..."
  m_modelMenu->setObjectName(QStringLiteral("modelMenu"));
  m_modelMenu->setToolTipsVisible(true);
  // Bundles come and go (imported, copied, removed): the list is read each time the menu opens.
  connect(m_modelMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildModelMenu);
  rebuildModelMenu();
  ai->addAction(act("actionAiSettings"));
}

void MainWindow::rebuildModelMenu() {
  m_modelMenu->clear();
  auto* group = new QActionGroup(m_modelMenu);
  const QString inUse = QFileInfo(m_assistant->bundleDir()).canonicalFilePath();
  const auto menuText = [](QString text) { return text.replace(QLatin1Char('&'), QStringLiteral("&&")); };
  for (const QString& folder : ReadingAssistant::installedBundleDirs(m_settings->addedBundleDirs())) {
    const BundleSurvey survey = survey_bundle(folder.toStdString());
    const QString name = QString::fromStdString(survey.name);
    QAction* action = m_modelMenu->addAction(QString());
    action->setData(folder);
    if (!survey.usable()) {
      // Listed, not hidden: the reader sees which bundle is broken and why.
      QStringList problems;
      for (const std::string& problem : survey.problems) problems << QString::fromStdString(problem);
      action->setText(menuText(tr("%1 (cannot be used)").arg(name)));
      action->setToolTip(problems.join(QLatin1Char('\n')));
      connect(action, &QAction::triggered, this, [this, folder, problems]() {
        showMessage(tr("The AI model in %1 cannot be used: %2").arg(QDir::toNativeSeparators(folder), problems.join(QLatin1Char(' '))),
                    true);
      });
      continue;
    }
    const QString description = QString::fromStdString(survey.description);
    const QString version = QString::fromStdString(survey.version);
    const QString title = version.isEmpty() ? name : name + QLatin1Char(' ') + version;
    action->setText(menuText(description.isEmpty() ? title
                                                   : QStringLiteral("%1 \u2014 %2").arg(title, fontMetrics().elidedText(
                                                                                          description, Qt::ElideRight, 360))));
    action->setToolTip(description.isEmpty() ? QDir::toNativeSeparators(folder)
                                             : description + QLatin1Char('\n') + QDir::toNativeSeparators(folder));
    action->setCheckable(true);
    action->setChecked(!inUse.isEmpty() && QFileInfo(folder).canonicalFilePath() == inUse);
    group->addAction(action);
    connect(action, &QAction::triggered, this, [this, folder]() { chooseModel(folder); });
  }
  m_modelMenu->addSeparator();
  QAction* add = m_modelMenu->addAction(tr("&Add Model Folder..."));
  add->setObjectName(QStringLiteral("actionAddModelFolder"));
  add->setToolTip(tr("A folder holding a model bundle (config.json and its weight files), e.g. one written by "
                     "\"anatomix import\""));
  connect(add, &QAction::triggered, this, [this]() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Model Folder"), ReadingAssistant::userBundlesFolder());
    if (!folder.isEmpty()) addModelFolder(folder);
  });
}

void MainWindow::chooseModel(const QString& folder) {
  m_chosenBundleDir = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
  loadModel(m_chosenBundleDir);
}

void MainWindow::addModelFolder(const QString& folder) {
  m_settings->addBundleDir(folder);
  m_settings->sync();
  rebuildModelMenu();
  chooseModel(folder);
}

void MainWindow::createAiStatusWidgets() {
  m_aiProgress = new QProgressBar(this);
  m_aiProgress->setObjectName(QStringLiteral("aiProgress"));
  m_aiProgress->setMaximumWidth(200);
  m_aiProgress->setTextVisible(true);
  m_aiStopButton = new QToolButton(this);
  m_aiStopButton->setObjectName(QStringLiteral("aiStopButton"));
  m_aiStopButton->setDefaultAction(findChild<QAction*>(QStringLiteral("actionStopAi")));
  m_aiStopButton->setAutoRaise(true);
  // Before the loading progress: indexes 0 and 1 are the error button and the message label.
  statusBar()->insertPermanentWidget(2, m_aiProgress);
  statusBar()->insertPermanentWidget(3, m_aiStopButton);
  m_aiProgress->hide();
  m_aiStopButton->hide();
  connect(m_assistant, &ReadingAssistant::busyChanged, this, [this](bool busy) {
    m_aiProgress->setVisible(busy);
    m_aiStopButton->setVisible(busy);
    if (busy) {
      m_aiProgress->setRange(0, 0);
      m_aiProgress->setFormat(QString());
    }
  });
  connect(m_assistant, &ReadingAssistant::progress, this, [this](double fraction, const QString& text) {
    if (fraction < 0) {
      m_aiProgress->setRange(0, 0);
    } else {
      m_aiProgress->setRange(0, 100);
      m_aiProgress->setValue(qRound(fraction * 100));
    }
    m_aiProgress->setFormat(text.isEmpty() ? QStringLiteral("%p%") : text);
    m_aiProgress->setToolTip(text);
  });
}

void MainWindow::loadModelFromSettings() { loadModel(QString()); }

void MainWindow::loadModel(const QString& folder) {
  EngineLoadSettings settings;
  settings.bundleDir = folder.isEmpty() ? m_settings->bundleDir() : folder;
  settings.device = deviceFromName(m_settings->aiDevice());
  settings.threads = m_settings->aiThreads();
  m_assistant->loadModel(settings);
}

void MainWindow::updateAiBanner() {
  const bool unavailable = m_assistant->modelState() == ReadingAssistant::ModelState::Unavailable;
  if (unavailable)
    m_aiBanner->setText(m_assistant->modelProblem().toHtmlEscaped() + QStringLiteral(" <a href=\"settings\">%1</a>")
                                                                          .arg(tr("Model settings...").toHtmlEscaped()));
  m_aiBanner->setVisible(unavailable);
}

bool MainWindow::raisePanel(const QString& name) {
  QWidget* panel = nullptr;
  if (name == QLatin1String("anatomy")) panel = m_anatomy;
  else if (name == QLatin1String("findings")) panel = m_findings;
  else if (name == QLatin1String("ask")) panel = m_ask;
  else if (name == QLatin1String("flip")) panel = m_flipCheck;
  else if (name == QLatin1String("report")) panel = m_report;
  auto* dock = panel ? qobject_cast<QDockWidget*>(panel->parentWidget()) : nullptr;
  if (!dock) return false;
  dock->show();
  dock->raise();
  return true;
}

void MainWindow::askDescribeRegions() { m_ask->describeRegions(); }

QString MainWindow::aiBannerText() const { return m_aiBanner->isVisible() ? m_assistant->modelProblem() : QString(); }

QString MainWindow::lateralityBannerText() const {
  return m_lateralityBanner->isHidden() ? QString() : m_lateralityBanner->text();
}

void MainWindow::showAiSettingsDialog() {
  QDialog dialog(this);
  dialog.setObjectName(QStringLiteral("aiSettingsDialog"));
  dialog.setWindowTitle(tr("AI Model Settings"));
  auto* folder = new QLineEdit(m_settings->bundleDir(), &dialog);
  folder->setPlaceholderText(tr("The shipped demonstration model"));
  auto* browse = new QPushButton(tr("&Browse..."), &dialog);
  connect(browse, &QPushButton::clicked, &dialog, [&dialog, folder]() {
    const QString chosen = QFileDialog::getExistingDirectory(&dialog, tr("Model Folder"), folder->text());
    if (!chosen.isEmpty()) folder->setText(chosen);
  });
  auto* folderRow = new QHBoxLayout();
  folderRow->addWidget(folder, 1);
  folderRow->addWidget(browse);
  auto* device = new QComboBox(&dialog);
  device->addItem(tr("CPU"), QStringLiteral("cpu"));
  device->addItem(tr("CUDA GPU (when the engine was built with CUDA)"), QStringLiteral("cuda"));
  device->setCurrentIndex(m_settings->aiDevice() == QLatin1String("cuda") ? 1 : 0);
  auto* threads = new QSpinBox(&dialog);
  threads->setRange(0, 256);
  threads->setSpecialValueText(tr("Automatic"));
  threads->setValue(m_settings->aiThreads());
  auto* form = new QFormLayout();
  form->addRow(tr("Model &folder:"), folderRow);
  form->addRow(tr("&Device:"), device);
  form->addRow(tr("&Threads:"), threads);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addLayout(form);
  layout->addWidget(buttons);
  if (dialog.exec() != QDialog::Accepted) return;
  m_settings->setBundleDir(folder->text().trimmed());
  m_settings->setAiDevice(device->currentData().toString());
  m_settings->setAiThreads(threads->value());
  m_settings->sync();
  loadModelFromSettings();
}

QString MainWindow::gateBannerText() const {
  return m_gateBanner->isHidden() ? QString() : m_assistant->gateMessage();
}

void MainWindow::onImageShownForAi(const LoadedImage& loaded) {
  m_cardiothoracic->setAnalysis(nullptr, QString());
  m_assistant->setImage(loaded.image);
  updateReportStudy(loaded);
}

void MainWindow::updateReportStudy(const LoadedImage& loaded) {
#ifdef ANATOMIX_WITH_REPORT
  auto* report = static_cast<report::ReportPanel*>(m_report);
  if (!loaded.image) {
    report->closeStudy();
    m_measurementsFollowImageChange = false;
    return;
  }
  try {
    report->openStudy(report::studyIdentityForFile(loaded.path));
    // The analysis of the image shown before is gone; the regions drawn may stay.
    report->setImageOverlays(anatomyBoxes(m_assistant->analysis().get()),
                             questionRegions(*m_regions, m_ask->lastRegionQuestion()));
    // The layer was cleared for the new image: its saved measurements come back from the draft.
    restoreReaderMeasurements(*m_measurements, report::measurementsOfImage(report->draft().measurements,
                                                                           report::imageKey(report->draft().study)));
  } catch (const std::exception& error) {
    uiLogger()->warn("MainWindow::updateReportStudy: no report for {}: {}", loaded.path.toStdString(), error.what());
    report->closeStudy();
  }
  m_measurementsFollowImageChange = false;
#else
  Q_UNUSED(loaded);
  m_measurementsFollowImageChange = false;
#endif
}

}  // namespace anatomix::ui
