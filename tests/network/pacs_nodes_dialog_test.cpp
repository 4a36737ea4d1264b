// File > PACS Nodes... against a real Orthanc: Test Connection answers with the round-trip time for
// Orthanc and with the network room's clear error for a closed port and for a wrong AE title, within
// the node's timeouts and without blocking the dialog; a node that is not valid keeps OK from
// closing the dialog; the list edited in the dialog is saved and read back; the worklist and --pacs
// (which may name the node by its name) use the node in use (a window without a node gets its
// worklist when one is added). With
// ANATOMIX_UI_SCREENSHOT_DIR set, the dialog after a successful test is saved there.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "anatomix/ui/main_window.h"
#include "anatomix/ui/pacs_nodes_dialog.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/worklist/worklist_panel.h"
#include "orthanc_server.h"
#include "scripted_engine_backend.h"
#include "test_studies.h"

using anatomix::network::PacsNode;
using anatomix::ui::MainWindow;
using anatomix::ui::PacsNodesDialog;
using anatomix::ui::WorkstationSettings;
using anatomix::ui::testing::ScriptedEngineBackend;
namespace nt = anatomix::network::test;

class PacsNodesDialogTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<nt::OrthancServer> m_server;
  std::unique_ptr<nt::TestStudies> m_studies;

  PacsNode orthanc() const {
    PacsNode node = m_server->node();
    node.name = "Orthanc";
    return node;
  }
  static PacsNode closedPort() {
    PacsNode node;
    node.name = "Switched off";
    node.called_ae_title = "NOBODY";
    node.port = nt::free_loopback_port();
    node.connect_timeout_s = 3;
    node.acse_timeout_s = 3;
    return node;
  }

  // Clicks Test Connection on node `index`; the result text comes back in `text`. The dialog says it
  // is testing at once: the echo runs off the GUI thread.
  static bool testNode(PacsNodesDialog& dialog, int index, QString* text, qint64* milliseconds = nullptr) {
    dialog.setCurrentNode(index);
    QSignalSpy finished(&dialog, &PacsNodesDialog::echoFinished);
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    const bool immediate = finished.count() == 1;  // only a node refused before any network
    if (!immediate) {
      *text = dialog.echoResultText();
      if (!text->startsWith(QStringLiteral("Testing"))) return false;
      if (dialog.testButton()->isEnabled()) return false;  // no second test while one runs
      if (!finished.wait(60000)) return false;
    }
    if (milliseconds) *milliseconds = clock.elapsed();
    *text = finished.first().at(1).toString();
    return finished.first().at(0).toBool();
  }

  std::unique_ptr<MainWindow> makeWindow(const QString& ini) {
    auto settings = std::make_unique<WorkstationSettings>(ini);
    settings->setBundleDir(m_dir.filePath("bundle"));
    settings->setStudyCacheFolder(m_dir.filePath("cache"));
    settings->setPacsRetrieveMethod(QStringLiteral("get"));
    auto window = std::make_unique<MainWindow>(std::move(settings), std::make_unique<ScriptedEngineBackend>());
    window->resize(1200, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    return window;
  }

  // Searches the worklist: the number of studies found, or -1 when the search failed.
  static int searchWorklist(anatomix::worklist::WorklistPanel& worklist) {
    QSignalSpy found(&worklist, &anatomix::worklist::WorklistPanel::searchFinished);
    QSignalSpy failed(&worklist, &anatomix::worklist::WorklistPanel::searchFailed);
    worklist.search();
    if (!QTest::qWaitFor([&]() { return found.count() + failed.count() > 0; }, 60000)) return -2;
    return failed.count() > 0 ? -1 : found.first().at(0).toInt();
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("bundle")));  // the scripted model's "bundle"
    m_server = std::make_unique<nt::OrthancServer>(m_dir.filePath("orthanc").toStdString());
    m_studies = std::make_unique<nt::TestStudies>(nt::make_test_studies(m_dir.filePath("studies").toStdString()));
    nt::upload_with_storescu(m_server->node(), m_studies->all_files());
  }

  void testConnectionAnswersWithTheRoundTripTime() {
    PacsNodesDialog dialog({closedPort(), orthanc()}, 1);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.currentNode(), 1);  // opens on the node in use
    QString text;
    QVERIFY2(testNode(dialog, 1, &text), qPrintable(text));
    QVERIFY2(text.startsWith(QStringLiteral("Connection OK")), qPrintable(text));
    QVERIFY2(text.contains(QString::fromStdString(anatomix::network::describe(m_server->node()))), qPrintable(text));
    QVERIFY2(QRegularExpression(QStringLiteral("in \\d+ ms")).match(text).hasMatch(), qPrintable(text));
    QCOMPARE(dialog.echoResultText(), text);
    QVERIFY(dialog.testButton()->isEnabled());
    const QString shots = qEnvironmentVariable("ANATOMIX_UI_SCREENSHOT_DIR");
    if (!shots.isEmpty()) QVERIFY(dialog.grab().save(QDir(shots).filePath(QStringLiteral("pacs_nodes_dialog.png"))));
  }

  void aClosedPortIsAClearErrorWithinTheTimeout() {
    PacsNodesDialog dialog({closedPort(), orthanc()}, 1);
    dialog.show();
    QString text;
    qint64 milliseconds = 0;
    QVERIFY(!testNode(dialog, 0, &text, &milliseconds));
    QVERIFY2(text.startsWith(QStringLiteral("Connection failed")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("refused")), qPrintable(text));
    QVERIFY2(milliseconds < (3 + 3) * 1000, qPrintable(QString::number(milliseconds)));
    QVERIFY(dialog.testButton()->isEnabled());
  }

  void aWrongAeTitleIsAClearError() {
    PacsNode wrong = orthanc();
    wrong.called_ae_title = "NOT-ORTHANC";
    PacsNodesDialog dialog({wrong}, 0);
    dialog.show();
    QString text;
    qint64 milliseconds = 0;
    QVERIFY(!testNode(dialog, 0, &text, &milliseconds));
    QVERIFY2(text.contains(QStringLiteral("NOT-ORTHANC")), qPrintable(text));
    QVERIFY2(milliseconds < (wrong.connect_timeout_s + wrong.acse_timeout_s) * 1000, qPrintable(QString::number(milliseconds)));
  }

  void theFormEditsTheNodeAndOkRefusesAnInvalidOne() {
    PacsNodesDialog dialog({}, -1);
    dialog.show();
    QCOMPARE(dialog.currentNode(), -1);
    QVERIFY(!dialog.testButton()->isEnabled());
    dialog.addNode();
    QCOMPARE(dialog.currentNode(), 0);
    QCOMPARE(dialog.chosenNode(), 0);  // the first node is the one in use
    dialog.nameEdit()->clear();
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Test PACS"));
    dialog.aeTitleEdit()->clear();
    QTest::keyClicks(dialog.aeTitleEdit(), QStringLiteral("ORTHANC"));
    dialog.hostEdit()->setText(QStringLiteral("127.0.0.1"));
    dialog.portSpin()->setValue(m_server->port());
    dialog.callingAeTitleEdit()->setText(QStringLiteral("ANATOMIX"));
    dialog.storagePortSpin()->setValue(11120);
    QVERIFY(!dialog.trustedCertificatesEdit()->isEnabled());
    dialog.tlsCheck()->setChecked(true);
    QVERIFY(dialog.trustedCertificatesEdit()->isEnabled());
    std::vector<PacsNode> nodes = dialog.nodes();
    QCOMPARE(nodes.size(), std::size_t(1));
    QCOMPARE(nodes[0].name, std::string("Test PACS"));
    QCOMPARE(nodes[0].called_ae_title, std::string("ORTHANC"));
    QCOMPARE(nodes[0].port, m_server->port());
    QCOMPARE(nodes[0].storage_port, 11120);
    QVERIFY(nodes[0].tls);
    // TLS without a certificate to trust: not tested, and OK says why instead of closing.
    QString text;
    QVERIFY(!testNode(dialog, 0, &text));
    QVERIFY2(text.contains(QStringLiteral("TLS needs the PACS certificate")), qPrintable(text));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());
    dialog.tlsCheck()->setChecked(false);
    QVERIFY2(testNode(dialog, 0, &text), qPrintable(text));
    dialog.accept();
    QCOMPARE(accepted.count(), 1);
    // Removing the node in use leaves none in use.
    dialog.removeCurrentNode();
    QVERIFY(dialog.nodes().empty());
    QCOMPARE(dialog.chosenNode(), -1);
  }

  void theWorklistQueriesTheNodeInUseAndTheListIsSaved() {
    const QString ini = m_dir.filePath("nodes.ini");
    {
      // The settings of before the list: one node, which is down.
      WorkstationSettings settings(ini);
      settings.setPacsNode(QString::fromStdString(anatomix::network::describe(closedPort())));
    }
    auto window = makeWindow(ini);
    QVERIFY(window);
    QVERIFY(window->worklistPanel());
    QCOMPARE(searchWorklist(*window->worklistPanel()), -1);

    PacsNodesDialog* dialog = window->showPacsNodesDialog();
    QVERIFY(dialog);
    QCOMPARE(int(dialog->nodes().size()), 1);
    dialog->addNode();
    dialog->nameEdit()->setText(QStringLiteral("Orthanc"));
    dialog->aeTitleEdit()->setText(QStringLiteral("ORTHANC"));
    dialog->hostEdit()->setText(QStringLiteral("127.0.0.1"));
    dialog->portSpin()->setValue(m_server->port());
    dialog->callingAeTitleEdit()->setText(QStringLiteral("ANATOMIX"));
    dialog->useCurrentNode();
    QCOMPARE(dialog->chosenNode(), 1);
    dialog->accept();
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(searchWorklist(*window->worklistPanel()), 3);
    // Sending the results names the node now in use.
    if (auto* send = window->findChild<QAction*>(QStringLiteral("actionSendResultsToPacs")))
      QVERIFY2(send->toolTip().contains(QStringLiteral("ORTHANC@127.0.0.1:%1").arg(m_server->port())),
               qPrintable(send->toolTip()));
    window.reset();

    // Saved: a new window reads the list and queries the node in use.
    {
      WorkstationSettings reopened(ini);
      const auto nodes = reopened.pacsNodes();
      QCOMPARE(nodes.size(), std::size_t(2));
      QCOMPARE(nodes[1].name, std::string("Orthanc"));
      QCOMPARE(nodes[1].port, m_server->port());
      QCOMPARE(reopened.chosenPacsNode(), 1);
    }
    window = makeWindow(ini);
    QVERIFY(window && window->worklistPanel());
    QCOMPARE(searchWorklist(*window->worklistPanel()), 3);
    // --pacs names the node in use by its name; the other node of the list is not the one in use.
    window->openPacsStudy(QStringLiteral("Switched off"), QString::fromStdString(m_studies->current.accession));
    QVERIFY2(window->errorText().contains(QStringLiteral("Unknown PACS node")), qPrintable(window->errorText()));
    window->openPacsStudy(QStringLiteral("Orthanc"), QString::fromStdString(m_studies->current.accession));
    QTRY_VERIFY_WITH_TIMEOUT(window->currentImagePath().contains(QString::fromStdString(m_studies->current.study_uid)) &&
                                 !window->isLoading(),
                             60000);
  }

  void aWindowWithoutANodeGetsItsWorklistWhenOneIsAdded() {
    auto window = makeWindow(m_dir.filePath("no-node.ini"));
    QVERIFY(window);
    QVERIFY(window->worklistPanel() == nullptr);
    PacsNodesDialog* dialog = window->showPacsNodesDialog();
    dialog->addNode();
    dialog->aeTitleEdit()->setText(QStringLiteral("ORTHANC"));
    dialog->hostEdit()->setText(QStringLiteral("127.0.0.1"));
    dialog->portSpin()->setValue(m_server->port());
    dialog->callingAeTitleEdit()->setText(QStringLiteral("ANATOMIX"));
    dialog->accept();
    QVERIFY(window->worklistPanel());
    QCOMPARE(searchWorklist(*window->worklistPanel()), 3);
  }

  void cleanupTestCase() { m_server.reset(); }
};

QTEST_MAIN(PacsNodesDialogTest)
#include "pacs_nodes_dialog_test.moc"
