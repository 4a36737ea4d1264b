// PacsNodesDialog: the PACS nodes the workstation knows (add, edit, remove) and which one the
// worklist, --pacs and Send Results use. Each node: a name, the PACS' AE title, host and port, TLS
// with the certificate to trust, our calling AE title and our storage SCP port (C-MOVE). Test
// Connection sends a C-ECHO (network::PacsClient::echo) to the node being edited on a worker
// thread and shows the round-trip time or the network room's error; the node's timeouts bound the
// wait, and the dialog stays responsive meanwhile. OK is refused while a node is not valid
// (network::validate), with the reason shown. GUI thread only.
#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <vector>

#include "anatomix/network/pacs_node.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace anatomix::ui {

class PacsNodesDialog : public QDialog {
  Q_OBJECT
 public:
  // `chosen`: the index of the node in use in `nodes` (-1: none).
  PacsNodesDialog(std::vector<network::PacsNode> nodes, int chosen, QWidget* parent = nullptr);
  ~PacsNodesDialog() override;  // waits for a running test (bounded by the node's timeouts)

  std::vector<network::PacsNode> nodes() const { return m_nodes; }
  int chosenNode() const { return m_chosen; }
  int currentNode() const;  // the node being edited; -1 when the list is empty
  void setCurrentNode(int index);

  void addNode();            // a new node with the defaults, made current
  void removeCurrentNode();
  void useCurrentNode();     // the current node becomes the one in use
  // C-ECHO to the current node as edited; echoFinished follows. Does nothing while one runs.
  void testConnection();
  bool isTesting() const { return m_testing; }
  QString echoResultText() const;

  // The form's fields, for tests and screenshots.
  QLineEdit* nameEdit() const { return m_name; }
  QLineEdit* aeTitleEdit() const { return m_aeTitle; }
  QLineEdit* hostEdit() const { return m_host; }
  QSpinBox* portSpin() const { return m_port; }
  QCheckBox* tlsCheck() const { return m_tls; }
  QLineEdit* trustedCertificatesEdit() const { return m_trusted; }
  QLineEdit* callingAeTitleEdit() const { return m_callingAeTitle; }
  QSpinBox* storagePortSpin() const { return m_storagePort; }
  QPushButton* testButton() const { return m_test; }

 public slots:
  void accept() override;

 signals:
  void echoFinished(bool ok, const QString& text);

 private:
  struct EchoOutcome {
    bool ok = false;
    qint64 milliseconds = 0;
    QString error;
  };

  void showNode(int index);    // the form shows m_nodes[index]
  void storeForm();            // the form into the current node
  void refreshList();
  QString listText(int index) const;
  void updateButtons();
  void onEchoFinished();

  std::vector<network::PacsNode> m_nodes;
  int m_chosen = -1;
  bool m_showing = false;  // the form is being filled: its change signals are not edits
  bool m_testing = false;  // from Test Connection until its result is shown
  QListWidget* m_list;
  QLineEdit* m_name;
  QLineEdit* m_aeTitle;
  QLineEdit* m_host;
  QSpinBox* m_port;
  QCheckBox* m_tls;
  QLineEdit* m_trusted;
  QPushButton* m_browseTrusted;
  QLineEdit* m_callingAeTitle;
  QSpinBox* m_storagePort;
  QPushButton* m_add;
  QPushButton* m_remove;
  QPushButton* m_use;
  QPushButton* m_test;
  QLabel* m_echoResult;
  QLabel* m_problem;
  QFutureWatcher<EchoOutcome> m_echo;
  QString m_echoPeer;  // the node the running test talks to
};

}  // namespace anatomix::ui
