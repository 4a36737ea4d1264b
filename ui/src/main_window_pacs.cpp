// The main window's PACS side: a worklist dock when a PACS node is set, retrieving a study into the
// study cache (C-GET, or C-MOVE to our own storage SCP, on a worker thread) and opening it as it
// arrives (first image at once, the others listed as they come, "n of N objects" and Cancel in the
// status bar), opening a study by accession number (the command line's --pacs/--study), keeping the
// cache under its size limit, and sending the reading's results (the SR, optionally the key image and
// the presentation state) to the PACS through the offline store queue.
#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFutureWatcher>
#include <QMenu>
#include <QPointer>
#include <QProgressBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "anatomix/image/non_image_object.h"
#include "anatomix/network/pacs_client.h"
#include "anatomix/network/storage_server.h"
#include "anatomix/network/store_queue.h"
#include "anatomix/network/study_cache.h"
#include "anatomix/ui/logging.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/worklist/worklist_panel.h"

#ifdef ANATOMIX_WITH_REPORT
#include "anatomix/report/report_export.h"
#include "anatomix/report/report_panel.h"
#endif

namespace anatomix::ui {

// One retrieval as the window shows it while it runs. GUI thread only, except `cancel`, which the
// worker reads.
struct LiveRetrieval {
  bool asPrior = false;
  QString peer;
  QString studyUid;    // empty until the C-FIND of an accession number found it
  std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
  int done = 0;        // objects received (C-GET) or sub-operations the PACS reports done (C-MOVE)
  int arrived = 0;     // objects written into the cache for this retrieval
  int total = -1;      // done + remaining as the PACS last reported them; -1 while unknown
  QStringList waiting; // arrived, not yet listed in the study browser
  int scanId = 0;      // the scan that lists arrived objects, while it runs
  bool shown = false;  // the first arrived object went to the viewport (the second one for a prior)
  bool running = true; // false once the worker returned or the user cancelled
  bool cancelled = false;
};

namespace {

// The settings' node, or an error text when it is not usable.
bool pacsNodeFromSettings(const WorkstationSettings& settings, network::PacsNode* node, QString* error) {
  try {
    *node = settings.pacsNodeInUse();
    network::validate(*node);
    return true;
  } catch (const network::PacsError& failure) {
    *error = QString::fromUtf8(failure.what());
    return false;
  }
}

QString describeNode(const network::PacsNode& node) { return QString::fromStdString(network::describe(node)); }

// Whether `requested` names `node`: its name, its AE title, or AET@host:port with the same three values.
bool namesNode(const QString& requested, const network::PacsNode& node) {
  const std::string text = requested.trimmed().toStdString();
  if (text == node.called_ae_title || (!node.name.empty() && text == node.name)) return true;
  try {
    const network::PacsNode parsed = network::parse_node(text);
    return parsed.called_ae_title == node.called_ae_title && parsed.port == node.port &&
           QString::fromStdString(parsed.host).compare(QString::fromStdString(node.host), Qt::CaseInsensitive) == 0;
  } catch (const network::PacsError&) {
    return false;
  }
}

struct RetrievalRequest {
  network::PacsNode node;
  // Called on the worker: the study's UID once known, and after each object or pending response.
  std::function<void(const std::string&)> studyFound;
  std::function<void(const network::RetrieveProgress&)> progress;
  std::shared_ptr<std::atomic<bool>> cancel;
  bool move = false;                 // C-MOVE to our storage SCP (listening) instead of C-GET
  std::string cacheFolder;
  std::uintmax_t cacheLimitBytes = 0;  // 0: no limit
  std::vector<std::string> keep;     // studies on screen: never evicted
  std::string studyUid;              // empty: find the study by `accession` first
  std::string accession;
};

struct RetrievalOutcome {
  QString studyUid;
  QString error;          // empty on success
  int accessionMatches = -1;  // with an accession: how many studies carry it (the error when not 1)
};

// Runs on the pool: copies in, the retrieved study or an error out; never touches the window.
RetrievalOutcome retrieve(RetrievalRequest request) {
  RetrievalOutcome outcome;
  try {
    const network::PacsClient client(request.node);
    std::string uid = request.studyUid;
    if (uid.empty()) {
      network::StudyQuery query;
      query.accession = request.accession;
      query.limit = 2;  // enough to tell "one" from "several"
      const auto found = client.find_studies(query);
      outcome.accessionMatches = static_cast<int>(found.matches.size());
      if (found.matches.size() != 1) return outcome;
      uid = found.matches.front().study_uid;
    }
    request.studyFound(uid);
    if (request.move)  // our StorageServer writes the objects into the same cache layout
      client.move(uid, {}, {}, {}, request.cancel.get(), request.progress);
    else
      client.get(request.cacheFolder, uid, {}, {}, request.progress, request.cancel.get());
    network::StudyCache cache(request.cacheFolder);
    cache.touch(uid);
    if (request.cacheLimitBytes > 0) {
      request.keep.push_back(uid);
      cache.evict(request.cacheLimitBytes, request.keep);
    }
    outcome.studyUid = QString::fromStdString(uid);
  } catch (const std::exception& failure) {
    outcome.error = QString::fromUtf8(failure.what());
  }
  return outcome;
}

// The Study Instance UID of a cached file (<cache>/<study>/<object>), "" for a file elsewhere.
std::string cachedStudyOf(const QString& cacheFolder, const QString& path) {
  if (path.isEmpty()) return {};
  const QString relative = QDir(cacheFolder).relativeFilePath(path);
  if (relative.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(relative)) return {};
  return relative.section(QLatin1Char('/'), 0, 0).toStdString();
}

#ifdef ANATOMIX_WITH_REPORT
struct SendRequest {
  network::PacsNode node;
  std::string queueFolder;
  QVector<report::ExportFormat> formats;
  report::ReportDraft draft;
  QVector<QImage> keyImages;
  report::ExportOptions options;
};

struct SendOutcome {
  int sent = 0;
  int waiting = 0;  // in the queue for the next sending (the PACS could not be reached)
  int refused = 0;  // set aside in the queue's failed/ folder
  QString error;    // empty when everything went
};

// Runs on the pool: every object is written first, so that a refused export queues none of them;
// then the queue (with whatever earlier sendings left in it) goes to the PACS.
SendOutcome sendResults(const SendRequest& request) {
  SendOutcome outcome;
  try {
    QTemporaryDir scratch;
    if (!scratch.isValid()) throw std::runtime_error("no temporary folder for the result objects");
    QStringList written;
    for (const report::ExportFormat format : request.formats) {
      written << scratch.filePath(QStringLiteral("result-%1.dcm").arg(written.size() + 1));
      report::exportReport(format, written.last(), request.draft, request.keyImages, request.options);
    }
    network::StoreQueue queue(request.queueFolder);
    for (const QString& path : written) queue.enqueue(path.toStdString());
    const network::FlushResult result = queue.flush(network::PacsClient(request.node));
    outcome.sent = result.n_sent;
    outcome.waiting = result.n_remaining;
    outcome.refused = result.n_refused;
    outcome.error = QString::fromStdString(result.last_error);
  } catch (const std::exception& failure) {
    outcome.error = QString::fromUtf8(failure.what());
  }
  return outcome;
}
#endif

}  // namespace

void MainWindow::createPacsDock() {
  if (m_settings->pacsNode().isEmpty()) return;
  network::PacsNode node;
  QString error;
  if (!pacsNodeFromSettings(*m_settings, &node, &error)) {
    showMessage(tr("PACS settings: %1").arg(error), true);
    return;
  }
  m_worklist = new worklist::WorklistPanel(this);
  m_worklist->setObjectName(QStringLiteral("worklistPanel"));
  m_worklist->setNode(node);
  m_pacsDock = new QDockWidget(tr("PACS Worklist"), this);
  m_pacsDock->setObjectName(QStringLiteral("pacsDock"));
  m_pacsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  m_pacsDock->setWidget(m_worklist);
  addDockWidget(Qt::BottomDockWidgetArea, m_pacsDock);
  connect(m_worklist, &worklist::WorklistPanel::studyActivated, this,
          [this](const QString& studyUid, const QStringList& priorStudyUids) {
            m_priorStudyUids = priorStudyUids;  // for Compare with Prior
            retrieveStudy(studyUid);
          });
  createRetrievalProgress();
  if (m_settings->pacsRetrieveMethod() == QLatin1String("move")) startStorageServer(node);
  createSendResultsActions(node);
}

void MainWindow::createRetrievalProgress() {
  m_retrievalProgress = new QProgressBar(this);
  m_retrievalProgress->setObjectName(QStringLiteral("retrievalProgress"));
  m_retrievalProgress->setMaximumWidth(220);
  m_retrievalProgress->setTextVisible(true);
  m_retrievalCancelButton = new QToolButton(this);
  m_retrievalCancelButton->setObjectName(QStringLiteral("cancelRetrievalButton"));
  m_retrievalCancelButton->setText(tr("Cancel Retrieval"));
  m_retrievalCancelButton->setToolTip(tr("Stop retrieving the study; the images received so far stay open"));
  m_retrievalCancelButton->setAutoRaise(true);
  connect(m_retrievalCancelButton, &QToolButton::clicked, this, &MainWindow::cancelRetrieval);
  statusBar()->addPermanentWidget(m_retrievalProgress);
  statusBar()->addPermanentWidget(m_retrievalCancelButton);
  m_retrievalProgress->setVisible(false);
  m_retrievalCancelButton->setVisible(false);
  // Posted: runs after onScanFinished has put the arrived objects into the study browser.
  connect(m_loader, &StudyLoader::scanFinished, this, [this](int scanId) {
    QMetaObject::invokeMethod(this, [this, scanId] { onArrivedObjectsListed(scanId); }, Qt::QueuedConnection);
  });
}

QString MainWindow::sendResultsToolTip(const network::PacsNode& node) const {
  return tr("The DICOM SR and the chosen result objects to %1 (kept in a queue while it cannot be reached)")
      .arg(describeNode(node));
}

void MainWindow::createSendResultsActions(const network::PacsNode& node) {
#ifdef ANATOMIX_WITH_REPORT
  auto* send = new QAction(tr("Se&nd Results to PACS"), this);
  send->setObjectName(QStringLiteral("actionSendResultsToPacs"));
  send->setToolTip(sendResultsToolTip(node));
  auto* keyImage = new QAction(tr("Send &with Key Image (SC)"), this);
  keyImage->setObjectName(QStringLiteral("actionSendWithKeyImage"));
  auto* presentationState = new QAction(tr("Send w&ith Presentation State (GSPS)"), this);
  presentationState->setObjectName(QStringLiteral("actionSendWithPresentationState"));
  for (QAction* option : {keyImage, presentationState}) {
    option->setCheckable(true);
    option->setChecked(true);
  }
  connect(send, &QAction::triggered, this, &MainWindow::sendResultsToPacs);
  if (auto* menu = findChild<QMenu*>(QStringLiteral("reportMenu"))) {
    menu->addSeparator();
    menu->addActions({send, keyImage, presentationState});
  }
#else
  Q_UNUSED(node);
#endif
}

void MainWindow::sendResultsToPacs() {
#ifdef ANATOMIX_WITH_REPORT
  auto* panel = static_cast<report::ReportPanel*>(m_report);
  if (!panel || !panel->hasStudy() || !panel->draft().study.isDicom()) {
    showMessage(tr("Open a DICOM image before sending results to the PACS."), true);
    return;
  }
  SendRequest request;
  QString error;
  if (!pacsNodeFromSettings(*m_settings, &request.node, &error)) {
    showMessage(tr("PACS settings: %1").arg(error), true);
    return;
  }
  // One queue per destination, kept across sessions (network::StoreQueue).
  request.queueFolder = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                            .filePath(QStringLiteral("store-queue/") + QString::fromStdString(request.node.called_ae_title))
                            .toStdString();
  request.formats = {report::ExportFormat::DicomSr};
  if (findChild<QAction*>(QStringLiteral("actionSendWithKeyImage"))->isChecked())
    request.formats << report::ExportFormat::KeyImage;
  if (findChild<QAction*>(QStringLiteral("actionSendWithPresentationState"))->isChecked())
    request.formats << report::ExportFormat::PresentationState;
  request.draft = panel->draft();
  request.keyImages = panel->keyImages();
  request.options = panel->exportOptions();
  const QString destination = describeNode(request.node);
  showMessage(tr("Sending the results to %1...").arg(destination), false);
  auto* watcher = new QFutureWatcher<SendOutcome>(this);
  connect(watcher, &QFutureWatcher<SendOutcome>::finished, this, [this, watcher, destination]() {
    const SendOutcome outcome = watcher->result();
    watcher->deleteLater();
    if (outcome.error.isEmpty()) {
      showMessage(tr("%1 result objects sent to %2.").arg(outcome.sent).arg(destination), false);
    } else {
      showMessage(tr("Sending the results to %1: %2 sent, %3 waiting in the queue, %4 refused: %5")
                      .arg(destination)
                      .arg(outcome.sent)
                      .arg(outcome.waiting)
                      .arg(outcome.refused)
                      .arg(outcome.error),
                  true);
    }
  });
  watcher->setFuture(QtConcurrent::run(sendResults, std::move(request)));
#endif
}

void MainWindow::startStorageServer(const network::PacsNode& node) {
  network::StorageServer::Options options;
  options.ae_title = node.calling_ae_title;
  options.port = m_settings->pacsStoragePort();
  options.cache_dir = m_settings->studyCacheFolder().toStdString();
  options.acse_timeout_s = node.acse_timeout_s;
  options.dimse_timeout_s = node.dimse_timeout_s;
  // Runs on the server's thread; the window may be gone by the time the call arrives.
  QPointer<MainWindow> window(this);
  const auto stored = [window](const network::ReceivedObject& object) {
    const QString path = QString::fromStdString(object.path);
    const bool isImage = !image::is_non_image_sop_class(object.sop_class_uid);
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [window, path, isImage] { if (window) window->objectStored(path, isImage); },
        Qt::QueuedConnection);
  };
  try {
    m_storageServer = std::make_unique<network::StorageServer>(options, stored);
  } catch (const std::exception& failure) {
    // e.g. the port is taken by another program: the worklist works on, retrievals say why they cannot.
    showMessage(tr("The DICOM storage service (C-MOVE destination) could not start on port %1: %2")
                    .arg(options.port)
                    .arg(QString::fromUtf8(failure.what())),
                true);
  }
}

void MainWindow::retrieveStudy(const QString& studyUid, bool asPrior) { startRetrieval(studyUid, QString(), asPrior); }

void MainWindow::openPacsStudy(const QString& nodeName, const QString& accession) {
  if (m_settings->pacsNode().isEmpty()) {
    failRetrieval(tr("Cannot open accession number %1 from %2: no PACS node is set in the settings (pacs/node).")
                      .arg(accession, nodeName));
    return;
  }
  network::PacsNode node;
  QString error;
  if (!pacsNodeFromSettings(*m_settings, &node, &error)) {
    failRetrieval(tr("PACS settings: %1").arg(error));
    return;
  }
  if (!namesNode(nodeName, node)) {
    failRetrieval(tr("Unknown PACS node %1: the configured node is %2.").arg(nodeName, describeNode(node)));
    return;
  }
  const QString number = accession.trimmed();
  if (number.isEmpty() || number.contains(QLatin1Char('*')) || number.contains(QLatin1Char('?'))) {
    // A wildcard would match several studies (PS3.4 C.2.2.2.4); one study is asked for.
    failRetrieval(tr("'%1' is not an accession number (wildcards are not allowed).").arg(accession));
    return;
  }
  startRetrieval(QString(), number, false);
}

void MainWindow::failRetrieval(const QString& text) {
  ++m_loadErrorCount;  // --screenshot exits with kScreenshotLoadErrors
  showMessage(text, true);
  finishIfIdle();
}

void MainWindow::startRetrieval(const QString& studyUid, const QString& accession, bool asPrior) {
  RetrievalRequest request;
  QString error;
  if (!pacsNodeFromSettings(*m_settings, &request.node, &error)) {
    failRetrieval(tr("PACS settings: %1").arg(error));
    return;
  }
  request.move = m_settings->pacsRetrieveMethod() == QLatin1String("move");
  if (request.move && !m_storageServer) {
    failRetrieval(tr("Cannot retrieve by C-MOVE: the DICOM storage service is not running on port %1.")
                      .arg(m_settings->pacsStoragePort()));
    return;
  }
  const QString cache = m_settings->studyCacheFolder();
  request.cacheFolder = cache.toStdString();
  request.cacheLimitBytes = static_cast<std::uintmax_t>(m_settings->studyCacheLimitMB() * 1024.0 * 1024.0);
  for (const QString& shown : {m_currentPath, m_secondPath}) {
    const std::string uid = cachedStudyOf(cache, shown);
    if (!uid.empty()) request.keep.push_back(uid);
  }
  request.studyUid = studyUid.toStdString();
  request.accession = accession.toStdString();

  const QString peer = describeNode(request.node);
  auto live = std::make_shared<LiveRetrieval>();
  live->asPrior = asPrior;
  live->peer = peer;
  live->studyUid = studyUid;
  // An older retrieval goes on into the cache but is no longer shown.
  (asPrior ? m_livePriorRetrieval : m_liveRetrieval) = live;
  // The worker's reports come queued to the GUI thread; the window may be gone by then.
  QPointer<MainWindow> window(this);
  request.cancel = live->cancel;
  request.studyFound = [window, live](const std::string& uid) {
    const QString found = QString::fromStdString(uid);
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [window, live, found] { if (window) live->studyUid = found; }, Qt::QueuedConnection);
  };
  request.progress = [window, live](const network::RetrieveProgress& progress) {
    const QString path = QString::fromStdString(progress.last_file);
    const int done = progress.n_received;
    const int remaining = progress.n_remaining;
    // An SR or a presentation state is counted but not listed.
    const bool isImage = !progress.last_file.empty() && !image::is_non_image_sop_class(progress.last_sop_class_uid);
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [window, live, done, remaining, path, isImage] {
          if (window) window->retrievalProgressed(live, done, remaining, path, isImage);
        },
        Qt::QueuedConnection);
  };

  const int id = asPrior ? ++m_priorRetrievalId : ++m_retrievalId;
  ++m_retrievalsInFlight;
  showMessage(tr("Retrieving study from %1...").arg(peer), false);
  updateRetrievalProgress();
  updateActionStates();
  auto* watcher = new QFutureWatcher<RetrievalOutcome>(this);
  // A window that closes stops its retrievals (the watcher, a child, is still there when destroyed() comes).
  connect(this, &QObject::destroyed, watcher, [cancel = live->cancel] { *cancel = true; });
  watcher->setFuture(QtConcurrent::run(retrieve, std::move(request)));
  connect(watcher, &QFutureWatcher<RetrievalOutcome>::finished, this,
          [this, watcher, id, cache, peer, accession, asPrior, live] {
            watcher->deleteLater();
            const RetrievalOutcome outcome = watcher->result();
            if (live->cancelled) return;  // cancelRetrieval() has told the user and counted it done
            live->running = false;
            --m_retrievalsInFlight;
            updateRetrievalProgress();
            if (!outcome.error.isEmpty()) {
              if (live->arrived > 0) {
                // The peer stopped mid-transfer: what arrived stays open (and is still being listed).
                failRetrieval(live->total > 0
                                  ? tr("The retrieval from %1 stopped after %2 of %3 objects; the images received "
                                       "are open. %4")
                                        .arg(peer)
                                        .arg(live->arrived)
                                        .arg(live->total)
                                        .arg(outcome.error)
                                  : tr("The retrieval from %1 stopped after %n object(s); the images received are "
                                       "open. %2",
                                       nullptr, live->arrived)
                                        .arg(peer, outcome.error));
                return;
              }
              failRetrieval(accession.isEmpty() ? outcome.error
                                                : tr("Cannot open accession number %1: %2").arg(accession, outcome.error));
              return;
            }
            if (outcome.accessionMatches == 0) {
              failRetrieval(tr("%1 has no study with accession number %2.").arg(peer, accession));
              return;
            }
            if (outcome.accessionMatches > 1) {
              failRetrieval(tr("%1 has several studies with accession number %2; open the one meant from the PACS "
                               "worklist.")
                                .arg(peer, accession));
              return;
            }
            // Another study was asked for meanwhile: this one stays in the cache, unopened.
            if (id != (asPrior ? m_priorRetrievalId : m_retrievalId)) {
              finishIfIdle();
              return;
            }
            if (live->arrived > 0) {
              // Opened as it arrived; the last objects may still be being listed.
              showMessage(tr("Retrieved %n object(s) from %1.", nullptr, live->arrived).arg(peer), false);
              finishIfIdle();
              return;
            }
            // Nothing came through the progress reports (e.g. an empty study): open the folder as it is.
            const QString folder = QDir(cache).filePath(outcome.studyUid);
            if (asPrior)
              openInSecondViewport({folder});
            else
              openPaths({folder});
            finishIfIdle();
          });
}

void MainWindow::retrievalProgressed(const std::shared_ptr<LiveRetrieval>& retrieval, int done, int remaining,
                                     const QString& path, bool isImage) {
  if (retrieval->cancelled) return;
  retrieval->done = std::max(retrieval->done, done);
  if (remaining >= 0) retrieval->total = done + remaining;
  if (!path.isEmpty()) {
    ++retrieval->arrived;
    if (isImage) retrieval->waiting << path;
    listArrivedObjects(retrieval);
  }
  updateRetrievalProgress();
}

void MainWindow::objectStored(const QString& path, bool isImage) {
  const std::string study = cachedStudyOf(m_settings->studyCacheFolder(), path);
  for (const auto& retrieval : {m_liveRetrieval, m_livePriorRetrieval}) {
    if (!retrieval || !retrieval->running || retrieval->studyUid.isEmpty() ||
        retrieval->studyUid.toStdString() != study)
      continue;
    ++retrieval->arrived;
    if (isImage) retrieval->waiting << path;
    listArrivedObjects(retrieval);
    updateRetrievalProgress();
    return;
  }
}

void MainWindow::listArrivedObjects(const std::shared_ptr<LiveRetrieval>& retrieval) {
  // One scan at a time per retrieval: what arrives meanwhile waits and goes in the next one.
  if (retrieval != m_liveRetrieval && retrieval != m_livePriorRetrieval) {  // superseded: stays in the cache
    retrieval->waiting.clear();
    return;
  }
  if (retrieval->scanId != 0 || retrieval->waiting.isEmpty() || retrieval->cancelled) return;
  const QStringList paths = retrieval->waiting;
  retrieval->waiting.clear();
  ++m_pendingScans;
  retrieval->scanId = m_loader->scan(paths);
  if (!retrieval->shown) {
    // The first object is shown as soon as it is listed (onScanFinished shows the latest open's).
    retrieval->shown = true;
    if (retrieval->asPrior) {
      m_secondScanId = retrieval->scanId;
      m_secondScanPaths = paths;
      setSideBySide(true);
    } else {
      m_pendingScanId = retrieval->scanId;
      m_pendingScanPaths = paths;
    }
  }
  updateActionStates();
}

void MainWindow::onArrivedObjectsListed(int scanId) {
  for (const auto& retrieval : {m_liveRetrieval, m_livePriorRetrieval}) {
    if (!retrieval || retrieval->scanId != scanId) continue;
    retrieval->scanId = 0;
    // Thumbnails for the newly listed images of the shown study.
    if (!m_currentPath.isEmpty()) requestThumbnails(m_currentPath);
    listArrivedObjects(retrieval);
    updateActionStates();
  }
}

void MainWindow::updateRetrievalProgress() {
  if (!m_retrievalProgress) return;
  std::shared_ptr<LiveRetrieval> shown;
  for (const auto& retrieval : {m_liveRetrieval, m_livePriorRetrieval})
    if (retrieval && retrieval->running) {
      shown = retrieval;
      break;
    }
  m_retrievalProgress->setVisible(shown != nullptr);
  m_retrievalCancelButton->setVisible(shown != nullptr);
  if (!shown) return;
  const int done = std::max(shown->done, shown->arrived);
  if (shown->total > 0) {
    m_retrievalProgress->setRange(0, shown->total);
    m_retrievalProgress->setValue(std::min(done, shown->total));
    m_retrievalProgress->setFormat(tr("%1 of %2 objects").arg(done).arg(shown->total));
  } else {
    m_retrievalProgress->setRange(0, 0);  // busy until the PACS tells how many
    m_retrievalProgress->setValue(0);
    m_retrievalProgress->setFormat(tr("%n object(s)", nullptr, done));
  }
  m_retrievalProgress->setToolTip(tr("Retrieving from %1: %2").arg(shown->peer, m_retrievalProgress->format()));
}

void MainWindow::cancelRetrieval() {
  bool any = false;
  for (const auto& retrieval : {m_liveRetrieval, m_livePriorRetrieval}) {
    if (!retrieval || !retrieval->running) continue;
    // The worker sees the flag at the PACS's next message and aborts (C-GET) or sends a C-CANCEL
    // (C-MOVE); the window does not wait for that.
    *retrieval->cancel = true;
    retrieval->cancelled = true;
    retrieval->running = false;
    retrieval->waiting.clear();
    --m_retrievalsInFlight;
    any = true;
    const QString received = retrieval->total > 0
                                 ? tr("%1 of %2 objects").arg(retrieval->arrived).arg(retrieval->total)
                                 : tr("%n object(s)", nullptr, retrieval->arrived);
    showMessage(retrieval->arrived > 0
                    ? tr("Retrieval from %1 cancelled after %2; the images received stay open.").arg(retrieval->peer, received)
                    : tr("Retrieval from %1 cancelled before any image arrived.").arg(retrieval->peer),
                false);
  }
  if (!any) return;
  updateRetrievalProgress();
  finishIfIdle();
}

}  // namespace anatomix::ui
