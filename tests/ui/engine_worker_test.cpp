// EngineWorker with the scripted test model: requests run in order off the GUI thread, text streams
// through queued signals, every request ends with exactly one outcome (result, failure or
// cancellation), mirrored analyses (the flip check's) come back in displayed-image pixels, follow-up
// questions continue the AskSession of their analysis, and the GUI thread keeps turning its event loop
// meanwhile.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "anatomix/image/decoded_image.h"
#include "anatomix/laterality.h"
#include "anatomix/ui/engine_worker.h"
#include "scripted_engine_backend.h"

using anatomix::ui::EngineWorker;
using anatomix::ui::ImageAnalysis;
using anatomix::ui::testing::ScriptedEngineBackend;

namespace {

// A small 8-bit image with its bright "heart" on the image right.
std::shared_ptr<const anatomix::image::DecodedImage> thoraxImage(int width = 64, int height = 80) {
  auto image = std::make_shared<anatomix::image::DecodedImage>();
  image->path = "synthetic.png";
  image->format = anatomix::image::SourceFormat::Png;
  image->width = width;
  image->height = height;
  image->bits_stored = 8;
  image->stored.assign(static_cast<std::size_t>(width) * height, 20);
  for (int y = height / 2; y < height * 5 / 6; ++y)
    for (int x = width / 2; x < width * 4 / 5; ++x) image->stored[static_cast<std::size_t>(y) * width + x] = 220;
  image->min_stored = 20;
  image->max_stored = 220;
  return image;
}

// Largest gap between ticks of a 5 ms timer on the GUI thread while `done` is false.
struct EventLoopProbe {
  QTimer timer;
  QElapsedTimer clock;
  qint64 last = 0;
  qint64 maxGapMs = 0;
  EventLoopProbe() {
    timer.setInterval(5);
    QObject::connect(&timer, &QTimer::timeout, [this]() {
      const qint64 now = clock.elapsed();
      maxGapMs = qMax(maxGapMs, now - last);
      last = now;
    });
    clock.start();
    timer.start();
  }
};

}  // namespace

class EngineWorkerTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_bundle;  // an existing folder: the scripted model only checks that

  using SideReading = ScriptedEngineBackend::SideReading;

  std::unique_ptr<EngineWorker> loadedWorker(ScriptedEngineBackend*& backend, int tokenDelayMs = 5, int tokens = 12,
                                             SideReading reading = SideReading::Anatomy) {
    auto owned = std::make_unique<ScriptedEngineBackend>(reading, tokenDelayMs, tokens);
    backend = owned.get();
    auto worker = std::make_unique<EngineWorker>(std::move(owned));
    QSignalSpy loaded(worker.get(), &EngineWorker::bundleLoaded);
    worker->loadBundle({m_bundle.path(), anatomix::Device::Cpu, 1});
    if (!loaded.wait(10000)) return nullptr;
    return worker;
  }

  static std::shared_ptr<const ImageAnalysis> analyse(EngineWorker& worker, bool mirror) {
    QSignalSpy ready(&worker, &EngineWorker::analysisReady);
    worker.analyse(thoraxImage(), mirror);
    if (!ready.wait(10000)) return nullptr;
    return ready.first().at(1).value<std::shared_ptr<const ImageAnalysis>>();
  }

 private slots:
  void missingBundleFailsWithTheFolderInTheMessage() {
    EngineWorker worker(std::make_unique<ScriptedEngineBackend>());
    QSignalSpy failed(&worker, &EngineWorker::requestFailed);
    QSignalSpy busy(&worker, &EngineWorker::busyChanged);
    const int id = worker.loadBundle({QStringLiteral("/nonexistent/bundle"), anatomix::Device::Cpu, 1});
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).toInt(), id);
    QVERIFY(failed.first().at(1).toString().contains(QLatin1String("/nonexistent/bundle")));
    QVERIFY(!worker.isModelLoaded());
    QTRY_VERIFY(!worker.isBusy());
    QCOMPARE(busy.count(), 2);  // busy, then idle
  }

  void analysisHas36BoxesAndMirroredRunsComeBackInDisplayPixels() {
    // The image-side reader, because its answer tells whether the worker mirrored the pixels and
    // mapped the boxes back: it keeps "Left lung" at the right of what it saw (mapped back: the
    // mirror of the plain run's box), while the mediastinum follows the heart (mapped back: the
    // plain run's box). Skipping either step, or both, breaks one of the two.
    ScriptedEngineBackend* backend = nullptr;
    auto worker = loadedWorker(backend, 5, 12, SideReading::ImageSide);
    QVERIFY(worker);
    const auto plain = analyse(*worker, false);
    QVERIFY(plain);
    QCOMPARE(plain->analysis.anatomies.size(), std::size_t(36));
    QVERIFY(!plain->pixelsMirrored);
    const auto mirrored = analyse(*worker, true);
    QVERIFY(mirrored);
    QVERIFY(mirrored->pixelsMirrored);
    const auto& left = plain->analysis.anatomies[11];
    QCOMPARE(QString::fromStdString(left.name), QStringLiteral("Left lung"));
    const anatomix::Box expected = anatomix::mirror_box(left.box, 64);
    QCOMPARE(mirrored->analysis.anatomies[11].box.x1, expected.x1);
    QCOMPARE(mirrored->analysis.anatomies[11].box.x2, expected.x2);
    const auto& mediastinum = plain->analysis.anatomies[14];
    QCOMPARE(QString::fromStdString(mediastinum.name), QStringLiteral("Mediastinum"));
    QCOMPARE(mirrored->analysis.anatomies[14].box.x1, mediastinum.box.x1);
    QCOMPARE(mirrored->analysis.anatomies[14].box.x2, mediastinum.box.x2);
  }

  void anatomyReaderGivesTheSameBoxesForTheMirroredPixels() {
    // Names follow the anatomy: the mirrored run, mapped back, is the plain run, name by name.
    ScriptedEngineBackend* backend = nullptr;
    auto worker = loadedWorker(backend);
    QVERIFY(worker);
    const auto plain = analyse(*worker, false);
    const auto mirrored = analyse(*worker, true);
    QVERIFY(plain && mirrored);
    QCOMPARE(mirrored->analysis.anatomies.size(), plain->analysis.anatomies.size());
    for (std::size_t i = 0; i < plain->analysis.anatomies.size(); ++i) {
      const auto& expected = plain->analysis.anatomies[i];
      const auto& actual = mirrored->analysis.anatomies[i];
      QCOMPARE(QString::fromStdString(actual.name), QString::fromStdString(expected.name));
      QVERIFY2(qAbs(actual.box.x1 - expected.box.x1) < 1e-3f && qAbs(actual.box.x2 - expected.box.x2) < 1e-3f,
               expected.name.c_str());
    }
  }

  void textStreamsInOrderBeforeTheAnswer() {
    ScriptedEngineBackend* backend = nullptr;
    auto worker = loadedWorker(backend);
    QVERIFY(worker);
    const auto analysis = analyse(*worker, false);
    QVERIFY(analysis);
    QSignalSpy text(worker.get(), &EngineWorker::textStreamed);
    QSignalSpy answered(worker.get(), &EngineWorker::answerReady);
    anatomix::ui::AskInput input;
    input.task = anatomix::Task::GroundedCaptioning;
    input.regions = {QRectF(10, 10, 20, 20)};
    const int id = worker->ask(analysis, input);
    QVERIFY(answered.wait(10000));
    QCOMPARE(answered.first().at(0).toInt(), id);
    QCOMPARE(text.count(), 12);
    QString streamed;
    for (const auto& arguments : text) streamed += arguments.at(1).toString();
    QCOMPARE(streamed, QString::fromStdString(answered.first().at(1).value<anatomix::Answer>().text));
  }

  void followUpQuestionsContinueTheSessionOfTheirAnalysis() {
    ScriptedEngineBackend* backend = nullptr;
    auto worker = loadedWorker(backend);
    QVERIFY(worker);
    const auto first = analyse(*worker, false);
    const auto second = analyse(*worker, false);
    QVERIFY(first && second);
    QSignalSpy answered(worker.get(), &EngineWorker::answerReady);
    anatomix::ui::AskInput input;
    input.task = anatomix::Task::ReportGeneration;
    worker->ask(first, input);
    worker->ask(first, input);
    worker->ask(second, input);
    QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 3, 10000);
    QCOMPARE(backend->askSessions.size(), std::size_t(3));
    QCOMPARE(backend->askSessions[0], backend->askSessions[1]);  // a follow-up reuses its analysis' prompt
    QVERIFY(backend->askSessions[2] != backend->askSessions[1]);  // another analysis starts a new conversation
  }

  void emptyQuestionFailsWithAMessage() {
    ScriptedEngineBackend* backend = nullptr;
    auto worker = loadedWorker(backend);
    QVERIFY(worker);
    const auto analysis = analyse(*worker, false);
    QVERIFY(analysis);
    QSignalSpy failed(worker.get(), &EngineWorker::requestFailed);
    anatomix::ui::AskInput input;
    input.task = anatomix::Task::OpenVqa;
    worker->ask(analysis, input);
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.first().at(1).toString().contains(QLatin1String("empty")));
    // Asking without an analysis is an error too, never a crash.
    worker->ask(nullptr, input);
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.last().at(1).toString().contains(QLatin1String("analysed")));
  }

  void cancellingRunningAndQueuedRequestsGivesOneOutcomeEach() {
    ScriptedEngineBackend* backend = nullptr;
    auto worker = loadedWorker(backend, 20, 200);  // 4 s of tokens unless cancelled
    QVERIFY(worker);
    const auto analysis = analyse(*worker, false);
    QVERIFY(analysis);
    QSignalSpy text(worker.get(), &EngineWorker::textStreamed);
    QSignalSpy cancelled(worker.get(), &EngineWorker::requestCancelled);
    QSignalSpy answered(worker.get(), &EngineWorker::answerReady);
    anatomix::ui::AskInput input;
    input.task = anatomix::Task::ReportGeneration;
    input.maxNewTokens = 200;
    const int running = worker->ask(analysis, input);
    const int queued = worker->ask(analysis, input);
    QVERIFY(text.wait(10000));
    QElapsedTimer latency;
    latency.start();
    worker->cancel(queued);
    worker->cancel(running);
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 2, 5000);
    const qint64 ms = latency.elapsed();
    std::printf("cancel latency (scripted model, 20 ms tokens): %lld ms\n", static_cast<long long>(ms));
    QVERIFY(ms < 200);
    QTRY_VERIFY(!worker->isBusy());
    QCOMPARE(answered.count(), 0);
    QList<int> ids{cancelled.at(0).at(0).toInt(), cancelled.at(1).at(0).toInt()};
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, (QList<int>{running, queued}));
  }

  void guiThreadKeepsTurningDuringWork() {
    ScriptedEngineBackend* backend = nullptr;
    auto worker = loadedWorker(backend, 10, 60);
    QVERIFY(worker);
    EventLoopProbe probe;
    const auto analysis = analyse(*worker, false);
    QVERIFY(analysis);
    QSignalSpy answered(worker.get(), &EngineWorker::answerReady);
    anatomix::ui::AskInput input;
    input.task = anatomix::Task::ReportGeneration;
    input.maxNewTokens = 60;
    worker->ask(analysis, input);
    QVERIFY(answered.wait(10000));
    std::printf("longest GUI event-loop gap (scripted model): %lld ms\n", static_cast<long long>(probe.maxGapMs));
    QVERIFY(probe.maxGapMs < 50);
  }
};

QTEST_GUILESS_MAIN(EngineWorkerTest)
#include "engine_worker_test.moc"
