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
