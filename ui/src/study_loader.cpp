#include "anatomix/ui/study_loader.h"

#include <algorithm>
#include <exception>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/image_decoder.h"
#include "anatomix/image/image_error.h"
#include "anatomix/image/non_image_object.h"
#include "anatomix/ui/logging.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {
namespace {

// See ScanResult: moves errors of incidental files found inside folders to `skipped`: files that are
// not images at all, and DICOM objects without an image (a PACS study's SR and presentation states).
void separateSkippedFiles(const std::vector<std::string>& requested, ScanResult& result) {
  static const QSet<QString> kImageSuffixes = {
      QStringLiteral("dcm"), QStringLiteral("dicom"), QStringLiteral("dic"), QStringLiteral("png"),
      QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("tif"), QStringLiteral("tiff"),
      QStringLiteral("bmp")};
  QSet<QString> requestedFiles;
  for (const std::string& path : requested) requestedFiles.insert(QFileInfo(QString::fromStdString(path)).absoluteFilePath());
  std::vector<image::ScanError> kept;
  for (image::ScanError& error : result.tree.errors) {
    const QFileInfo info(QString::fromStdString(error.path));
    const bool foundInFolder =
        !error.path.empty() && info.isFile() && !requestedFiles.contains(info.absoluteFilePath());
    const bool unrelated = !kImageSuffixes.contains(info.suffix().toLower()) &&
                           info.fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) != 0 &&
                           !image::looks_like_dicom(error.path);
    const bool incidental = foundInFolder && (unrelated || image::is_non_image_object(error.path));
    (incidental ? result.skipped : kept).push_back(std::move(error));
  }
  result.tree.errors = std::move(kept);
}

}  // namespace

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
    auto result = std::make_shared<ScanResult>();
    try {
      result->tree = image::scan_paths(files, options);
      separateSkippedFiles(files, *result);
    } catch (const std::exception& error) {
      // scan_paths reports bad files as entries; anything thrown is unexpected but must not escape.
      result->tree.errors.push_back({std::string(), error.what()});
    }
    uiLogger()->info("StudyLoader::scan: request {} found {} image(s), {} error(s), {} other file(s) skipped in {} ms",
                     requestId, result->tree.image_count(), result->tree.errors.size(), result->skipped.size(),
                     timer.elapsed());
    for (const auto& error : result->tree.errors)
      uiLogger()->error("StudyLoader::scan: {}: {}", error.path, error.message);
    std::shared_ptr<const ScanResult> finished = result;
    QMetaObject::invokeMethod(
        this,
        [this, requestId, finished, cancel]() {
          m_scanCancels.erase(std::remove(m_scanCancels.begin(), m_scanCancels.end(), cancel), m_scanCancels.end());
          jobEnded();
          emit scanFinished(requestId, finished);
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
