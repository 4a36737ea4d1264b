#include "anatomix/ui/study_loader.h"

#include <algorithm>
#include <exception>

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/image_decoder.h"
#include "anatomix/image/image_error.h"
#include "anatomix/ui/logging.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {

StudyLoader::StudyLoader(QObject* parent) : QObject(parent) {
  // Two workers: a scan and a decode can overlap; more would only compete for two cores.
  m_pool.setMaxThreadCount(2);
}

StudyLoader::~StudyLoader() {
  cancelAll();
  m_pool.waitForDone();
}

void StudyLoader::jobStarted() {
  if (m_runningJobs++ == 0) emit busyChanged(true);
}

void StudyLoader::jobEnded() {
  if (--m_runningJobs == 0) emit busyChanged(false);
}

int StudyLoader::scan(const QStringList& paths) {
  const int requestId = m_nextRequestId++;
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  m_scanCancels.push_back(cancel);
  std::vector<std::string> files;
  for (const QString& path : paths) files.push_back(path.toStdString());
  uiLogger()->info("StudyLoader::scan: request {} for {} path(s)", requestId, files.size());
  jobStarted();
  (void)QtConcurrent::run(&m_pool, [this, requestId, files, cancel]() {
    QElapsedTimer timer;
    timer.start();
    image::ScanOptions options;
    options.cancel = cancel.get();
    options.progress = [this, requestId](int done, int found) {
      QMetaObject::invokeMethod(this, [this, requestId, done, found]() { emit scanProgress(requestId, done, found); },
                                Qt::QueuedConnection);
    };
    auto tree = std::make_shared<image::StudyTree>();
    try {
      *tree = image::scan_paths(files, options);
    } catch (const std::exception& error) {
      // scan_paths reports bad files as entries; anything thrown is unexpected but must not escape.
      tree->errors.push_back({std::string(), error.what()});
    }
    uiLogger()->info("StudyLoader::scan: request {} found {} image(s), {} error(s) in {} ms", requestId,
                     tree->image_count(), tree->errors.size(), timer.elapsed());
    for (const auto& error : tree->errors) uiLogger()->error("StudyLoader::scan: {}: {}", error.path, error.message);
    QMetaObject::invokeMethod(
        this,
        [this, requestId, tree, cancel]() {
          m_scanCancels.erase(std::remove(m_scanCancels.begin(), m_scanCancels.end(), cancel), m_scanCancels.end());
          jobEnded();
          emit scanFinished(requestId, tree);
        },
        Qt::QueuedConnection);
  });
  return requestId;
}

int StudyLoader::decode(const QString& path) {
  if (m_decodeCancel) m_decodeCancel->store(true);
  const int requestId = m_nextRequestId++;
  m_latestDecodeId = requestId;
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  m_decodeCancel = cancel;
  jobStarted();
  const std::string file = path.toStdString();
  (void)QtConcurrent::run(&m_pool, [this, requestId, file, path, cancel]() {
    QElapsedTimer timer;
    timer.start();
    LoadedImage loaded;
    loaded.path = path;
    bool cancelled = false;
    image::DecodeOptions options;
    options.cancel = cancel.get();
    options.progress = [this, requestId](float fraction) {
      QMetaObject::invokeMethod(this, [this, requestId, fraction]() { emit decodeProgress(requestId, fraction); },
                                Qt::QueuedConnection);
    };
    try {
      loaded.image = std::make_shared<const image::DecodedImage>(image::decode_image(file, options));
    } catch (const image::DecodeCancelled&) {
      cancelled = true;
    } catch (const std::exception& error) {
      loaded.error = QString::fromStdString(error.what());
    }
    if (!cancelled && image::looks_like_dicom(file)) {
      try {
        loaded.tags = image::dump_tags(file);
      } catch (const std::exception& error) {
        loaded.tagsError = QString::fromStdString(error.what());
        uiLogger()->warn("StudyLoader::decode: no tag listing for {}: {}", file, error.what());
      }
    }
    if (cancelled) {
      uiLogger()->info("StudyLoader::decode: request {} cancelled ({})", requestId, file);
    } else if (loaded.image) {
      uiLogger()->info("StudyLoader::decode: {} ({}x{}, {} bit) in {} ms", file, loaded.image->width,
                       loaded.image->height, loaded.image->bits_stored, timer.elapsed());
    } else {
      uiLogger()->error("StudyLoader::decode: {}", loaded.error.toStdString());
    }
    QMetaObject::invokeMethod(
        this,
        [this, requestId, loaded, cancelled]() {
          jobEnded();
          // A newer decode supersedes this one: its result is stale.
          if (requestId != m_latestDecodeId) return;
          if (cancelled) {
            emit decodeCancelled(requestId, loaded.path);
          } else {
            emit decodeFinished(requestId, loaded);
          }
        },
        Qt::QueuedConnection);
  });
  return requestId;
}

void StudyLoader::cancelAll() {
  if (m_decodeCancel) m_decodeCancel->store(true);
  for (const auto& cancel : m_scanCancels) cancel->store(true);
}

}  // namespace anatomix::ui
