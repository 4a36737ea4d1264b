// Benchmark: opening a 5000 x 5000 16-bit DX in the real main window. Prints the time from open
// to the image on screen, the longest stall of the GUI thread's event loop while it loaded (a
// 5 ms timer that should keep ticking), the time per window/level change and peak memory.
// Figures only; nothing is asserted. Run under an X server (xvfb-run).
#include <cstdio>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include "anatomix/ui/main_window.h"
#include "anatomix/viewer/image_viewport.h"
#include "test_dicom_files.h"

namespace {
long peakResidentKb() {
  QFile status(QStringLiteral("/proc/self/status"));
  if (!status.open(QIODevice::ReadOnly)) return -1;
  for (const QByteArray& line : status.readAll().split('\n'))
    if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').first().toLong();
  return -1;
}
}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QTemporaryDir dir;
  const QString file = dir.filePath(QStringLiteral("dx_5000.dcm"));
  anatomix::ui::testing::DxFileSpec spec;
  spec.width = 5000;
  spec.height = 5000;
  if (!anatomix::ui::testing::writeDxFile(file, spec)) {
    std::fprintf(stderr, "bench_ui_loading: cannot write %s\n", qPrintable(file));
    return 1;
  }
  anatomix::ui::MainWindow window(std::make_unique<anatomix::ui::WorkstationSettings>(dir.filePath("bench.ini")));
  window.show();
  QSignalSpy shown(&window, &anatomix::ui::MainWindow::loadingFinished);
  QCoreApplication::processEvents();

  // The GUI thread's responsiveness: the longest gap between ticks of a 5 ms timer.
  QElapsedTimer sinceTick;
  qint64 longestGapMs = 0;
  QTimer ticker;
  ticker.setInterval(5);
  QObject::connect(&ticker, &QTimer::timeout, [&]() {
    longestGapMs = qMax(longestGapMs, sinceTick.restart());
  });

  QElapsedTimer total;
  total.start();
  sinceTick.start();
  ticker.start();
  window.openPaths({file});
  if (!shown.wait(120000)) {
    std::fprintf(stderr, "bench_ui_loading: the image did not load within 120 s\n");
    return 1;
  }
  const qint64 openMs = total.elapsed();
  ticker.stop();

  auto* viewport = window.viewport();
  QElapsedTimer windowTimer;
  windowTimer.start();
  const int changes = 20;
  for (int i = 0; i < changes; ++i) {
    viewport->setWindowLevel(20000 + 500 * i, 30000 - 500 * i);
    viewport->repaint();
  }
  const double perChangeMs = double(windowTimer.elapsed()) / changes;

  std::printf("bench_ui_loading: 5000 x 5000 16-bit DX (%s)\n", viewport->image() ? "shown" : "NOT shown");
  std::printf("  open -> image on screen:          %lld ms\n", static_cast<long long>(openMs));
  std::printf("  longest GUI event-loop stall:     %lld ms (5 ms timer during the load)\n",
              static_cast<long long>(longestGapMs));
  std::printf("  window/level change incl. paint:  %.1f ms\n", perChangeMs);
  std::printf("  peak resident memory:             %ld MB\n", peakResidentKb() / 1024);
  return 0;
}
