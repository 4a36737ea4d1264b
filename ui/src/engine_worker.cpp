#include "anatomix/ui/engine_worker.h"

#include <QMetaObject>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/model_input.h"
#include "anatomix/laterality.h"
#include "anatomix/ui/engine_backend.h"
#include "anatomix/ui/logging.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {

namespace {

Box toBox(const QRectF& rect) {
  return {static_cast<float>(rect.left()), static_cast<float>(rect.top()), static_cast<float>(rect.right()),
          static_cast<float>(rect.bottom())};
}

const int kMetaTypes = [] {
  qRegisterMetaType<anatomix::BundleInfo>();
  qRegisterMetaType<anatomix::Answer>();
  qRegisterMetaType<std::shared_ptr<const anatomix::ui::ImageAnalysis>>();
  return 0;
}();

}  // namespace

Device deviceFromName(const QString& name) {
  return name.compare(QLatin1String("cuda"), Qt::CaseInsensitive) == 0 ? Device::Cuda : Device::Cpu;
}

QString deviceName(Device device) { return device == Device::Cuda ? QStringLiteral("cuda") : QStringLiteral("cpu"); }

EngineWorker::EngineWorker(std::unique_ptr<EngineBackend> backend, QObject* parent)
    : QObject(parent), m_backend(std::move(backend)) {
  (void)kMetaTypes;
  m_thread = QThread::create([this]() { runLoop(); });
  m_thread->setObjectName(QStringLiteral("EngineWorker"));
  m_thread->start();
}

EngineWorker::~EngineWorker() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopping = true;
    m_queue.clear();
    if (m_running.cancel) m_running.cancel->store(true);
  }
  m_wake.notify_all();
  m_thread->wait();
  delete m_thread;
}

int EngineWorker::enqueue(std::function<void(EngineBackend&, const std::atomic<bool>&)> run) {
  Job job;
  job.id = m_nextRequestId++;
  job.cancel = std::make_shared<std::atomic<bool>>(false);
  job.run = std::move(run);
  const int id = job.id;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_queue.push_back(std::move(job));
  }
  m_wake.notify_one();
  if (m_pendingRequests++ == 0) emit busyChanged(true);
  return id;
}

void EngineWorker::runLoop() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [this]() { return m_stopping || !m_queue.empty(); });
      if (m_stopping) return;
      job = std::move(m_queue.front());
      m_queue.pop_front();
      m_running = job;
    }
    job.run(*m_backend, *job.cancel);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_running = Job();
  }
}

void EngineWorker::post(int requestId, std::function<void()> deliver) {
  QMetaObject::invokeMethod(
      this,
      [this, requestId, deliver = std::move(deliver)]() {
        if (!m_cancelledIds.contains(requestId)) deliver();
      },
      Qt::QueuedConnection);
}

void EngineWorker::finishRequest(int requestId) {
  if (m_cancelledIds.removeAll(requestId) > 0) emit requestCancelled(requestId);
  if (--m_pendingRequests == 0) emit busyChanged(false);
}

void EngineWorker::runReportingFailure(int requestId, const std::function<void()>& body) {
  try {
    body();
  } catch (const Cancelled&) {
    QMetaObject::invokeMethod(this, [this, requestId]() {
      if (!m_cancelledIds.contains(requestId)) m_cancelledIds.push_back(requestId);
      finishRequest(requestId);
    }, Qt::QueuedConnection);
  } catch (const std::exception& error) {
    const QString message = QString::fromStdString(error.what());
    uiLogger()->warn("EngineWorker: request {} failed: {}", requestId, error.what());
    QMetaObject::invokeMethod(this, [this, requestId, message]() {
      if (!m_cancelledIds.contains(requestId)) emit requestFailed(requestId, message);
      finishRequest(requestId);
    }, Qt::QueuedConnection);
  }
}

int EngineWorker::loadBundle(const EngineLoadSettings& settings) {
  // The model loaded before stays loaded (and bundleInfo() names it) until the new one has loaded: a failed
  // load keeps it (EngineBackend::load).
  const int id = m_nextRequestId;  // the id enqueue() is about to hand out
  return enqueue([this, id, settings](EngineBackend& backend, const std::atomic<bool>& cancel) {
    runReportingFailure(id, [&]() {
      // The last session's prompt cache belongs to the model being replaced: free it now.
      m_askSession.reset();
      m_askedAnalysis.reset();
      LoadOptions options;
      options.bundle_dir = settings.bundleDir.toStdString();
      options.device = settings.device;
      options.threads = settings.threads;
      options.progress = [this, id, &cancel](float fraction, const std::string& stage) {
        post(id, [this, id, fraction, text = QString::fromStdString(stage)]() { emit progress(id, fraction, text); });
        return !cancel.load();
      };
      const BundleInfo info = backend.load(options);
      if (cancel.load()) throw Cancelled();
      QMetaObject::invokeMethod(this, [this, id, info]() {
        if (!m_cancelledIds.contains(id)) {
          m_modelLoaded = true;
          m_bundleInfo = info;
          emit bundleLoaded(id, info);
        }
        finishRequest(id);
      }, Qt::QueuedConnection);
    });
  });
}

int EngineWorker::analyse(std::shared_ptr<const image::DecodedImage> image, bool mirrorPixels) {
  const int id = m_nextRequestId;
  return enqueue([this, id, image, mirrorPixels](EngineBackend& backend, const std::atomic<bool>& cancel) {
    runReportingFailure(id, [&]() {
      if (!image || image->empty()) throw EngineError("There is no image to analyse.");
      post(id, [this, id]() { emit progress(id, 0.0, tr("Analysing the image")); });
      image::Gray8Image input = image::to_model_input(*image);
      if (mirrorPixels) input = image::mirrored(input);
      if (cancel.load()) throw Cancelled();
      GrayImageView view;
      view.pixels = input.pixels.data();
      view.width = input.width;
      view.height = input.height;
      auto result = std::make_shared<ImageAnalysis>();
      result->imagePath = QString::fromStdString(image->path);
      result->width = input.width;
      result->height = input.height;
      result->pixelsMirrored = mirrorPixels;
      result->analysis = backend.analyse(view, &cancel);
      if (mirrorPixels)
        for (AnatomyResult& anatomy : result->analysis.anatomies)
          anatomy.box = mirror_box(anatomy.box, static_cast<float>(input.width));
      std::shared_ptr<const ImageAnalysis> shared = std::move(result);
      QMetaObject::invokeMethod(this, [this, id, shared]() {
        if (!m_cancelledIds.contains(id)) emit analysisReady(id, shared);
        finishRequest(id);
      }, Qt::QueuedConnection);
    });
  });
}

int EngineWorker::ask(std::shared_ptr<const ImageAnalysis> analysis, const AskInput& input) {
  const int id = m_nextRequestId;
  return enqueue([this, id, analysis, input](EngineBackend& backend, const std::atomic<bool>& cancel) {
    runReportingFailure(id, [&]() {
      if (!analysis) throw EngineError("The image has not been analysed yet.");
      const float width = static_cast<float>(analysis->width);
      AskRequest request;
      request.task = input.task;
      request.text = input.text.toStdString();
      request.max_new_tokens = input.maxNewTokens;
      request.cancel = &cancel;
      for (const QRectF& region : input.regions) {
        const Box box = toBox(region.normalized());
        request.regions.push_back(analysis->pixelsMirrored ? mirror_box(box, width) : box);
      }
      int generated = 0;
      request.on_text = [this, id, &generated, &input](const std::string& piece) {
        const double fraction = std::min(1.0, ++generated / static_cast<double>(std::max(1, input.maxNewTokens)));
        post(id, [this, id, fraction, text = QString::fromStdString(piece)]() {
          emit textStreamed(id, text);
          emit progress(id, fraction, QString());
        });
      };
      if (!m_askSession || m_askedAnalysis != analysis) {
        m_askSession = std::make_unique<AskSession>(analysis->analysis);
        m_askedAnalysis = analysis;
      }
      Answer answer = backend.ask(*m_askSession, request);
      if (analysis->pixelsMirrored)
        for (GroundedPhrase& phrase : answer.grounded) phrase.box = mirror_box(phrase.box, width);
      QMetaObject::invokeMethod(this, [this, id, answer = std::move(answer)]() {
        if (!m_cancelledIds.contains(id)) emit answerReady(id, answer);
        finishRequest(id);
      }, Qt::QueuedConnection);
    });
  });
}

void EngineWorker::cancel(int requestId) {
  if (requestId <= 0 || m_cancelledIds.contains(requestId)) return;
  bool wasQueued = false;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
      if (it->id == requestId) {
        m_queue.erase(it);
        wasQueued = true;
        break;
      }
    }
    if (!wasQueued && m_running.id == requestId) m_running.cancel->store(true);
    else if (!wasQueued) return;  // finished already (its outcome is on the way or delivered)
  }
  m_cancelledIds.push_back(requestId);
  // A queued job never runs, so its one outcome is posted here; a running one posts its own.
  if (wasQueued) QMetaObject::invokeMethod(this, [this, requestId]() { finishRequest(requestId); }, Qt::QueuedConnection);
}

void EngineWorker::cancelAll() {
  QVector<int> ids;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const Job& job : m_queue) ids.push_back(job.id);
    if (m_running.id != 0) ids.push_back(m_running.id);
  }
  for (int id : ids) cancel(id);
}

}  // namespace anatomix::ui
