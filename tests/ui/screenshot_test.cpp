// The real anatomix-workstation binary, run as a user would: --version, and --screenshot of a
// 16-bit DX written here, checked for a non-blank image area; a corrupt input still gives a
// screenshot but a non-zero exit code; --compare opens a second file in the 1x2 layout.
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <set>

#include "test_dicom_files.h"
#include "workstation_process.h"

namespace {

anatomix::ui::testing::WorkstationRun runWorkstation(const QStringList& arguments, const QString& home) {
  return anatomix::ui::testing::runWorkstation(QStringLiteral(ANATOMIX_WORKSTATION_BINARY), arguments, home);
}

// Standard deviation of the grey values and number of distinct grey values in `area`.
void greyStatistics(const QImage& image, const QRect& area, double* deviation, int* distinct) {
  double sum = 0, sumSquares = 0;
  int count = 0;
  std::set<int> values;
  for (int y = area.top(); y <= area.bottom(); y += 2) {
    for (int x = area.left(); x <= area.right(); x += 2) {
      const int grey = qGray(image.pixel(x, y));
      sum += grey;
      sumSquares += double(grey) * grey;
      values.insert(grey);
      ++count;
    }
  }
  const double mean = sum / count;
  *deviation = std::sqrt(std::max(0.0, sumSquares / count - mean * mean));
  *distinct = static_cast<int>(values.size());
}

}  // namespace

class ScreenshotTest : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

 private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void versionIsPrinted() {
    const auto run = runWorkstation({QStringLiteral("--version")}, m_dir.path());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.output.contains("0.1.0"), run.output.constData());
  }

  void screenshotOfSixteenBitDxIsNotBlank() {
    const QString dicom = m_dir.filePath("dx16.dcm");
    anatomix::ui::testing::DxFileSpec spec;
    spec.width = 1500;
    spec.height = 1800;
    QVERIFY(anatomix::ui::testing::writeDxFile(dicom, spec));
    const QString png = m_dir.filePath("shot.png");
    const auto run = runWorkstation({QStringLiteral("--screenshot"), png, dicom}, m_dir.path());
    QVERIFY2(run.exitCode == 0, run.output.constData());

    QImage shot(png);
    QVERIFY2(!shot.isNull(), "screenshot PNG missing or unreadable");
    QVERIFY(shot.width() >= 800 && shot.height() >= 600);
    // The viewport is the central widget: sample the middle of the window, away from the docks.
    const QRect centre(shot.width() * 2 / 5, shot.height() * 3 / 10, shot.width() / 5, shot.height() * 2 / 5);
    double deviation = 0;
    int distinct = 0;
    greyStatistics(shot, centre, &deviation, &distinct);
    QVERIFY2(deviation > 20.0, qPrintable(QStringLiteral("grey deviation %1").arg(deviation)));
    QVERIFY2(distinct > 8, qPrintable(QStringLiteral("%1 distinct grey values").arg(distinct)));
  }

  void compareOpensTheSecondFileBesideTheFirst() {
    const QString first = m_dir.filePath("current.dcm");
    const QString second = m_dir.filePath("prior.dcm");
    QVERIFY(anatomix::ui::testing::writeDxFile(first));
    anatomix::ui::testing::DxFileSpec prior;
    prior.studyDate = QStringLiteral("20250101");
    prior.studyUid += QStringLiteral(".2");
    prior.seriesUid = prior.studyUid + QStringLiteral(".1");
    prior.instanceUid = prior.seriesUid + QStringLiteral(".1");
    QVERIFY(anatomix::ui::testing::writeDxFile(second, prior));
    const QString png = m_dir.filePath("compare.png");
    const auto run = runWorkstation(
        {QStringLiteral("--screenshot"), png, QStringLiteral("--compare"), second, QStringLiteral("--link"), first},
        m_dir.path());
    QVERIFY2(run.exitCode == 0, run.output.constData());
    QVERIFY(!QImage(png).isNull());
    QVERIFY2(run.output.contains("the second viewport shows " + second.toUtf8()), run.output.constData());
  }

  void corruptInputStillScreenshotsWithErrorCode() {
    const QString garbage = m_dir.filePath("garbage.dcm");
    QVERIFY(anatomix::ui::testing::writeGarbageFile(garbage));
    const QString png = m_dir.filePath("garbage.png");
    const auto run = runWorkstation({QStringLiteral("--screenshot"), png, garbage}, m_dir.path());
    QVERIFY2(run.exitCode == 3, run.output.constData());
    QVERIFY(!QImage(png).isNull());
    QVERIFY2(run.output.contains("garbage.dcm"), run.output.constData());  // the error is logged
  }

  void unwritableScreenshotPathFails() {
    const QString png = m_dir.filePath("no/such/folder/shot.png");
    const auto run = runWorkstation({QStringLiteral("--screenshot"), png}, m_dir.path());
    QVERIFY2(run.exitCode == 1, run.output.constData());
  }
};

QTEST_GUILESS_MAIN(ScreenshotTest)
#include "screenshot_test.moc"
