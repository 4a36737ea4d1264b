// The main window's PACS node list: File > PACS Nodes... edits the settings' nodes; the node in use
// then serves the worklist (its dock made when there was none), --pacs, Send Results and, with
// pacs/retrieveMethod "move", the storage SCP (restarted with our AE title and port of that node).
#include <QAction>
#include <QDockWidget>

#include "anatomix/network/pacs_error.h"
#include "anatomix/network/storage_server.h"
#include "anatomix/ui/logging.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/pacs_nodes_dialog.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/worklist/worklist_panel.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {

PacsNodesDialog* MainWindow::showPacsNodesDialog() {
  auto* dialog = new PacsNodesDialog(m_settings->pacsNodes(), m_settings->chosenPacsNode(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog]() {
    m_settings->setPacsNodes(dialog->nodes(), dialog->chosenNode());
    m_settings->sync();
    applyPacsNodeInUse();
  });
  dialog->open();
  return dialog;
}

void MainWindow::applyPacsNodeInUse() {
  if (m_settings->pacsNode().isEmpty()) {
    if (m_pacsDock) m_pacsDock->hide();
    m_storageServer.reset();
    return;
  }
  if (!m_worklist) {
    createPacsDock();  // also the storage SCP and the sending
    return;
  }
  network::PacsNode node;
  try {
    node = m_settings->pacsNodeInUse();
    network::validate(node);
  } catch (const network::PacsError& failure) {
    showMessage(tr("PACS settings: %1").arg(QString::fromUtf8(failure.what())), true);
    return;
  }
  m_worklist->setNode(node);
  if (auto* send = findChild<QAction*>(QStringLiteral("actionSendResultsToPacs"))) send->setToolTip(sendResultsToolTip(node));
  m_pacsDock->show();
  uiLogger()->info("MainWindow: PACS node in use: {}", network::describe(node));
  if (m_settings->pacsRetrieveMethod() == QLatin1String("move")) {
    m_storageServer.reset();  // frees the port before the new one listens
    startStorageServer(node);
  }
}

}  // namespace anatomix::ui
