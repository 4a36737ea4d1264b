// The laterality cross-check: the comparison itself (anatomy against Patient Orientation), then in
// the real main window on DICOM files written by DCMTK, read by the scripted model that names
// sides by the anatomy in the pixels. A header that lies about a thorax (mirrored or not) brings up
// the warning banner and a finding for the report draft; a truthful one, or none, brings nothing.
// Every header is tried with the heart on both image sides, so a model (or a check) that ignores
// the pixels gets one of each pair wrong.
#include <cstdio>

#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "anatomix/ui/findings_panel.h"
#include "anatomix/ui/laterality_cross_check.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/ui/workstation_settings.h"
#include "scripted_engine_backend.h"
#include "test_dicom_files.h"

using anatomix::Box;
using anatomix::PatientLeftAt;
using anatomix::report::FindingSource;
using anatomix::ui::crossCheckLaterality;
using anatomix::ui::MainWindow;
using anatomix::ui::ReadingAssistant;
using anatomix::ui::WorkstationSettings;
using anatomix::ui::testing::DxFileSpec;
using anatomix::ui::testing::ScriptedEngineBackend;

Q_DECLARE_METATYPE(anatomix::PatientLeftAt)

namespace {

const char* const kHeart = "Cardiac shadow viewed radiologically or Heart";
const QString kDraftSentence =
    QStringLiteral("Laterality cross-check: mirrored image or situs inversus; check the side marker.");

// Lungs and heart in an image 100 wide with the patient's left at the image right, or mirrored.
std::vector<Box> thoraxBoxes(bool patientLeftAtImageRight) {
  // Left lung, Right lung, heart (its centre on the patient's left of the lungs' midpoint).
  std::vector<Box> boxes{{60, 10, 90, 80}, {10, 10, 40, 80}, {42, 40, 72, 75}};
  if (!patientLeftAtImageRight)
    for (Box& box : boxes) box = anatomix::mirror_box(box, 100);
  return boxes;
}

int lateralityFindings(const MainWindow& window) {
  int count = 0;
  for (const auto& finding : window.findingsPanel()->findings()) {
    if (finding.source != FindingSource::LateralityCheck) continue;
    if (finding.label == kDraftSentence) ++count;
  }
  return count;
}

// Rows of the report draft's AI findings list that carry the cross-check's sentence; -1 without
// the report panel (built without ui/report).
int draftRowsWithTheSentence(const MainWindow& window) {
  if (!window.reportPanel()) return -1;
  const auto* list = window.reportPanel()->findChild<QTreeWidget*>(QStringLiteral("reportFindingsList"));
  if (!list) return -1;
  int count = 0;
  for (int row = 0; row < list->topLevelItemCount(); ++row)
    if (list->topLevelItem(row)->text(0) == kDraftSentence) ++count;
  return count;
}

}  // namespace

class LateralityCrossCheckTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  int m_files = 0;

  std::unique_ptr<MainWindow> makeWindow(
      ScriptedEngineBackend::SideReading reading = ScriptedEngineBackend::SideReading::Anatomy) {
    auto settings = std::make_unique<WorkstationSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
    settings->setBundleDir(m_dir.filePath(QStringLiteral("bundle")));
    auto window = std::make_unique<MainWindow>(std::move(settings), std::make_unique<ScriptedEngineBackend>(reading));
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    QApplication::setActiveWindow(window.get());
    return window;
  }

  // A study of its own per file, so that no saved report draft of another case comes back.
  QString writeChest(bool heartOnImageRight, const QString& patientOrientation) {
    const int n = ++m_files;
    DxFileSpec spec;
    spec.width = 256;
    spec.height = 320;
    spec.heartOnImageRight = heartOnImageRight;
    spec.patientOrientation = patientOrientation;
    spec.studyUid = QStringLiteral("1.2.826.0.1.3680043.10.1234.7.%1").arg(n);
    spec.seriesUid = spec.studyUid + QStringLiteral(".1");
    spec.instanceUid = spec.seriesUid + QStringLiteral(".1");
    const QString path = m_dir.filePath(QStringLiteral("chest-%1.dcm").arg(n));
    return anatomix::ui::testing::writeDxFile(path, spec) ? path : QString();
  }

  static bool openAndAnalyse(MainWindow& window, const QString& path) {
    QSignalSpy analysed(window.readingAssistant(), &ReadingAssistant::analysisFinished);
    window.openPaths({path});
    return analysed.wait(30000) && analysed.first().at(0).toBool();
  }

  static Box boxOf(const MainWindow& window, const std::string& name) {
    for (const auto& anatomy : window.readingAssistant()->analysis()->analysis.anatomies)
      if (anatomy.name == name) return anatomy.box;
    return {};
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("bundle")));  // the scripted model's "bundle"
  }

  void comparison_data() {
    QTest::addColumn<bool>("patientLeftAtImageRight");
    QTest::addColumn<QString>("orientationRow");
    QTest::addColumn<PatientLeftAt>("fromHeader");
    QTest::addColumn<bool>("disagree");
    QTest::newRow("standard anatomy, header L") << true << "L" << PatientLeftAt::ImageRight << false;
    QTest::newRow("mirrored anatomy, header R") << false << "R" << PatientLeftAt::ImageLeft << false;
    QTest::newRow("mirrored anatomy, header L") << false << "L" << PatientLeftAt::ImageRight << true;
    QTest::newRow("standard anatomy, header R") << true << "R" << PatientLeftAt::ImageLeft << true;
    QTest::newRow("mirrored anatomy, oblique header LP") << false << "LP" << PatientLeftAt::ImageRight << true;
    QTest::newRow("standard anatomy, no header") << true << "" << PatientLeftAt::Unknown << false;
    QTest::newRow("mirrored anatomy, no header") << false << "" << PatientLeftAt::Unknown << false;
  }

  void comparison() {
    QFETCH(bool, patientLeftAtImageRight);
    QFETCH(QString, orientationRow);
    QFETCH(PatientLeftAt, fromHeader);
    QFETCH(bool, disagree);
    const std::vector<std::string> names{"Left lung", "Right lung", kHeart};
    const auto check = crossCheckLaterality(names, thoraxBoxes(patientLeftAtImageRight), orientationRow.toStdString());
    QCOMPARE(check.fromAnatomy, patientLeftAtImageRight ? PatientLeftAt::ImageRight : PatientLeftAt::ImageLeft);
    QCOMPARE(check.fromHeader, fromHeader);
    QCOMPARE(check.disagree, disagree);
  }

  void anatomyThatContradictsItselfNeverWarns() {
    // Lungs named by image side while the heart lies on the other side: the anatomy says nothing.
    const std::vector<std::string> names{"Left lung", "Right lung", kHeart};
    std::vector<Box> boxes = thoraxBoxes(true);
    boxes[2] = anatomix::mirror_box(boxes[2], 100);
    for (const char* row : {"L", "R"}) {
      const auto check = crossCheckLaterality(names, boxes, row);
      QCOMPARE(check.fromAnatomy, PatientLeftAt::Unknown);
      QVERIFY(!check.disagree);
    }
    // Without the heart, or with nothing analysed, neither.
    QCOMPARE(crossCheckLaterality({"Left lung", "Right lung"}, {{60, 10, 90, 80}, {10, 10, 40, 80}}, "R").fromAnatomy,
             PatientLeftAt::Unknown);
    QVERIFY(!crossCheckLaterality({}, {}, "R").disagree);
  }

  void windowWarnsWhenTheHeaderLies_data() {
    QTest::addColumn<bool>("heartOnImageRight");
    QTest::addColumn<QString>("orientation");
    QTest::addColumn<bool>("warns");
    QTest::newRow("standard image, truthful L\\F") << true << "L\\F" << false;
    QTest::newRow("mirrored image, truthful R\\F") << false << "R\\F" << false;
    QTest::newRow("mirrored image, header says L\\F") << false << "L\\F" << true;
    QTest::newRow("standard image, header says R\\F") << true << "R\\F" << true;
    QTest::newRow("mirrored image, no Patient Orientation") << false << "" << false;
  }

  void windowWarnsWhenTheHeaderLies() {
    QFETCH(bool, heartOnImageRight);
    QFETCH(QString, orientation);
    QFETCH(bool, warns);
    const QString path = writeChest(heartOnImageRight, orientation);
    QVERIFY(!path.isEmpty());
    auto window = makeWindow();
    QVERIFY(window);
    QSignalSpy changed(window->readingAssistant(), &ReadingAssistant::lateralityWarningChanged);
    QVERIFY(openAndAnalyse(*window, path));

    // The model read the side from the pixels.
    const auto check = window->readingAssistant()->lateralityCheck();
    QCOMPARE(check.fromAnatomy, heartOnImageRight ? PatientLeftAt::ImageRight : PatientLeftAt::ImageLeft);
    QCOMPARE(check.disagree, warns);

    const QString warning = window->readingAssistant()->lateralityWarning();
    std::printf("%s: \"%s\"\n", QTest::currentDataTag(), qPrintable(warning));
    QCOMPARE(window->lateralityBannerText(), warning);
    QVERIFY(window->aiBannerText().isEmpty());  // the model banner is for model problems only
    const int draftRows = draftRowsWithTheSentence(*window);
    if (warns) {
      const QString anatomySide = heartOnImageRight ? QStringLiteral("right") : QStringLiteral("left");
      const QString opening = QStringLiteral("Laterality check: the anatomy puts the patient's left on the image's %1,");
      QVERIFY2(warning.startsWith(opening.arg(anatomySide)), qPrintable(warning));
      QVERIFY2(warning.contains(QStringLiteral("(Patient Orientation %1)").arg(orientation)), qPrintable(warning));
      QVERIFY(warning.endsWith(QStringLiteral("Mirrored image or situs inversus: check the side marker.")));
      QCOMPARE(changed.count(), 1);
      QCOMPARE(changed.first().at(0).toString(), warning);
      QCOMPARE(lateralityFindings(*window), 1);
      if (draftRows >= 0) QCOMPARE(draftRows, 1);
    } else {
      QVERIFY(warning.isEmpty());
      QCOMPARE(changed.count(), 0);
      QCOMPARE(lateralityFindings(*window), 0);
      if (draftRows >= 0) QCOMPARE(draftRows, 0);
    }
    if (draftRows < 0) std::printf("built without the report panel: the draft is not checked\n");
  }

  void warningGoesWithTheNextImage() {
    const QString lying = writeChest(false, QStringLiteral("L\\F"));
    const QString truthful = writeChest(false, QStringLiteral("R\\F"));
    QVERIFY(!lying.isEmpty() && !truthful.isEmpty());
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, lying));
    QVERIFY(!window->lateralityBannerText().isEmpty());
    QSignalSpy changed(window->readingAssistant(), &ReadingAssistant::lateralityWarningChanged);
    QVERIFY(openAndAnalyse(*window, truthful));
    QVERIFY(window->readingAssistant()->lateralityWarning().isEmpty());
    QVERIFY(window->lateralityBannerText().isEmpty());
    QCOMPARE(changed.count(), 1);
    QVERIFY(changed.first().at(0).toString().isEmpty());
    QCOMPARE(lateralityFindings(*window), 0);
  }

  void analysisSeesThePixelsAsStoredWhateverTheHeader() {
    // The image-side reader puts "Left lung" at the image right of whatever it is shown. On a
    // mirrored acquisition whose header says so (R\F), nothing is un-mirrored first: the box stays
    // at the image right of the displayed image.
    const QString path = writeChest(false, QStringLiteral("R\\F"));
    QVERIFY(!path.isEmpty());
    auto window = makeWindow(ScriptedEngineBackend::SideReading::ImageSide);
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, path));
    const auto analysis = window->readingAssistant()->analysis();
    QVERIFY(!analysis->pixelsMirrored);
    const Box left = boxOf(*window, "Left lung");
    QVERIFY(0.5f * (left.x1 + left.x2) > 0.5f * analysis->width);
    // Its heart follows the pixels to the image left: the anatomy contradicts itself, no warning.
    QCOMPARE(window->readingAssistant()->lateralityCheck().fromAnatomy, PatientLeftAt::Unknown);
    QVERIFY(window->lateralityBannerText().isEmpty());
  }
};

QTEST_MAIN(LateralityCrossCheckTest)
#include "laterality_cross_check_test.moc"
