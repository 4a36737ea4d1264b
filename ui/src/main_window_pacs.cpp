// The main window's PACS side: a worklist dock when a PACS node is set, and retrieving a study into
// the study cache (C-GET on a worker thread) before opening it like a folder.
#include <QDir>
#include <QDockWidget>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include "anatomix/network/pacs_client.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/worklist/worklist_panel.h"

namespace anatomix::ui {
namespace {

// The settings' node, or an error text when it is not usable.
bool pacsNodeFromSettings(const WorkstationSettings& settings, network::PacsNode* node, QString* error) {
  try {
    *node = network::parse_node(settings.pacsNode().toStdString());
    node->calling_ae_title = settings.pacsCallingAeTitle().toStdString();
    network::validate(*node);
    return true;
  } catch (const network::PacsError& failure) {
    *error = QString::fromUtf8(failure.what());
    return false;
  }
}

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
}

void MainWindow::retrieveStudy(const QString& studyUid, bool asPrior) {
  network::PacsNode node;
  QString error;
  if (!pacsNodeFromSettings(*m_settings, &node, &error)) {
    showMessage(tr("PACS settings: %1").arg(error), true);
    return;
  }
  const int id = asPrior ? ++m_priorRetrievalId : ++m_retrievalId;
  const QString cache = m_settings->studyCacheFolder();
  const std::string uid = studyUid.toStdString();
  showMessage(tr("Retrieving study from %1...").arg(QString::fromStdString(network::describe(node))), false);
  auto* watcher = new QFutureWatcher<QString>(this);
  // Runs on the pool: copies in, an error text out (empty on success); never touches the window.
  watcher->setFuture(QtConcurrent::run([node, cache, uid] {
    try {
      network::PacsClient(node).get(cache.toStdString(), uid);
      return QString();
    } catch (const std::exception& failure) {
      return QString::fromUtf8(failure.what());
    }
  }));
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, id, cache, studyUid, asPrior] {
    watcher->deleteLater();
    const QString failure = watcher->result();
    if (!failure.isEmpty()) {
      showMessage(failure, true);
      return;
    }
    if (id != (asPrior ? m_priorRetrievalId : m_retrievalId)) return;  // another study was asked for meanwhile
    if (asPrior)
      openInSecondViewport({QDir(cache).filePath(studyUid)});
    else
      openPaths({QDir(cache).filePath(studyUid)});
  });
}

}  // namespace anatomix::ui
