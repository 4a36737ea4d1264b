// StudyBrowserPanel with real scans of files written here: attributes shown, trees merged by
// UID, images listed once, failed scans and decodes marked.
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "anatomix/image/study_scan.h"
#include "anatomix/ui/study_browser_panel.h"
#include "test_dicom_files.h"

using anatomix::ui::StudyBrowserPanel;

class StudyBrowserPanelTest : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  anatomix::image::StudyTree scan(const QStringList& paths) {
    std::vector<std::string> files;
    for (const QString& path : paths) files.push_back(path.toStdString());
    return anatomix::image::scan_paths(files);
  }

 private slots:
  void dates() {
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(StudyBrowserPanel::formatDate(QStringLiteral("19700102")), QStringLiteral("02.01.1970"));
    QLocale::setDefault(QLocale::c());
    QCOMPARE(StudyBrowserPanel::formatDate(QStringLiteral("garbage")), QStringLiteral("garbage"));
  }

  void mergesSecondScanIntoSameSeries() {
    const QString first = m_dir.filePath("one.dcm");
    const QString second = m_dir.filePath("two.dcm");
    QVERIFY(anatomix::ui::testing::writeDxFile(first));
    anatomix::ui::testing::DxFileSpec spec;
    spec.instanceUid += QStringLiteral(".2");
    spec.instanceNumber = 2;
    QVERIFY(anatomix::ui::testing::writeDxFile(second, spec));

    StudyBrowserPanel panel;
    QCOMPARE(panel.addStudyTree(scan({first})).size(), 1);
    QCOMPARE(panel.addStudyTree(scan({first, second})).size(), 1);  // `first` is listed already
    QCOMPARE(panel.imageCount(), 2);
    QCOMPARE(panel.tree()->topLevelItemCount(), 1);
    const QTreeWidgetItem* series = panel.tree()->topLevelItem(0)->child(0)->child(0);
    QCOMPARE(series->childCount(), 2);
    QCOMPARE(series->text(StudyBrowserPanel::NameColumn), QStringLiteral("Series 1"));
    QVERIFY(series->child(0)->text(StudyBrowserPanel::NameColumn).startsWith(QStringLiteral("Image 1")));
    QVERIFY(series->child(1)->text(StudyBrowserPanel::NameColumn).startsWith(QStringLiteral("Image 2")));

    QVERIFY(panel.setCurrentImage(QFileInfo(second).absoluteFilePath()));
    QCOMPARE(panel.tree()->currentItem(), series->child(1));
    panel.markImageFailed(QFileInfo(second).absoluteFilePath(), QStringLiteral("two.dcm: bad pixels"));
    QCOMPARE(series->child(1)->toolTip(StudyBrowserPanel::NameColumn), QStringLiteral("two.dcm: bad pixels"));
  }

  void rejectedFilesAreListedWithTheirReason() {
    const QString garbage = m_dir.filePath("junk.dcm");
    QVERIFY(anatomix::ui::testing::writeGarbageFile(garbage));
    StudyBrowserPanel panel;
    QVERIFY(panel.addStudyTree(scan({garbage, m_dir.filePath("missing.dcm")})).isEmpty());
    QCOMPARE(panel.errorCount(), 2);
    QCOMPARE(panel.imageCount(), 0);
    const QTreeWidgetItem* branch = panel.tree()->topLevelItem(0);
    QStringList names;
    for (int i = 0; i < branch->childCount(); ++i) {
      names << branch->child(i)->text(StudyBrowserPanel::NameColumn);
      QVERIFY(!branch->child(i)->text(StudyBrowserPanel::DetailsColumn).isEmpty());
    }
    QVERIFY(names.contains(QStringLiteral("junk.dcm")));
    QVERIFY(names.contains(QStringLiteral("missing.dcm")));
  }
};

QTEST_MAIN(StudyBrowserPanelTest)
#include "study_browser_panel_test.moc"
