// GUI benchmark of the PACS side, beside bench_pacs's network figures:
//  1. the worklist receiving 10 000 C-FIND matches from a DcmSCP peer over a real association: time
//     to the first rows listed and to all of them, and the event loop's longest gap (target: 50 ms)
//     while they arrive, when the list is sorted by another column and when it is filtered;
//  2. the workstation window retrieving a 20-image study (1024 px) from a real Orthanc: time to the
//     first image shown in the viewer and to the whole study listed, by C-GET and by C-MOVE, with the
//     event loop's longest gap meanwhile, and for reference the same study opened from a local folder
//     (what showing and analysing an image costs the GUI thread whatever its source).
// Medians of 3 runs. Prints figures, asserts nothing. Without a display it runs on Qt's offscreen platform.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "anatomix/ui/main_window.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/worklist/worklist_panel.h"
#include "find_scp.h"
#include "orthanc_server.h"
#include "scripted_engine_backend.h"
#include "test_studies.h"

namespace {

namespace test = anatomix::network::test;
using test::median;
using anatomix::ui::MainWindow;
using anatomix::worklist::WorklistPanel;

// The longest time between two turns of the event loop, from a timer asked to fire every 2 ms.
class GapProbe {
 public:
  GapProbe() {
    m_timer.setInterval(2);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
      const qint64 now = m_clock.elapsed();
      m_longest = std::max(m_longest, now - m_last);
      m_last = now;
    });
  }
  void start() {
    m_longest = 0;
    m_clock.start();
    m_last = 0;
    m_timer.start();
  }
  qint64 stop() {
    m_timer.stop();
    return m_longest;
  }

 private:
  QTimer m_timer;
  QElapsedTimer m_clock;
  qint64 m_last = 0;
  qint64 m_longest = 0;
};

// Runs the event loop until `done` holds (checked every 2 ms) or `seconds` pass; false on timeout.
bool waitFor(const std::function<bool()>& done, double seconds) {
  QElapsedTimer clock;
  clock.start();
  QEventLoop loop;
  QTimer check;
  check.setInterval(2);
  QObject::connect(&check, &QTimer::timeout, [&] {
    if (done() || clock.elapsed() > seconds * 1000) loop.quit();
  });
  check.start();
  if (!done()) loop.exec();
  return done();
}

int benchWorklist() {
  constexpr int kStudies = 10000;
  test::ManyStudiesFindScp pacs(kStudies);
  std::vector<double> first, all, arrivalGap, sortGap, filterGap;
  for (int run = 0; run < 3; ++run) {
    WorklistPanel panel;
    panel.setNode(pacs.node());
    panel.resize(1000, 600);
    panel.show();
    QElapsedTimer clock;
    double firstMs = -1;
    QObject::connect(panel.table()->model(), &QAbstractItemModel::modelReset, &panel, [&] {
      if (firstMs < 0 && panel.studyCount() > 0) firstMs = clock.elapsed();
    });
    bool finished = false;
    QObject::connect(&panel, &WorklistPanel::searchFinished, &panel, [&] { finished = true; });
    GapProbe probe;
    probe.start();
    clock.start();
    panel.search();
    if (!waitFor([&] { return finished; }, 120) || panel.studyCount() != kStudies) {
      std::fprintf(stderr, "bench_pacs_gui: the worklist listed %d of %d studies\n", panel.studyCount(), kStudies);
      return 1;
    }
    all.push_back(clock.elapsed());
    first.push_back(firstMs);
    arrivalGap.push_back(static_cast<double>(probe.stop()));
    // Sorting and filtering run on the GUI thread: their duration is the gap they cause.
    QElapsedTimer step;
    step.start();
    panel.table()->sortByColumn(1, Qt::AscendingOrder);
    sortGap.push_back(step.nsecsElapsed() / 1e6);
    step.start();
    panel.setListFilter(QStringLiteral("PID-0004"));
    filterGap.push_back(step.nsecsElapsed() / 1e6);
    panel.setListFilter(QString());
  }
  std::printf("Worklist: %d C-FIND matches from a DcmSCP peer on loopback, median of 3 runs\n", kStudies);
  std::printf("  first rows listed %.0f ms   all listed %.0f ms\n", median(first), median(all));
  std::printf("  longest event-loop gap: while arriving %.0f ms   sorting by patient ID %.1f ms   filtering %.1f ms"
              "   (target 50 ms)\n",
              median(arrivalGap), median(sortGap), median(filterGap));
  std::fflush(stdout);  // before Orthanc's fork, which would write the buffer again
  return 0;
}

int benchWindow(const QString& scratch) {
  test::OrthancServer server((scratch + QStringLiteral("/orthanc")).toStdString());
  constexpr int kImages = 20;
  const auto study = test::make_study((scratch + QStringLiteral("/study")).toStdString(), "BENCH^GUI", "PID-GUI",
                                      "20240101", "ACC-GUI", 0, kImages, false, 1024);
  test::upload_with_storescu(server.node(), study.files);
  QDir(scratch).mkpath(QStringLiteral("bundle"));
  const QString node = QString::fromStdString(anatomix::network::describe(server.node()));
  for (const QString method : {QStringLiteral("get"), QStringLiteral("move")}) {
    std::vector<double> first, all, gap;
    for (int run = 0; run < 3; ++run) {
      const QString cache = scratch + QStringLiteral("/cache-%1-%2").arg(method).arg(run);
      auto settings = std::make_unique<anatomix::ui::WorkstationSettings>(scratch + QStringLiteral("/settings.ini"));
      settings->setBundleDir(scratch + QStringLiteral("/bundle"));
      settings->setPacsNode(node);
      settings->setPacsCallingAeTitle(QStringLiteral("ANATOMIX"));
      settings->setStudyCacheFolder(cache);
      settings->setPacsRetrieveMethod(method);
      settings->setPacsStoragePort(server.node().storage_port);
      settings->setStudyCacheLimitMB(0);
      MainWindow window(std::move(settings), std::make_unique<anatomix::ui::testing::ScriptedEngineBackend>());
      window.resize(1200, 900);
      window.show();
      waitFor([&] { return !window.isLoading(); }, 30);
      const QString folder = QDir(cache).filePath(QString::fromStdString(study.study_uid));
      QElapsedTimer clock;
      double firstMs = -1;
      GapProbe probe;
      probe.start();
      clock.start();
      window.retrieveStudy(QString::fromStdString(study.study_uid));
      const bool done = waitFor(
          [&] {
            if (firstMs < 0 && window.viewport()->image() && window.currentImagePath().startsWith(folder))
              firstMs = clock.elapsed();
            return firstMs >= 0 && !window.isLoading();
          },
          120);
      all.push_back(clock.elapsed());
      gap.push_back(static_cast<double>(probe.stop()));
      first.push_back(firstMs);
      if (!done || !window.errorText().isEmpty()) {
        std::fprintf(stderr, "bench_pacs_gui: %s retrieval did not finish: %s\n", qPrintable(method),
                     qPrintable(window.errorText()));
        return 1;
      }
    }
    std::printf("Window, %s of a %d-image study (1024 px) from Orthanc on loopback, median of 3 runs\n",
                method == QLatin1String("get") ? "C-GET" : "C-MOVE", kImages);
    std::printf("  first image shown %.0f ms   study retrieved and listed %.0f ms   longest event-loop gap %.0f ms\n",
                median(first), median(all), median(gap));
    std::fflush(stdout);
  }
  std::vector<double> first, all, gap;
  const QString local = QString::fromStdString(std::filesystem::path(study.files.front()).parent_path().string());
  for (int run = 0; run < 3; ++run) {
    auto settings = std::make_unique<anatomix::ui::WorkstationSettings>(scratch + QStringLiteral("/settings.ini"));
    settings->setBundleDir(scratch + QStringLiteral("/bundle"));
    MainWindow window(std::move(settings), std::make_unique<anatomix::ui::testing::ScriptedEngineBackend>());
    window.resize(1200, 900);
    window.show();
    waitFor([&] { return !window.isLoading(); }, 30);
    QElapsedTimer clock;
    double firstMs = -1;
    GapProbe probe;
    probe.start();
    clock.start();
    window.openPaths({local});
    waitFor(
        [&] {
          if (firstMs < 0 && window.viewport()->image()) firstMs = clock.elapsed();
          return firstMs >= 0 && !window.isLoading();
        },
        120);
    all.push_back(clock.elapsed());
    gap.push_back(static_cast<double>(probe.stop()));
    first.push_back(firstMs);
  }
  std::printf("Window, the same study opened from a local folder (reference), median of 3 runs\n");
  std::printf("  first image shown %.0f ms   study listed %.0f ms   longest event-loop gap %.0f ms\n", median(first),
              median(all), median(gap));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  test::TempFolder folder("bench-pacs-gui");
  const QString scratch = QString::fromStdString(folder.path().string());
  // The window's settings, logs and queues stay in the scratch folder.
  qputenv("XDG_CONFIG_HOME", (scratch + QStringLiteral("/config")).toUtf8());
  qputenv("XDG_DATA_HOME", (scratch + QStringLiteral("/data")).toUtf8());
  if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  try {
    if (const int rc = benchWorklist()) return rc;
    return benchWindow(scratch);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_pacs_gui: %s\n", error.what());
    return 1;
  }
}
