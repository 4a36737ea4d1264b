// EngineWorker: the worker-thread adapter between the GUI and the AnatomiX engine. It owns an
// EngineBackend on its own QThread and runs requests (load a bundle, analyse an image, ask a task)
// one at a time from a queue. Results, streamed text and progress come back to the GUI thread as
// signals carrying plain values; the GUI thread never waits on the engine.
//
// Every request gets an id (> 0). cancel(id) sets the request's atomic flag (the engine polls it
// between layers and tokens and throws anatomix::Cancelled) or drops it from the queue; either way
// requestCancelled(id) follows and nothing else for that id. The destructor cancels everything and
// joins the thread.
//
// Coordinates: boxes in results and regions in requests are in pixels of the image as stored and
// displayed. The model sees the pixels as they are (names follow the anatomy in the pixels,
// anatomix/laterality.h), whatever the header says. Only the flip check analyses with mirrorPixels:
// the worker mirrors the pixels before analysis and every box back (anatomix::mirror_box), so its
// overlays land on the displayed anatomy.
// Public functions: GUI thread only. Signals are emitted on the GUI thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include <QObject>
#include <QRectF>
#include <QString>
#include <QThread>
#include <QVector>

#include "anatomix/engine.h"

namespace anatomix::image {
struct DecodedImage;
}

namespace anatomix::ui {

class EngineBackend;

// An analysis in display coordinates, shared read-only between the GUI and later ask requests.
struct ImageAnalysis {
  QString imagePath;
  int width = 0;
  int height = 0;
  bool pixelsMirrored = false;  // the model saw mirror(image) (the flip check); boxes are already mapped back
  Analysis analysis;            // anatomies[i].box in displayed-image pixels
};

struct AskInput {
  Task task = Task::ReportGeneration;
  QString text;              // phrase, anatomy name or question
  QVector<QRectF> regions;   // displayed-image pixels
  int maxNewTokens = 256;
};

struct EngineLoadSettings {
  QString bundleDir;
  Device device = Device::Cpu;
  int threads = 0;  // 0: all cores
};

class EngineWorker : public QObject {
  Q_OBJECT
 public:
  explicit EngineWorker(std::unique_ptr<EngineBackend> backend, QObject* parent = nullptr);
  ~EngineWorker() override;

  int loadBundle(const EngineLoadSettings& settings);
  // Converts `image` to the model input (anatomix::image::to_model_input) on the worker thread.
  // `mirrorPixels`: analyse the mirrored pixels instead (the flip check).
  int analyse(std::shared_ptr<const image::DecodedImage> image, bool mirrorPixels = false);
  int ask(std::shared_ptr<const ImageAnalysis> analysis, const AskInput& input);
  void cancel(int requestId);
  void cancelAll();

  bool isBusy() const { return m_pendingRequests > 0; }
  bool isModelLoaded() const { return m_modelLoaded; }
  BundleInfo bundleInfo() const { return m_bundleInfo; }

 signals:
  void bundleLoaded(int requestId, const anatomix::BundleInfo& info);
  void progress(int requestId, double fraction, const QString& stage);
  void analysisReady(int requestId, std::shared_ptr<const anatomix::ui::ImageAnalysis> analysis);
  void textStreamed(int requestId, const QString& piece);
  // answer.grounded boxes are in displayed-image pixels.
  void answerReady(int requestId, const anatomix::Answer& answer);
  // Loading, analysing or asking failed; `message` is a sentence a user can read.
  void requestFailed(int requestId, const QString& message);
  void requestCancelled(int requestId);
  void busyChanged(bool busy);

 private:
  struct Job {
    int id = 0;
    std::shared_ptr<std::atomic<bool>> cancel;
    std::function<void(EngineBackend&, const std::atomic<bool>&)> run;  // worker thread
  };
  int enqueue(std::function<void(EngineBackend&, const std::atomic<bool>&)> run);
  void runLoop();  // worker thread
  // Posts `deliver` to the GUI thread; it runs there unless the request was cancelled meanwhile.
  void post(int requestId, std::function<void()> deliver);
  void finishRequest(int requestId);  // GUI thread
  // Worker thread: runs `body`, which posts the request's result itself; a failure or a
  // cancellation it throws is posted here instead, so every request has exactly one outcome.
  void runReportingFailure(int requestId, const std::function<void()>& body);

  std::unique_ptr<EngineBackend> m_backend;  // used on the worker thread only
  // Worker thread only: the conversation about the analysis asked about last, so that a follow-up question
  // prefills only what its prompt does not share with the previous one; another analysis starts a new one.
  std::shared_ptr<const ImageAnalysis> m_askedAnalysis;
  std::unique_ptr<AskSession> m_askSession;
  QThread* m_thread = nullptr;

  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Job> m_queue;               // guarded by m_mutex
  Job m_running;                         // guarded by m_mutex (id 0: none)
  bool m_stopping = false;               // guarded by m_mutex

  // GUI-thread state.
  int m_nextRequestId = 1;
  int m_pendingRequests = 0;
  QVector<int> m_cancelledIds;  // ids whose results are dropped (cancel() answered already)
  bool m_modelLoaded = false;
  BundleInfo m_bundleInfo;
};

// Display name of a device setting ("cpu", "cuda") and back; unknown text gives Cpu.
Device deviceFromName(const QString& name);
QString deviceName(Device device);

}  // namespace anatomix::ui

Q_DECLARE_METATYPE(anatomix::BundleInfo)
Q_DECLARE_METATYPE(anatomix::Answer)
Q_DECLARE_METATYPE(std::shared_ptr<const anatomix::ui::ImageAnalysis>)
