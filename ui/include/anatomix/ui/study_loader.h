// StudyLoader: the worker-thread adapter between the GUI and anatomix::image. Scans (files,
// folders, DICOMDIRs) and image decodes run on the loader's own QThreadPool; results come back to
// the GUI thread as queued signals carrying plain values.
//
// Every request gets an id. Starting a new decode cancels the previous one (its atomic flag is
// set and its result, if any, is dropped), so clicking quickly through a series never shows a stale
// image. cancelAll() cancels scans and decodes; the destructor cancels, then waits for the pool.
// GUI thread only (signals are emitted on the GUI thread).
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include "anatomix/image/study_scan.h"
#include "anatomix/image/tag_dump.h"

namespace anatomix::image {
struct DecodedImage;
}

namespace anatomix::ui {

// What a decode request produces: the pixels (null when decoding failed) and the file's DICOM
// elements (empty for PNG/JPEG/TIFF, and for DICOM files too broken to list).
struct LoadedImage {
  QString path;
  std::shared_ptr<const image::DecodedImage> image;
  std::vector<image::TagEntry> tags;
  QString tagsError;  // why a DICOM file's elements could not be listed ("" when listed or not DICOM)
  QString error;  // why `image` is null: the decoder's message, naming the file
};

// What a scan request produces. Files met while walking a requested folder that neither look like
// DICOM nor carry a DICOM or image extension (README.md, *.json sidecars, ...) are `skipped`, not
// errors: a folder may hold other files. Everything else that failed stays in tree.errors.
struct ScanResult {
  image::StudyTree tree;
  std::vector<image::ScanError> skipped;
};

class StudyLoader : public QObject {
  Q_OBJECT
 public:
  explicit StudyLoader(QObject* parent = nullptr);
  ~StudyLoader() override;

  // Starts a scan of `paths`; returns its id (> 0).
  int scan(const QStringList& paths);
  // Starts decoding `path` (cancelling the previous decode); returns its id (> 0).
  int decode(const QString& path);
  void cancelAll();
  bool isBusy() const { return m_runningJobs > 0; }

 signals:
  void scanProgress(int requestId, int filesDone, int filesFound);
  void scanFinished(int requestId, std::shared_ptr<const anatomix::ui::ScanResult> result);
  void decodeProgress(int requestId, double fraction);
  // `loaded.image` is null when decoding failed (loaded.error says why).
  void decodeFinished(int requestId, const anatomix::ui::LoadedImage& loaded);
  void decodeCancelled(int requestId, const QString& path);
  void busyChanged(bool busy);

 private:
  void jobStarted();
  void jobEnded();

  QThreadPool m_pool;
  int m_nextRequestId = 1;
  int m_latestDecodeId = 0;
  int m_runningJobs = 0;
  std::shared_ptr<std::atomic<bool>> m_decodeCancel;  // flag of the latest decode
  std::vector<std::shared_ptr<std::atomic<bool>>> m_scanCancels;  // flags of running scans
};

}  // namespace anatomix::ui

Q_DECLARE_METATYPE(anatomix::ui::LoadedImage)
