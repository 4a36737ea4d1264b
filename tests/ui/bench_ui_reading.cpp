// Benchmark: how responsive the main window stays while the real engine works (the test bundle: random APM
// and projectors around the real Gemma 3 270M; fixture engine.fixture.bundle). Prints the longest gap between
// ticks of a 5 ms GUI-thread timer while a study is analysed and while an answer streams in, beside the same
// probe on the idle window in the same run (the peer: what the X server and the machine's load cost alone),
// and how soon a stopped report shows stopped and the engine thread lets go.
// Figures only; nothing is asserted. Run under an X server (xvfb-run).
//
// usage: bench_ui_reading --bundle DIR
#include <cstdio>
#include <cstring>

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "anatomix/ui/ask_panel.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/user_region_layer.h"
#include "test_dicom_files.h"

using anatomix::ui::EngineWorker;
using anatomix::ui::MainWindow;
using anatomix::ui::ReadingAssistant;
using anatomix::ui::WorkstationSettings;

namespace {

// Largest gap between ticks of a 5 ms GUI-thread timer since construction.
class EventLoopProbe {
 public:
  EventLoopProbe() {
    m_timer.setInterval(5);
    QObject::connect(&m_timer, &QTimer::timeout, [this]() { m_maxGapMs = qMax(m_maxGapMs, m_sinceTick.restart()); });
    m_sinceTick.start();
    m_timer.start();
  }
  qint64 maxGapMs() const { return m_maxGapMs; }

 private:
  QTimer m_timer;
  QElapsedTimer m_sinceTick;
  qint64 m_maxGapMs = 0;
};

int fail(const char* what) {
  std::fprintf(stderr, "bench_ui_reading: %s\n", what);
  return 1;
}

}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QString bundle;
  for (int i = 1; i + 1 < argc; i += 2)
    if (std::strcmp(argv[i], "--bundle") == 0) bundle = QString::fromLocal8Bit(argv[i + 1]);
  if (bundle.isEmpty()) return fail("usage: bench_ui_reading --bundle DIR");
  if (!QFileInfo::exists(bundle + QStringLiteral("/config.json"))) {
    std::fprintf(stderr,
                 "bench_ui_reading: no test bundle at %s; make it with `ctest --test-dir build -R engine.fixture.bundle`\n",
                 qPrintable(bundle));
    return 1;
  }

  QTemporaryDir dir;
  const QString study = dir.filePath(QStringLiteral("chest.dcm"));
  if (!anatomix::ui::testing::writeDxFile(study)) return fail("cannot write the study");
  auto settings = std::make_unique<WorkstationSettings>(dir.filePath(QStringLiteral("settings.ini")));
  settings->setBundleDir(bundle);
  MainWindow window(std::move(settings));  // the LibTorch engine
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) return fail("the window was not shown");
  QApplication::setActiveWindow(&window);
  ReadingAssistant* assistant = window.readingAssistant();
  if (!QTest::qWaitFor([&] { return assistant->modelState() != ReadingAssistant::ModelState::Loading; }, 90000) ||
      assistant->modelState() != ReadingAssistant::ModelState::Ready)
    return fail("the model did not load");

  QSignalSpy analysed(assistant, &ReadingAssistant::analysisFinished);
  window.openPaths({study});
  if (!analysed.wait(90000)) return fail("the first analysis did not finish");
  QTest::qWait(500);

  // The peer: the same window with nothing to do, probed as long as a typical analysis.
  qint64 idleGapMs = 0;
  {
    EventLoopProbe probe;
    QTest::qWait(3000);
    idleGapMs = probe.maxGapMs();
  }

  // Analyse again (Ctrl+Shift+A), probing from the request until the results are on screen.
  qint64 analysisGapMs = 0;
  {
    EventLoopProbe probe;
    QTest::keyClick(&window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    if (!analysed.wait(90000)) return fail("the analysis did not finish");
    QTest::qWait(300);
    analysisGapMs = probe.maxGapMs();
  }
  const double engineSeconds = assistant->analysis()->analysis.seconds;

  // Describe a drawn region (Ctrl+Shift+D), probing while the first pieces stream in, then stop the rest.
  window.userRegions()->addRegion(QRectF(120, 150, 140, 160));
  if (!QTest::qWaitFor([&] { return window.askPanel()->describeButton()->isEnabled(); }, 5000))
    return fail("describe is not enabled");
  QSignalSpy streamed(assistant->worker(), &EngineWorker::textStreamed);
  QSignalSpy asked(assistant, &ReadingAssistant::askFinished);
  QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
  if (!streamed.wait(100000)) return fail("describe streamed nothing");
  qint64 generationGapMs = 0;
  {
    EventLoopProbe probe;
    if (!QTest::qWaitFor([&] { return streamed.count() >= 4 || asked.count() > 0; }, 60000))
      return fail("describe streamed fewer than 4 pieces in 60 s");
    generationGapMs = probe.maxGapMs();
  }
  if (assistant->isAsking()) QTest::keyClick(&window, Qt::Key_Period, Qt::ControlModifier);
  if (!QTest::qWaitFor([&] { return !assistant->worker()->isBusy(); }, 30000)) return fail("describe did not stop");

  // Stop a report (Ctrl+.) once it streams: when it shows stopped, and when the engine thread lets go (it
  // polls the flag between tokens).
  QSignalSpy reportStreamed(assistant->worker(), &EngineWorker::textStreamed);
  QSignalSpy cancelled(assistant->worker(), &EngineWorker::requestCancelled);
  assistant->generateReport();
  if (!reportStreamed.wait(100000)) return fail("the report streamed nothing");
  QElapsedTimer latency;
  latency.start();
  QTest::keyClick(&window, Qt::Key_Period, Qt::ControlModifier);
  const qint64 shownStoppedMs = latency.elapsed();
  if (assistant->isAsking()) return fail("Stop did not stop the report");
  if (cancelled.count() == 0 && !cancelled.wait(5000)) return fail("the engine thread did not acknowledge Stop");
  const qint64 acknowledgedMs = latency.elapsed();
  if (!QTest::qWaitFor([&] { return !assistant->worker()->isBusy(); }, 30000)) return fail("the report did not stop");

  std::printf("bench_ui_reading: longest GUI event-loop gap (5 ms timer), real engine on the test bundle\n");
  std::printf("  idle window, 3 s (peer):               %lld ms\n", static_cast<long long>(idleGapMs));
  std::printf("  analysis, request -> results shown:    %lld ms (%.2f s in the engine)\n",
              static_cast<long long>(analysisGapMs), engineSeconds);
  std::printf("  describe, while pieces stream in:      %lld ms (%lld pieces)\n",
              static_cast<long long>(generationGapMs), static_cast<long long>(streamed.count()));
  std::printf("  report Stop: shown stopped after %lld ms, engine thread let go after %lld ms\n",
              static_cast<long long>(shownStoppedMs), static_cast<long long>(acknowledgedMs));
  return 0;
}
