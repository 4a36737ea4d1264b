// The reading tools in the real main window, on DICOM files written by DCMTK and read by the
// scripted model: the cardiothoracic ratio's callipers after an analysis (their ratio against the
// one computed here from the same boxes, a drag that changes it and its undo, the sentence for the
// report draft, the AP caveat), the check that keeps a CT slice or a lateral view from the model
// until the reader overrides it, the dark theme by default with the light one kept in the
// settings, full-screen reading that hides the docks, the reader's measurements saved with the
// study's draft and shown again when the image is reopened, and the key image (SC) and presentation
// state (GSPS) exported from the view as shown: the GSPS carries the analysis' anatomy boxes under
// their names (unchanged by the view's mirror) and the regions the reader drew to ask the model, the
// asked one with its question and answer.
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include "anatomix/cardiothoracic_ratio.h"
#include "anatomix/report/presentation_state_export.h"
#include "anatomix/report/report_panel.h"
#include "anatomix/ui/ask_panel.h"
#include "anatomix/ui/cardiothoracic_ratio_callipers.h"
#include "anatomix/ui/findings_panel.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/measurement_layer.h"
#include "anatomix/viewer/user_region_layer.h"
#include "scripted_engine_backend.h"
#include "test_dicom_files.h"

using anatomix::report::FindingSource;
using anatomix::ui::CardiothoracicRatioCallipers;
using anatomix::ui::MainWindow;
using anatomix::ui::ReadingAssistant;
using anatomix::ui::Theme;
using anatomix::ui::WorkstationSettings;
using anatomix::ui::testing::DxFileSpec;
using anatomix::ui::testing::ScriptedEngineBackend;

namespace {

QString ratioFinding(const MainWindow& window) {
  for (const auto& finding : window.findingsPanel()->findings())
    if (finding.source == FindingSource::CardiothoracicRatio) return finding.label;
  return QString();
}

// With ANATOMIX_UI_SCREENSHOT_DIR set, the window as a reader sees it is saved there.
void saveShot(MainWindow& window, const QString& name) {
  const QString shots = qEnvironmentVariable("ANATOMIX_UI_SCREENSHOT_DIR");
  if (shots.isEmpty()) return;
  QApplication::processEvents();
  QVERIFY(window.saveScreenshot(QDir(shots).filePath(name)));
}

// Exports the panel's draft in `format` to `path` and waits for it.
bool exportFrom(anatomix::report::ReportPanel& report, anatomix::report::ExportFormat format, const QString& path) {
  QSignalSpy finished(&report, &anatomix::report::ReportPanel::exportFinished);
  return report.startExport(format, path) && finished.wait(30000);
}

// The RGB of pixel `at` of a Secondary Capture written by the workstation (8-bit, colour-by-pixel).
QColor secondaryCapturePixel(const QString& path, QPoint at) {
  DcmFileFormat file;
  if (file.loadFile(path.toUtf8().constData()).bad()) return {};
  Uint16 columns = 0;
  const Uint8* pixels = nullptr;
  unsigned long count = 0;
  file.getDataset()->findAndGetUint16(DCM_Columns, columns);
  file.getDataset()->findAndGetUint8Array(DCM_PixelData, pixels, &count);
  const unsigned long offset = (static_cast<unsigned long>(at.y()) * columns + at.x()) * 3;
  if (pixels == nullptr || offset + 3 > count) return {};
  return QColor(pixels[offset], pixels[offset + 1], pixels[offset + 2]);
}

// The presentation state's annotations on `layer`: each one's graphic points and its text ("" when none).
struct LayerGraphic {
  QVector<QPointF> points;
  QString text;
};
QVector<LayerGraphic> graphicsOnLayer(DcmItem& dataset, const char* layer) {
  QVector<LayerGraphic> graphics;
  DcmSequenceOfItems* annotations = nullptr;
  if (dataset.findAndGetSequence(DCM_GraphicAnnotationSequence, annotations).bad()) return graphics;
  for (unsigned long i = 0; i < annotations->card(); ++i) {
    DcmItem* annotation = annotations->getItem(i);
    OFString name;
    annotation->findAndGetOFString(DCM_GraphicLayer, name);
    DcmItem* graphic = nullptr;
    if (name != layer || annotation->findAndGetSequenceItem(DCM_GraphicObjectSequence, graphic, 0).bad()) continue;
    LayerGraphic found;
    const Float32* data = nullptr;
    unsigned long count = 0;
    graphic->findAndGetFloat32Array(DCM_GraphicData, data, &count);
    for (unsigned long j = 0; j + 1 < count; j += 2) found.points.append(QPointF(data[j], data[j + 1]));
    DcmItem* text = nullptr;
    OFString value;
    if (annotation->findAndGetSequenceItem(DCM_TextObjectSequence, text, 0).good())
      text->findAndGetOFStringArray(DCM_UnformattedTextValue, value);
    found.text = QString::fromUtf8(value.c_str());
    graphics.append(found);
  }
  return graphics;
}

QVector<QPointF> closedRectangle(const QRectF& box) {
  return {box.topLeft(), box.topRight(), box.bottomRight(), box.bottomLeft(), box.topLeft()};
}

void drag(QWidget* widget, QPoint from, QPoint to, int steps = 8) {
  QTest::mousePress(widget, Qt::LeftButton, Qt::NoModifier, from);
  for (int i = 1; i <= steps; ++i) QTest::mouseMove(widget, from + (to - from) * i / steps);
  QTest::mouseRelease(widget, Qt::LeftButton, Qt::NoModifier, to);
}

}  // namespace

class ReadingToolsTest : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_files = 0;
  ScriptedEngineBackend* m_engine = nullptr;  // owned by the window

  std::unique_ptr<MainWindow> makeWindow(const QString& settingsName = QStringLiteral("settings.ini")) {
    auto settings = std::make_unique<WorkstationSettings>(m_dir.filePath(settingsName));
    settings->setBundleDir(m_dir.filePath(QStringLiteral("bundle")));
    auto engine = std::make_unique<ScriptedEngineBackend>();
    m_engine = engine.get();
    auto window = std::make_unique<MainWindow>(std::move(settings), std::move(engine));
    // Drafts of this run only: the files' UIDs repeat from run to run.
    if (auto* report = qobject_cast<anatomix::report::ReportPanel*>(window->reportPanel()))
      report->setDraftDirectory(m_dir.filePath(QStringLiteral("drafts")));
    window->resize(1200, 860);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    QApplication::setActiveWindow(window.get());
    return window;
  }

  QString writeFile(const QString& modality, const QString& viewPosition) {
    const int n = ++m_files;
    DxFileSpec spec;
    spec.width = 400;
    spec.height = 480;
    spec.modality = modality;
    spec.viewPosition = viewPosition;
    spec.studyUid = QStringLiteral("1.2.826.0.1.3680043.10.1234.17.%1").arg(n);
    spec.seriesUid = spec.studyUid + QStringLiteral(".1");
    spec.instanceUid = spec.seriesUid + QStringLiteral(".1");
    const QString path = m_dir.filePath(QStringLiteral("image-%1.dcm").arg(n));
    return anatomix::ui::testing::writeDxFile(path, spec) ? path : QString();
  }

  static bool openAndAnalyse(MainWindow& window, const QString& path) {
    QSignalSpy analysed(window.readingAssistant(), &ReadingAssistant::analysisFinished);
    window.openPaths({path});
    return analysed.wait(30000) && analysed.first().at(0).toBool();
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("bundle")));
  }

  void callipersGiveTheRatioOfTheBoxesAndFollowADrag() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, writeFile(QStringLiteral("DX"), QStringLiteral("PA"))));
    CardiothoracicRatioCallipers* ctr = window->cardiothoracicRatio();
    QVERIFY(ctr->isShown());
    // The same rule on the analysis' boxes, computed here.
    std::vector<std::string> names;
    std::vector<anatomix::Box> boxes;
    for (const auto& anatomy : window->readingAssistant()->analysis()->analysis.anatomies)
      names.push_back(anatomy.name), boxes.push_back(anatomy.box);
    const auto expected = anatomix::cardiothoracic_callipers(names, boxes);
    QVERIFY(expected);
    QVERIFY(std::abs(ctr->ratio() - expected->ratio()) < 1e-6);
    const QString sentence = ratioFinding(*window);
    QVERIFY2(sentence.startsWith(QStringLiteral("Cardiothoracic ratio %1").arg(expected->ratio(), 0, 'f', 2)),
             qPrintable(sentence));
    QVERIFY(!sentence.contains(QStringLiteral("AP view")));
    // Imager Pixel Spacing only: lengths are at the detector and say so.
    const auto* heart = window->measurements()->measurement(QString::fromLatin1(CardiothoracicRatioCallipers::kCardiacId));
    QVERIFY(heart);
    QVERIFY2(heart->label.contains(QStringLiteral("mm at detector")), qPrintable(heart->label));

    // Widen the heart calliper by dragging its right end (in the default window/level tool).
    const double before = ctr->ratio();
    auto* viewport = window->viewport();
    const QPoint end = viewport->transform().imageToScreen(heart->pointsPx[1]).toPoint();
    drag(viewport, end, end + QPoint(30, 0));
    QVERIFY2(ctr->ratio() > before + 0.01, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(ctr->ratio())));
    QVERIFY(ratioFinding(*window).startsWith(QStringLiteral("Cardiothoracic ratio %1").arg(ctr->ratio(), 0, 'f', 2)));
    // A ruler and an angle beside them, and every anatomy label shown (labels must not cover each other).
    window->findChild<QAction*>(QStringLiteral("actionToolRuler"))->trigger();
    drag(viewport, viewport->transform().imageToScreen(QPointF(60, 60)).toPoint(),
         viewport->transform().imageToScreen(QPointF(160, 110)).toPoint());
    QCOMPARE(window->measurements()->measurements().size(), 3);
    window->findChild<QAction*>(QStringLiteral("actionToolEllipseRoi"))->trigger();
    drag(viewport, viewport->transform().imageToScreen(QPointF(250, 330)).toPoint(),
         viewport->transform().imageToScreen(QPointF(330, 400)).toPoint());
    QCOMPARE(window->measurements()->measurements().size(), 4);
    QVERIFY(window->measurements()->measurements().last().label.startsWith(QStringLiteral("mean ")));
    auto* labels = window->findChild<QComboBox*>(QStringLiteral("anatomyLabelMode"));
    QVERIFY(labels);
    labels->setCurrentIndex(labels->findData(static_cast<int>(anatomix::viewer::OverlayLabelMode::Always)));
    saveShot(*window, QStringLiteral("reading-tools-callipers.png"));
    window->undoStack()->undo();  // the ellipse
    window->undoStack()->undo();  // the ruler
    window->undoStack()->undo();  // the calliper drag
    QVERIFY(std::abs(ctr->ratio() - before) < 1e-9);
  }

  void measurementsComeBackWithTheDraft() {
    const QString first = writeFile(QStringLiteral("DX"), QStringLiteral("PA"));
    const QString second = writeFile(QStringLiteral("DX"), QStringLiteral("PA"));
    QString distance, angle, ellipse;
    double lengthMm = 0, degrees = 0, mean = 0;
    const auto readerIds = [](const anatomix::viewer::MeasurementLayer& layer) {
      QStringList ids;
      for (const auto& item : layer.measurements())
        if (anatomix::viewer::MeasurementLayer::isReaderMeasurement(item.id)) ids << item.id;
      return ids;
    };
    {
      auto window = makeWindow();
      QVERIFY(window);
      QVERIFY(openAndAnalyse(*window, first));
      auto* layer = window->measurements();
      distance = layer->addDistance(QPointF(40, 60), QPointF(200, 140));
      angle = layer->addAngle(QPointF(100, 100), QPointF(150, 150), QPointF(220, 120));
      ellipse = layer->addRegionOfInterest(QRectF(120, 200, 80, 60), true);
      lengthMm = layer->lengthMm(distance);
      degrees = layer->angleDegrees(angle);
      mean = layer->roiStatistics(ellipse).mean;
      QVERIFY(lengthMm > 0 && degrees > 0 && mean > 0);
      auto* report = qobject_cast<anatomix::report::ReportPanel*>(window->reportPanel());
      QVERIFY(report);
      const auto saved = report->draft().measurements;
      QCOMPARE(saved.size(), 3);  // the callipers belong to the analysis, not to the draft
      QCOMPARE(saved[0].value, lengthMm);
      QVERIFY(saved[0].calibrated);
      QVERIFY2(saved[0].calibrationNote.contains(QStringLiteral("Imager Pixel Spacing")),
               qPrintable(saved[0].calibrationNote));
      QCOMPARE(saved[1].value, degrees);
      QCOMPARE(saved[2].mean, mean);

      // Another image shows none of them; back on the first, they are there again.
      QVERIFY(openAndAnalyse(*window, second));
      QVERIFY(readerIds(*window->measurements()).isEmpty());
      window->showImage(first);
      QTRY_COMPARE_WITH_TIMEOUT(readerIds(*window->measurements()), (QStringList{distance, angle, ellipse}), 30000);
      QCOMPARE(window->measurements()->lengthMm(distance), lengthMm);
    }
    // A new session reopens the study: the measurements come back from its draft.
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, first));
    auto* layer = window->measurements();
    QCOMPARE(readerIds(*layer), (QStringList{distance, angle, ellipse}));
    QCOMPARE(layer->lengthMm(distance), lengthMm);
    QCOMPARE(layer->angleDegrees(angle), degrees);
    QCOMPARE(layer->roiStatistics(ellipse).mean, mean);
    QVERIFY(layer->measurement(ellipse)->flags.testFlag(anatomix::viewer::OverlayItemFlag::Ellipse));
    saveShot(*window, QStringLiteral("reading-tools-restored-measurements.png"));
    // New measurements get new ids after the restored ones.
    const QString next = layer->addDistance(QPointF(10, 10), QPointF(20, 20));
    QVERIFY(next != distance && next != angle && next != ellipse);
  }

  void keyImageAndPresentationStateShowTheView() {
    using anatomix::report::ExportFormat;
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, writeFile(QStringLiteral("DX"), QStringLiteral("PA"))));
    auto* report = qobject_cast<anatomix::report::ReportPanel*>(window->reportPanel());
    QVERIFY(report);
    QVERIFY(window->findChild<QAction*>(QStringLiteral("actionExportKeyImage"))->isEnabled());
    auto* viewport = window->viewport();
    viewport->flipHorizontal();
    const QRectF box(150, 210, 120, 90);
    const QString id = window->measurements()->addRegionOfInterest(box, false);
    QTest::qWait(600);  // the key image follows the view after a short pause
    const QString withBox = m_dir.filePath(QStringLiteral("key-with-box.dcm"));
    QVERIFY(exportFrom(*report, ExportFormat::KeyImage, withBox));
    const QString presentationState = m_dir.filePath(QStringLiteral("presentation-state.dcm"));
    QVERIFY(exportFrom(*report, ExportFormat::PresentationState, presentationState));

    QVERIFY(window->measurements()->removeMeasurement(id));
    QTest::qWait(600);
    const QString plain = m_dir.filePath(QStringLiteral("key-plain.dcm"));
    QVERIFY(exportFrom(*report, ExportFormat::KeyImage, plain));
    // The middle of the box's top edge, where the view (mirrored) shows it: drawn in one, not the other.
    const QPoint onOutline = viewport->transform().imageToScreen(QPointF(box.center().x(), box.top())).toPoint();
    const QColor outlined = secondaryCapturePixel(withBox, onOutline);
    const QColor underneath = secondaryCapturePixel(plain, onOutline);
    QVERIFY(outlined.isValid() && underneath.isValid());
    QVERIFY2(outlined != underneath, qPrintable(outlined.name()));
    // Away from the box the two captures agree.
    const QPoint away = viewport->transform().imageToScreen(QPointF(30, 30)).toPoint();
    QCOMPARE(secondaryCapturePixel(withBox, away), secondaryCapturePixel(plain, away));

    // The presentation state records the mirror and the rectangle at its image coordinates.
    DcmFileFormat file;
    QVERIFY(file.loadFile(presentationState.toUtf8().constData()).good());
    DcmDataset& dataset = *file.getDataset();
    OFString flip;
    QVERIFY(dataset.findAndGetOFString(DCM_ImageHorizontalFlip, flip).good());
    QCOMPARE(QString::fromLatin1(flip.c_str()), QStringLiteral("Y"));
    DcmSequenceOfItems* annotations = nullptr;
    QVERIFY(dataset.findAndGetSequence(DCM_GraphicAnnotationSequence, annotations).good());
    bool found = false;
    for (unsigned long i = 0; i < annotations->card(); ++i) {
      OFString layer;
      annotations->getItem(i)->findAndGetOFString(DCM_GraphicLayer, layer);
      DcmItem* graphic = nullptr;
      if (layer != "READER" ||
          annotations->getItem(i)->findAndGetSequenceItem(DCM_GraphicObjectSequence, graphic, 0).bad())
        continue;
      const Float32* data = nullptr;
      unsigned long count = 0;
      graphic->findAndGetFloat32Array(DCM_GraphicData, data, &count);
      found = found || (count == 10 && data[0] == 150.0f && data[1] == 210.0f && data[4] == 270.0f && data[5] == 300.0f);
    }
    QVERIFY2(found, "no READER rectangle at (150, 210)-(270, 300)");
  }

  void presentationStateCarriesTheAnatomyAndTheQuestionRegions() {
    using anatomix::report::ExportFormat;
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, writeFile(QStringLiteral("DX"), QStringLiteral("PA"))));
    auto* report = qobject_cast<anatomix::report::ReportPanel*>(window->reportPanel());
    QVERIFY(report);
    window->viewport()->flipHorizontal();  // the view's mirror changes neither boxes nor names
    // One region asked about, one drawn afterwards and not asked about.
    const QRectF asked(60, 80, 90, 70), drawn(220, 300, 50, 40);
    window->userRegions()->addRegion(asked);
    QSignalSpy answered(window->readingAssistant(), &ReadingAssistant::askFinished);
    window->askPanel()->describeRegions();
    QVERIFY(answered.wait(10000));
    const QString answer = window->askPanel()->regionAnswerText();
    QVERIFY(!answer.isEmpty());
    window->userRegions()->addRegion(drawn);
    const QString path = m_dir.filePath(QStringLiteral("presentation-state-layers.dcm"));
    QVERIFY(exportFrom(*report, ExportFormat::PresentationState, path));

    DcmFileFormat file;
    QVERIFY(file.loadFile(path.toUtf8().constData()).good());
    DcmDataset& dataset = *file.getDataset();
    const auto& anatomies = window->readingAssistant()->analysis()->analysis.anatomies;
    QCOMPARE(anatomies.size(), std::size_t(36));
    const QVector<LayerGraphic> anatomy = graphicsOnLayer(dataset, anatomix::report::kAnatomyGraphicLayer);
    QCOMPARE(anatomy.size(), 36);
    for (int i = 0; i < 36; ++i) {
      const auto& box = anatomies[std::size_t(i)].box;
      const QRectF expected = QRectF(QPointF(box.x1, box.y1), QPointF(box.x2, box.y2)).normalized()
                                  .intersected(QRectF(0, 0, 400, 480));
      QCOMPARE(anatomy[i].text, QString::fromStdString(anatomies[std::size_t(i)].name));
      QCOMPARE(anatomy[i].points.size(), 5);
      for (int j = 0; j < 5; ++j) {
        QVERIFY2(qAbs(anatomy[i].points[j].x() - closedRectangle(expected)[j].x()) < 1e-3 &&
                     qAbs(anatomy[i].points[j].y() - closedRectangle(expected)[j].y()) < 1e-3,
                 qPrintable(anatomy[i].text));
      }
    }
    const QVector<LayerGraphic> questions = graphicsOnLayer(dataset, anatomix::report::kQuestionGraphicLayer);
    QCOMPARE(questions.size(), 2);
    QCOMPARE(questions[0].points, closedRectangle(asked));
    QVERIFY2(questions[0].text.startsWith(QStringLiteral("Describe 1 region")), qPrintable(questions[0].text));
    QVERIFY2(questions[0].text.endsWith(answer.simplified()), qPrintable(questions[0].text));
    QCOMPARE(questions[1].points, closedRectangle(drawn));
    QVERIFY(questions[1].text.isEmpty());

    // Another image: while it is being analysed, the anatomy of the first one does not come along.
    m_engine->holdAnalysis = true;
    window->openPaths({writeFile(QStringLiteral("DX"), QStringLiteral("PA"))});
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->analysesWaiting >= 1, 30000);
    QVERIFY(report->exportOptions().anatomies.isEmpty());
    QSignalSpy analysed(window->readingAssistant(), &ReadingAssistant::analysisFinished);
    m_engine->holdAnalysis = false;
    QVERIFY(analysed.wait(30000));
    QCOMPARE(report->exportOptions().anatomies.size(), 36);
    window->userRegions()->removeAllRegions();
    QVERIFY(report->exportOptions().questionRegions.isEmpty());
  }

  void anteroposteriorViewCarriesTheCaveat() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, writeFile(QStringLiteral("CR"), QStringLiteral("AP"))));
    QVERIFY(window->cardiothoracicRatio()->anteroposterior());
    QVERIFY2(ratioFinding(*window).endsWith(QStringLiteral("AP view: magnified, CTR overestimates.")),
             qPrintable(ratioFinding(*window)));
    const auto* thorax = window->measurements()->measurement(QString::fromLatin1(CardiothoracicRatioCallipers::kThoracicId));
    QVERIFY(thorax && thorax->label.contains(QStringLiteral("AP view: magnified")));
  }

  void refusedImagesWaitForTheReadersOverride_data() {
    QTest::addColumn<QString>("modality");
    QTest::addColumn<QString>("viewPosition");
    QTest::addColumn<QString>("banner");
    QTest::newRow("CT slice") << "CT" << "" << "Not analysed: this looks like a CT slice (Modality CT).";
    QTest::newRow("lateral view") << "DX" << "LL" << "Not analysed: this looks like a lateral view (View Position LL).";
  }

  void refusedImagesWaitForTheReadersOverride() {
    QFETCH(QString, modality);
    QFETCH(QString, viewPosition);
    QFETCH(QString, banner);
    auto window = makeWindow();
    QVERIFY(window);
    QSignalSpy loaded(window.get(), &MainWindow::loadingFinished);
    window->openPaths({writeFile(modality, viewPosition)});
    QVERIFY(loaded.wait(30000));
    QTRY_COMPARE(window->gateBannerText(), banner);
    QTest::qWait(200);
    QCOMPARE(m_engine->analyseCalls.load(), 0);
    QVERIFY(!window->cardiothoracicRatio()->isShown());
    saveShot(*window, QStringLiteral("reading-tools-refused-%1.png").arg(modality));
    // Analyse anyway: this image, once.
    QSignalSpy analysed(window->readingAssistant(), &ReadingAssistant::analysisFinished);
    window->readingAssistant()->analyseDespiteGate();
    QVERIFY(analysed.wait(30000));
    QCOMPARE(m_engine->analyseCalls.load(), 1);
    QVERIFY(window->gateBannerText().isEmpty());
  }

  void darkThemeByDefaultAndTheLightOneIsKept() {
    {
      auto window = makeWindow(QStringLiteral("theme.ini"));
      QVERIFY(window);
      QCOMPARE(window->theme(), Theme::Dark);
      QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
      QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
      window->findChild<QAction*>(QStringLiteral("actionThemeLight"))->trigger();
      QCOMPARE(window->theme(), Theme::Light);
      QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
      QCOMPARE(window->settings().theme(), QStringLiteral("light"));
    }
    auto again = makeWindow(QStringLiteral("theme.ini"));
    QVERIFY(again);
    QCOMPARE(again->theme(), Theme::Light);
    QVERIFY(again->findChild<QAction*>(QStringLiteral("actionThemeLight"))->isChecked());
    again->setTheme(Theme::Dark);
  }

  void fullScreenReadingHidesTheDocks() {
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(openAndAnalyse(*window, writeFile(QStringLiteral("DX"), QStringLiteral("PA"))));
    QStringList shown;
    for (QDockWidget* dock : window->findChildren<QDockWidget*>())
      if (dock->isVisible()) shown << dock->objectName();
    QVERIFY(!shown.isEmpty());
    QAction* reading = window->findChild<QAction*>(QStringLiteral("actionReadingMode"));
    QCOMPARE(reading->shortcut(), QKeySequence(Qt::Key_F11));
    reading->trigger();
    QVERIFY(window->isReadingMode());
    for (QDockWidget* dock : window->findChildren<QDockWidget*>()) QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
    QVERIFY(!window->menuBar()->isVisible());
    QVERIFY(window->viewport()->isVisible());
    saveShot(*window, QStringLiteral("reading-tools-full-screen.png"));
    reading->trigger();
    QVERIFY(!window->isReadingMode());
    QVERIFY(window->menuBar()->isVisible());
    QStringList after;
    for (QDockWidget* dock : window->findChildren<QDockWidget*>())
      if (dock->isVisible()) after << dock->objectName();
    QCOMPARE(after, shown);
  }
};

QTEST_MAIN(ReadingToolsTest)
#include "reading_tools_test.moc"
