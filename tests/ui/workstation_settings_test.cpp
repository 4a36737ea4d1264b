// Settings round trips: typed accessors through an INI file, the recent-files list rules, and
// the main window's geometry and dock layout restored by a second window.
#include <QDockWidget>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/ui/main_window.h"
#include "anatomix/ui/workstation_settings.h"

using anatomix::ui::MainWindow;
using anatomix::ui::WorkstationSettings;

class WorkstationSettingsTest : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

 private slots:
  void valuesSurviveReopening() {
    const QString ini = m_dir.filePath("roundtrip.ini");
    const QString folder = m_dir.path();
    {
      WorkstationSettings settings(ini);
      settings.setWindowGeometry(QByteArray("geometry-bytes"));
      settings.setWindowState(QByteArray("\x01\x02state", 7));
      settings.addRecentFile(m_dir.filePath("a.dcm"));
      settings.addRecentFile(m_dir.filePath("b.dcm"));
      settings.setLastFolder(folder);
    }
    WorkstationSettings reopened(ini);
    QCOMPARE(reopened.windowGeometry(), QByteArray("geometry-bytes"));
    QCOMPARE(reopened.windowState(), QByteArray("\x01\x02state", 7));
    QCOMPARE(reopened.recentFiles(), QStringList({m_dir.filePath("b.dcm"), m_dir.filePath("a.dcm")}));
    QCOMPARE(reopened.lastFolder(), QFileInfo(folder).absoluteFilePath());
  }

  void recentFilesAreUniqueAndCapped() {
    WorkstationSettings settings(m_dir.filePath("recent.ini"));
    for (int i = 0; i < WorkstationSettings::kMaxRecentFiles + 5; ++i)
      settings.addRecentFile(m_dir.filePath(QStringLiteral("file%1.dcm").arg(i)));
    settings.addRecentFile(m_dir.filePath("file7.dcm"));
    const QStringList recent = settings.recentFiles();
    QCOMPARE(recent.size(), WorkstationSettings::kMaxRecentFiles);
    QCOMPARE(recent.first(), m_dir.filePath("file7.dcm"));
    QCOMPARE(recent.count(m_dir.filePath("file7.dcm")), 1);
    QVERIFY(!recent.contains(m_dir.filePath("file0.dcm")));  // oldest fell off
    settings.removeRecentFile(m_dir.filePath("file7.dcm"));
    QVERIFY(!settings.recentFiles().contains(m_dir.filePath("file7.dcm")));
    settings.clearRecentFiles();
    QVERIFY(settings.recentFiles().isEmpty());
  }

  void pacsRetrievalSettingsHaveDefaultsAndSurviveReopening() {
    const QString ini = m_dir.filePath("pacs.ini");
    {
      WorkstationSettings settings(ini);
      QCOMPARE(settings.pacsRetrieveMethod(), QStringLiteral("get"));
      QCOMPARE(settings.pacsStoragePort(), 11112);
      QCOMPARE(settings.studyCacheLimitMB(), WorkstationSettings::kDefaultStudyCacheLimitMB);
      settings.setPacsRetrieveMethod(QStringLiteral(" MOVE "));
      settings.setPacsStoragePort(4243);
      settings.setStudyCacheLimitMB(0.5);
    }
    WorkstationSettings reopened(ini);
    QCOMPARE(reopened.pacsRetrieveMethod(), QStringLiteral("move"));
    QCOMPARE(reopened.pacsStoragePort(), 4243);
    QCOMPARE(reopened.studyCacheLimitMB(), 0.5);
    reopened.setPacsRetrieveMethod(QStringLiteral("carrier pigeon"));  // anything else: C-GET
    QCOMPARE(reopened.pacsRetrieveMethod(), QStringLiteral("get"));
    reopened.setStudyCacheLimitMB(-3);  // no negative sizes: no limit
    QCOMPARE(reopened.studyCacheLimitMB(), 0.0);
  }

  void pacsNodeListSurvivesReopeningAndKeepsTheSingleNodeKeys() {
    const QString ini = m_dir.filePath("pacs-nodes.ini");
    {
      // A settings file from before the list: its single node is the list.
      WorkstationSettings settings(ini);
      settings.setPacsNode(QStringLiteral("ORTHANC@pacs.example.org:4242"));
      settings.setPacsCallingAeTitle(QStringLiteral("READROOM1"));
      settings.setPacsStoragePort(11113);
      const auto nodes = settings.pacsNodes();
      QCOMPARE(nodes.size(), std::size_t(1));
      QCOMPARE(nodes[0].called_ae_title, std::string("ORTHANC"));
      QCOMPARE(nodes[0].host, std::string("pacs.example.org"));
      QCOMPARE(nodes[0].port, 4242);
      QCOMPARE(nodes[0].calling_ae_title, std::string("READROOM1"));
      QCOMPARE(nodes[0].storage_port, 11113);
      QCOMPARE(settings.chosenPacsNode(), 0);
      QCOMPARE(settings.pacsNodeInUse().called_ae_title, std::string("ORTHANC"));

      anatomix::network::PacsNode second;
      second.name = "Emergency PACS";
      second.called_ae_title = "ER-PACS";
      second.host = "10.0.0.7";
      second.port = 11112;
      second.tls = true;
      second.tls_trusted_certificates = "/etc/anatomix/er-ca.pem";
      second.calling_ae_title = "READROOM1";
      second.storage_port = 11114;
      settings.setPacsNodes({nodes[0], second}, 1);
    }
    WorkstationSettings reopened(ini);
    const auto nodes = reopened.pacsNodes();
    QCOMPARE(nodes.size(), std::size_t(2));
    QCOMPARE(nodes[0].called_ae_title, std::string("ORTHANC"));
    QCOMPARE(nodes[1].name, std::string("Emergency PACS"));
    QCOMPARE(nodes[1].called_ae_title, std::string("ER-PACS"));
    QCOMPARE(nodes[1].host, std::string("10.0.0.7"));
    QCOMPARE(nodes[1].port, 11112);
    QVERIFY(nodes[1].tls);
    QCOMPARE(nodes[1].tls_trusted_certificates, std::string("/etc/anatomix/er-ca.pem"));
    QCOMPARE(nodes[1].storage_port, 11114);
    QCOMPARE(reopened.chosenPacsNode(), 1);
    QCOMPARE(reopened.pacsNodeInUse().called_ae_title, std::string("ER-PACS"));
    QVERIFY(reopened.pacsNodeInUse().tls);
    // The single-node keys say which node is in use, for what reads only them.
    QCOMPARE(reopened.pacsNode(), QStringLiteral("ER-PACS@10.0.0.7:11112"));
    QCOMPARE(reopened.pacsStoragePort(), 11114);
    // An emptied list means no PACS, not the old single node.
    reopened.setPacsNodes({}, -1);
    QVERIFY(reopened.pacsNodes().empty());
    QCOMPARE(reopened.chosenPacsNode(), -1);
    QVERIFY(reopened.pacsNode().isEmpty());
  }

  void missingLastFolderFallsBackToHome() {
    WorkstationSettings settings(m_dir.filePath("folder.ini"));
    settings.setLastFolder(m_dir.filePath("gone"));
    QCOMPARE(settings.lastFolder(), QDir::homePath());
  }

  void windowGeometryAndDocksAreRestored() {
    const QString ini = m_dir.filePath("window.ini");
    QRect geometry;
    {
      MainWindow window(std::make_unique<WorkstationSettings>(ini));
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      window.resize(1000, 700);
      window.findChild<QDockWidget*>(QStringLiteral("dicomTagsDock"))->hide();
      QTest::qWait(50);
      geometry = window.geometry();
      window.close();
    }
    MainWindow restored(std::make_unique<WorkstationSettings>(ini));
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.size(), geometry.size());
    QVERIFY(restored.findChild<QDockWidget*>(QStringLiteral("dicomTagsDock"))->isHidden());
    QVERIFY(!restored.findChild<QDockWidget*>(QStringLiteral("studyBrowserDock"))->isHidden());
  }
};

QTEST_MAIN(WorkstationSettingsTest)
#include "workstation_settings_test.moc"
