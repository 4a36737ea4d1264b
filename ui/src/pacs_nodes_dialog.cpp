#include "anatomix/ui/pacs_nodes_dialog.h"

#include <QCheckBox>
#include <QSignalBlocker>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "anatomix/network/pacs_client.h"
#include "anatomix/network/pacs_error.h"
#include "anatomix/ui/logging.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {

namespace {

QString describeNode(const network::PacsNode& node) { return QString::fromStdString(network::describe(node)); }

// The error text of a node that network::validate refuses; "" when it is valid.
QString nodeProblem(const network::PacsNode& node) {
  try {
    network::validate(node);
    return {};
  } catch (const network::PacsError& failure) {
    return QString::fromUtf8(failure.what());
  }
}

}  // namespace

PacsNodesDialog::PacsNodesDialog(std::vector<network::PacsNode> nodes, int chosen, QWidget* parent)
    : QDialog(parent),
      m_nodes(std::move(nodes)),
      m_chosen(chosen >= 0 && chosen < static_cast<int>(m_nodes.size()) ? chosen : (m_nodes.empty() ? -1 : 0)),
      m_list(new QListWidget(this)),
      m_name(new QLineEdit(this)),
      m_aeTitle(new QLineEdit(this)),
      m_host(new QLineEdit(this)),
      m_port(new QSpinBox(this)),
      m_tls(new QCheckBox(tr("Use TLS (DICOM over TLS)"), this)),
      m_trusted(new QLineEdit(this)),
      m_browseTrusted(new QPushButton(tr("Browse..."), this)),
      m_callingAeTitle(new QLineEdit(this)),
      m_storagePort(new QSpinBox(this)),
      m_add(new QPushButton(tr("&Add"), this)),
      m_remove(new QPushButton(tr("&Remove"), this)),
      m_use(new QPushButton(tr("&Use for Worklist"), this)),
      m_test(new QPushButton(tr("&Test Connection"), this)),
      m_echoResult(new QLabel(this)),
      m_problem(new QLabel(this)) {
  setObjectName(QStringLiteral("pacsNodesDialog"));
  setWindowTitle(tr("PACS Nodes"));
  m_list->setObjectName(QStringLiteral("pacsNodeList"));
  m_name->setObjectName(QStringLiteral("pacsNodeName"));
  m_aeTitle->setObjectName(QStringLiteral("pacsNodeAeTitle"));
  m_host->setObjectName(QStringLiteral("pacsNodeHost"));
  m_port->setObjectName(QStringLiteral("pacsNodePort"));
  m_tls->setObjectName(QStringLiteral("pacsNodeTls"));
  m_trusted->setObjectName(QStringLiteral("pacsNodeTrustedCertificates"));
  m_callingAeTitle->setObjectName(QStringLiteral("pacsNodeCallingAeTitle"));
  m_storagePort->setObjectName(QStringLiteral("pacsNodeStoragePort"));
  m_test->setObjectName(QStringLiteral("pacsNodeTestButton"));
  m_echoResult->setObjectName(QStringLiteral("pacsNodeEchoResult"));
  m_problem->setObjectName(QStringLiteral("pacsNodeProblem"));

  m_name->setPlaceholderText(tr("e.g. Radiology PACS"));
  m_aeTitle->setMaxLength(16);  // AE (PS3.5 6.2)
  m_callingAeTitle->setMaxLength(16);
  m_aeTitle->setToolTip(tr("The PACS' application entity title (called AE title)"));
  m_callingAeTitle->setToolTip(tr("The workstation's AE title, as the PACS knows it"));
  m_host->setToolTip(tr("Host name or IP address of the PACS"));
  for (QSpinBox* port : {m_port, m_storagePort}) port->setRange(1, 65535);
  m_storagePort->setToolTip(tr("Port of the workstation's storage service, where the PACS sends studies by C-MOVE"));
  m_trusted->setPlaceholderText(tr("PEM file of the PACS certificate or its CA"));
  m_echoResult->setWordWrap(true);
  m_echoResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_problem->setWordWrap(true);
  m_problem->setStyleSheet(QStringLiteral("color: #c62828"));

  auto* listButtons = new QHBoxLayout();
  listButtons->addWidget(m_add);
  listButtons->addWidget(m_remove);
  listButtons->addWidget(m_use);
  auto* left = new QVBoxLayout();
  left->addWidget(m_list, 1);
  left->addLayout(listButtons);

  auto* trustedRow = new QHBoxLayout();
  trustedRow->addWidget(m_trusted, 1);
  trustedRow->addWidget(m_browseTrusted);
  auto* form = new QFormLayout();
  form->addRow(tr("Name:"), m_name);
  form->addRow(tr("AE title:"), m_aeTitle);
  form->addRow(tr("Host:"), m_host);
  form->addRow(tr("Port:"), m_port);
  form->addRow(QString(), m_tls);
  form->addRow(tr("Trusted certificate:"), trustedRow);
  form->addRow(tr("Our AE title:"), m_callingAeTitle);
  form->addRow(tr("Our storage port:"), m_storagePort);
  auto* testRow = new QHBoxLayout();
  testRow->addWidget(m_test);
  testRow->addStretch(1);
  // Its own full-width row: an error of the network room is a sentence or two.
  m_echoResult->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  m_echoResult->setMinimumHeight(3 * m_echoResult->fontMetrics().lineSpacing());
  auto* right = new QVBoxLayout();
  right->addLayout(form);
  right->addLayout(testRow);
  right->addWidget(m_echoResult);
  right->addStretch(1);

  auto* columns = new QHBoxLayout();
  columns->addLayout(left, 1);
  columns->addLayout(right, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(columns, 1);
  layout->addWidget(m_problem);
  layout->addWidget(buttons);

  connect(buttons, &QDialogButtonBox::accepted, this, &PacsNodesDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &PacsNodesDialog::reject);
  connect(m_add, &QPushButton::clicked, this, &PacsNodesDialog::addNode);
  connect(m_remove, &QPushButton::clicked, this, &PacsNodesDialog::removeCurrentNode);
  connect(m_use, &QPushButton::clicked, this, &PacsNodesDialog::useCurrentNode);
  connect(m_test, &QPushButton::clicked, this, &PacsNodesDialog::testConnection);
  connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
    showNode(row);
    m_echoResult->clear();
  });
  for (QLineEdit* edit : {m_name, m_aeTitle, m_host, m_trusted, m_callingAeTitle})
    connect(edit, &QLineEdit::textChanged, this, &PacsNodesDialog::storeForm);
  for (QSpinBox* spin : {m_port, m_storagePort})
    connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, &PacsNodesDialog::storeForm);
  connect(m_tls, &QCheckBox::toggled, this, &PacsNodesDialog::storeForm);
  connect(m_browseTrusted, &QPushButton::clicked, this, [this]() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Trusted Certificate"), m_trusted->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!file.isEmpty()) m_trusted->setText(file);
  });
  connect(&m_echo, &QFutureWatcher<EchoOutcome>::finished, this, &PacsNodesDialog::onEchoFinished);

  refreshList();
  setCurrentNode(m_chosen >= 0 ? m_chosen : 0);
  resize(900, 420);
}

PacsNodesDialog::~PacsNodesDialog() { m_echo.waitForFinished(); }

int PacsNodesDialog::currentNode() const { return m_nodes.empty() ? -1 : m_list->currentRow(); }

void PacsNodesDialog::setCurrentNode(int index) {
  if (index >= 0 && index < static_cast<int>(m_nodes.size())) m_list->setCurrentRow(index);
  showNode(currentNode());
}

QString PacsNodesDialog::listText(int index) const {
  const network::PacsNode& node = m_nodes[static_cast<std::size_t>(index)];
  QString text = node.name.empty() ? describeNode(node)
                                   : QStringLiteral("%1 (%2)").arg(QString::fromStdString(node.name), describeNode(node));
  if (node.tls) text += tr(", TLS");
  if (index == m_chosen) text += tr(" - in use");
  return text;
}

void PacsNodesDialog::refreshList() {
  const QSignalBlocker block(m_list);
  const int row = m_list->currentRow();
  while (m_list->count() > static_cast<int>(m_nodes.size())) delete m_list->takeItem(m_list->count() - 1);
  while (m_list->count() < static_cast<int>(m_nodes.size())) m_list->addItem(QString());
  for (int i = 0; i < m_list->count(); ++i) {
    QListWidgetItem* item = m_list->item(i);
    item->setText(listText(i));
    QFont font = item->font();
    font.setBold(i == m_chosen);
    item->setFont(font);
  }
  m_list->setCurrentRow(std::min(row, m_list->count() - 1));
}

void PacsNodesDialog::showNode(int index) {
  m_showing = true;
  const bool has = index >= 0 && index < static_cast<int>(m_nodes.size());
  const network::PacsNode node = has ? m_nodes[static_cast<std::size_t>(index)] : network::PacsNode();
  m_name->setText(has ? QString::fromStdString(node.name) : QString());
  m_aeTitle->setText(has ? QString::fromStdString(node.called_ae_title) : QString());
  m_host->setText(has ? QString::fromStdString(node.host) : QString());
  m_port->setValue(node.port);
  m_tls->setChecked(node.tls);
  m_trusted->setText(QString::fromStdString(node.tls_trusted_certificates));
  m_callingAeTitle->setText(has ? QString::fromStdString(node.calling_ae_title) : QString());
  m_storagePort->setValue(node.storage_port);
  for (QWidget* field : std::initializer_list<QWidget*>{m_name, m_aeTitle, m_host, m_port, m_tls, m_callingAeTitle,
                                                        m_storagePort})
    field->setEnabled(has);
  m_showing = false;
  updateButtons();
}

void PacsNodesDialog::storeForm() {
  if (m_showing) return;
  const int index = currentNode();
  if (index < 0) return;
  network::PacsNode& node = m_nodes[static_cast<std::size_t>(index)];
  node.name = m_name->text().trimmed().toStdString();
  node.called_ae_title = m_aeTitle->text().trimmed().toStdString();
  node.host = m_host->text().trimmed().toStdString();
  node.port = m_port->value();
  node.tls = m_tls->isChecked();
  node.tls_trusted_certificates = m_trusted->text().trimmed().toStdString();
  node.calling_ae_title = m_callingAeTitle->text().trimmed().toStdString();
  node.storage_port = m_storagePort->value();
  m_list->item(index)->setText(listText(index));
  m_problem->clear();
  updateButtons();
}

void PacsNodesDialog::updateButtons() {
  const bool has = currentNode() >= 0;
  m_remove->setEnabled(has);
  m_use->setEnabled(has && currentNode() != m_chosen);
  m_test->setEnabled(has && !m_testing);
  m_trusted->setEnabled(has && m_tls->isChecked());
  m_browseTrusted->setEnabled(has && m_tls->isChecked());
}

void PacsNodesDialog::addNode() {
  network::PacsNode node;
  // Our side is usually the same for every PACS: the current node's, else the defaults.
  if (currentNode() >= 0) {
    node.calling_ae_title = m_nodes[static_cast<std::size_t>(currentNode())].calling_ae_title;
    node.storage_port = m_nodes[static_cast<std::size_t>(currentNode())].storage_port;
  }
  m_nodes.push_back(node);
  if (m_chosen < 0) m_chosen = static_cast<int>(m_nodes.size()) - 1;
  refreshList();
  setCurrentNode(static_cast<int>(m_nodes.size()) - 1);
  m_aeTitle->setFocus();
  m_aeTitle->selectAll();
}

void PacsNodesDialog::removeCurrentNode() {
  const int index = currentNode();
  if (index < 0) return;
  m_nodes.erase(m_nodes.begin() + index);
  if (m_chosen == index) m_chosen = m_nodes.empty() ? -1 : 0;
  else if (m_chosen > index) --m_chosen;
  refreshList();
  setCurrentNode(std::min(index, static_cast<int>(m_nodes.size()) - 1));
  m_echoResult->clear();
  m_problem->clear();
}

void PacsNodesDialog::useCurrentNode() {
  if (currentNode() < 0) return;
  m_chosen = currentNode();
  refreshList();
  updateButtons();
}

void PacsNodesDialog::testConnection() {
  const int index = currentNode();
  if (index < 0 || m_testing) return;
  const network::PacsNode node = m_nodes[static_cast<std::size_t>(index)];
  m_echoPeer = describeNode(node);
  const QString problem = nodeProblem(node);
  if (!problem.isEmpty()) {
    m_echoResult->setStyleSheet(QStringLiteral("color: #c62828"));
    m_echoResult->setText(tr("Not tested: %1").arg(problem));
    emit echoFinished(false, m_echoResult->text());
    return;
  }
  m_echoResult->setStyleSheet(QString());
  m_echoResult->setText(tr("Testing %1...").arg(m_echoPeer));
  m_testing = true;
  m_echo.setFuture(QtConcurrent::run([node]() {
    EchoOutcome outcome;
    QElapsedTimer clock;
    clock.start();
    try {
      network::PacsClient(node).echo();
      outcome.ok = true;
    } catch (const std::exception& failure) {
      outcome.error = QString::fromUtf8(failure.what());
    }
    outcome.milliseconds = clock.elapsed();
    return outcome;
  }));
  updateButtons();
}

void PacsNodesDialog::onEchoFinished() {
  const EchoOutcome outcome = m_echo.result();
  m_testing = false;
  uiLogger()->info("PacsNodesDialog: C-ECHO to {}: {} ({} ms)", m_echoPeer.toStdString(),
                   outcome.ok ? std::string("ok") : outcome.error.toStdString(), outcome.milliseconds);
  m_echoResult->setStyleSheet(outcome.ok ? QStringLiteral("color: #2e7d32") : QStringLiteral("color: #c62828"));
  m_echoResult->setText(outcome.ok ? tr("Connection OK: %1 answered the C-ECHO in %2 ms.")
                                         .arg(m_echoPeer)
                                         .arg(outcome.milliseconds)
                                   : tr("Connection failed: %1").arg(outcome.error));
  updateButtons();
  emit echoFinished(outcome.ok, m_echoResult->text());
}

QString PacsNodesDialog::echoResultText() const { return m_echoResult->text(); }

void PacsNodesDialog::accept() {
  for (int i = 0; i < static_cast<int>(m_nodes.size()); ++i) {
    const QString problem = nodeProblem(m_nodes[static_cast<std::size_t>(i)]);
    if (!problem.isEmpty()) {
      setCurrentNode(i);
      m_problem->setText(tr("Node %1: %2").arg(i + 1).arg(problem));
      return;
    }
  }
  QDialog::accept();
}

}  // namespace anatomix::ui
