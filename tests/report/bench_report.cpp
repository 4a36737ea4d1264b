// Figures for the report room (printed, nothing asserted): the cost of one autosave (the GUI thread
// pays it on every edit) and of each export of a typical draft.
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>

#include "anatomix/report/draft_store.h"
#include "anatomix/report/report_export.h"
#include "anatomix/report/report_panel.h"
#include "report_test_files.h"

using namespace anatomix::report;

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QTemporaryDir dir;
  ReportDraft draft = test::makeDraft(test::writeChestDicom(dir.filePath("chest.dcm")));
  for (int i = 0; i < 20; ++i)
    draft.findingsText += QStringLiteral(" Sentence %1 of a typical findings section.").arg(i);

  DraftStore store(dir.filePath("drafts"));
  constexpr int kSaves = 200;
  QElapsedTimer timer;
  timer.start();
  for (int i = 0; i < kSaves; ++i) {
    draft.impressionText = QStringLiteral("edit %1").arg(i);
    store.save(draft);
  }
  const double saveMs = timer.nsecsElapsed() / 1e6 / kSaves;
  std::printf("report autosave (QSaveFile + fsync, %d findings): %.2f ms per edit (mean of %d)\n",
              static_cast<int>(draft.findings.size()), saveMs, kSaves);

  QImage keyImage(2048, 2048, QImage::Format_RGB32);
  keyImage.fill(Qt::darkGray);
  const struct {
    ExportFormat format;
    const char* name;
  } formats[] = {{ExportFormat::PlainText, "text"},
                 {ExportFormat::Pdf, "PDF (one 2048x2048 key image)"},
                 {ExportFormat::DicomSr, "DICOM SR"}};
  for (const auto& entry : formats) {
    ExportOptions options;
    for (bool deidentify : {false, true}) {
      options.removePatientIdentifiers = deidentify;
      constexpr int kRuns = 5;
      timer.restart();
      for (int i = 0; i < kRuns; ++i) {
        exportReport(entry.format, dir.filePath("bench." + exportSuffix(entry.format)), draft, {keyImage}, options);
      }
      std::printf("report export %s%s: %.1f ms (mean of %d)\n", entry.name, deidentify ? ", de-identified" : "",
                  timer.nsecsElapsed() / 1e6 / kRuns, kRuns);
    }
  }

  // The GUI thread while the panel exports a PDF with a large key image: the longest gap between
  // ticks of a 1 ms timer (the event loop keeps turning; the export runs on QtConcurrent).
  ReportPanel panel;
  panel.setDraftDirectory(dir.filePath("panel-drafts"));
  panel.openStudy(draft.study);
  panel.setFindings(draft.findings);
  QImage largeKeyImage(4096, 4096, QImage::Format_RGB32);
  largeKeyImage.fill(Qt::darkGray);
  panel.setKeyImages({largeKeyImage});
  QEventLoop loop;
  QObject::connect(&panel, &ReportPanel::exportFinished, &loop, &QEventLoop::quit);
  QObject::connect(&panel, &ReportPanel::exportFailed, &loop, &QEventLoop::quit);
  QElapsedTimer sinceTick;
  qint64 longestGapNs = 0;
  QTimer probe;
  probe.setInterval(1);
  QObject::connect(&probe, &QTimer::timeout, [&] {
    longestGapNs = std::max(longestGapNs, sinceTick.nsecsElapsed());
    sinceTick.restart();
  });
  timer.restart();
  sinceTick.start();
  probe.start();
  panel.startExport(ExportFormat::Pdf, dir.filePath("panel.pdf"));
  loop.exec();
  std::printf("report panel PDF export (4096x4096 key image): %.1f ms, longest GUI-thread gap %.1f ms\n",
              timer.nsecsElapsed() / 1e6, longestGapNs / 1e6);
  return 0;
}
