// StudyLoader off the GUI thread: scans report images and bad files, decodes deliver pixels and
// tags, a failed decode names the file, and a newer decode supersedes an older one.
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/image/decoded_image.h"
#include "anatomix/ui/study_loader.h"
#include "test_dicom_files.h"

using anatomix::ui::LoadedImage;
using anatomix::ui::StudyLoader;

class StudyLoaderTest : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QString m_first, m_second, m_garbage, m_brokenDicom;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_first = m_dir.filePath("a.dcm");
    m_second = m_dir.filePath("b.dcm");
    m_garbage = m_dir.filePath("garbage.bin");
    QVERIFY(anatomix::ui::testing::writeDxFile(m_first));
    anatomix::ui::testing::DxFileSpec second;
    second.instanceUid += QStringLiteral(".2");
    second.instanceNumber = 2;
    second.width = 300;
    QVERIFY(anatomix::ui::testing::writeDxFile(m_second, second));
    QVERIFY(anatomix::ui::testing::writeGarbageFile(m_garbage));
    m_brokenDicom = m_dir.filePath("broken.dcm");
    QVERIFY(anatomix::ui::testing::writeGarbageFile(m_brokenDicom));
  }

  void scanListsImagesAndErrors() {
    StudyLoader loader;
    QSignalSpy finished(&loader, &StudyLoader::scanFinished);
    const int id = loader.scan({m_dir.path()});
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toInt(), id);
    const auto result = finished.first().at(1).value<std::shared_ptr<const anatomix::ui::ScanResult>>();
    QVERIFY(result);
    QCOMPARE(result->tree.image_count(), 2);
    // A broken file named like DICOM is an error; an unrelated file in the folder is skipped.
    QCOMPARE(static_cast<int>(result->tree.errors.size()), 1);
    QVERIFY(QString::fromStdString(result->tree.errors.front().path).endsWith(QStringLiteral("broken.dcm")));
    QCOMPARE(static_cast<int>(result->skipped.size()), 1);
    QVERIFY(QString::fromStdString(result->skipped.front().path).endsWith(QStringLiteral("garbage.bin")));
    QVERIFY(!loader.isBusy());
  }

  void namedFilesAreNeverSkipped() {
    StudyLoader loader;
    QSignalSpy finished(&loader, &StudyLoader::scanFinished);
    loader.scan({m_garbage});
    QVERIFY(finished.wait(30000));
    const auto result = finished.first().at(1).value<std::shared_ptr<const anatomix::ui::ScanResult>>();
    QCOMPARE(static_cast<int>(result->tree.errors.size()), 1);
    QVERIFY(result->skipped.empty());
  }

  void decodeDeliversPixelsAndTags() {
    StudyLoader loader;
    QSignalSpy finished(&loader, &StudyLoader::decodeFinished);
    loader.decode(m_first);
    QVERIFY(finished.wait(30000));
    const auto loaded = finished.first().at(1).value<LoadedImage>();
    QVERIFY(loaded.image);
    QCOMPARE(loaded.image->width, 512);
    QCOMPARE(loaded.image->bits_stored, 16);
    QVERIFY(loaded.error.isEmpty());
    QVERIFY(loaded.tags.size() > 20);
  }

  void failedDecodeNamesTheFile() {
    StudyLoader loader;
    QSignalSpy finished(&loader, &StudyLoader::decodeFinished);
    loader.decode(m_garbage);
    QVERIFY(finished.wait(30000));
    const auto loaded = finished.first().at(1).value<LoadedImage>();
    QVERIFY(!loaded.image);
    QVERIFY2(loaded.error.contains(QStringLiteral("garbage.bin")), qPrintable(loaded.error));
  }

  void newerDecodeSupersedesOlder() {
    StudyLoader loader;
    QSignalSpy finished(&loader, &StudyLoader::decodeFinished);
    QSignalSpy busy(&loader, &StudyLoader::busyChanged);
    loader.decode(m_first);
    const int latest = loader.decode(m_second);
    QTRY_VERIFY_WITH_TIMEOUT(!loader.isBusy(), 30000);
    QCOMPARE(finished.size(), 1);  // the first request's result (or cancellation) is dropped
    QCOMPARE(finished.first().at(0).toInt(), latest);
    QCOMPARE(finished.first().at(1).value<LoadedImage>().path, m_second);
    QCOMPARE(busy.last().at(0).toBool(), false);
  }
};

QTEST_GUILESS_MAIN(StudyLoaderTest)
#include "study_loader_test.moc"
