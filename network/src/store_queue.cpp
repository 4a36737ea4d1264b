#include "anatomix/network/store_queue.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include "network_log.h"
#include "object_cache.h"

namespace anatomix::network {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> dicom_files_in(const fs::path& folder) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (entry.is_regular_file() && entry.path().extension() == ".dcm") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());  // the zero-padded sequence prefix gives the sending order
  return files;
}

long sequence_of(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  const auto underscore = name.find('_');
  if (underscore == std::string::npos || underscore == 0) return 0;
  try {
    return std::stol(name.substr(0, underscore));
  } catch (const std::exception&) {
    return 0;
  }
}

// Whether a failure means "the PACS is not there now" (keep everything for later) rather than
// "the PACS will not take this object" (set it aside).
bool is_unreachable(PacsErrorKind kind) {
  return kind == PacsErrorKind::kConnectionFailed || kind == PacsErrorKind::kTimeout ||
         kind == PacsErrorKind::kAssociationRejected || kind == PacsErrorKind::kAborted ||
         kind == PacsErrorKind::kProtocol || kind == PacsErrorKind::kInvalidSettings;
}

}  // namespace

StoreQueue::StoreQueue(std::string folder) : folder_(std::move(folder)) {
  std::error_code error;
  fs::create_directories(fs::path(folder_) / "failed", error);
  if (error) throw PacsError(PacsErrorKind::kLocalFile, folder_ + ": cannot create the store queue: " + error.message());
}

std::string StoreQueue::enqueue(const std::string& path) {
  DcmFileFormat file;
  const OFCondition loaded = file.loadFile(path.c_str());
  if (loaded.bad()) throw PacsError(PacsErrorKind::kLocalFile, path + ": cannot queue, not readable as DICOM: " + loaded.text());
  OFString sop_uid;
  file.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, sop_uid);
  if (!is_valid_uid(sop_uid.c_str()))
    throw PacsError(PacsErrorKind::kLocalFile, path + ": cannot queue, no valid SOP Instance UID");
  long next = 1;
  for (const auto& queued : pending()) next = std::max(next, sequence_of(queued) + 1);
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "%010ld_", next);
  const fs::path target = fs::path(folder_) / (prefix + std::string(sop_uid.c_str()) + ".dcm");
  const fs::path partial = fs::path(target.string() + ".part");
  std::error_code error;
  fs::copy_file(path, partial, fs::copy_options::overwrite_existing, error);
  if (!error) fs::rename(partial, target, error);
  if (error) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw PacsError(PacsErrorKind::kLocalFile, target.string() + ": cannot queue: " + error.message());
  }
  network_log().info("StoreQueue::enqueue: queued one object in {}", folder_);
  return target.string();
}

std::vector<std::string> StoreQueue::pending() const { return dicom_files_in(folder_); }

std::vector<std::string> StoreQueue::failed() const { return dicom_files_in(fs::path(folder_) / "failed"); }

FlushResult StoreQueue::flush(const PacsClient& client, const std::atomic<bool>* cancel) {
  FlushResult result;
  const auto queued = pending();
  std::size_t i = 0;
  for (; i < queued.size(); ++i) {
    if (cancel && cancel->load()) {
      result.last_error = "cancelled";
      break;
    }
    const std::string& path = queued[i];
    try {
      client.store(path);
      std::error_code error;
      fs::remove(path, error);
      if (error) network_log().warn("StoreQueue::flush: sent but cannot remove {}: {}", path, error.message());
      result.n_sent += 1;
    } catch (const PacsError& error) {
      result.last_error = error.what();
      if (is_unreachable(error.kind())) break;
      // Refused: set it aside with the reason, go on with the next object.
      const fs::path aside = fs::path(folder_) / "failed" / fs::path(path).filename();
      std::error_code moved;
      fs::rename(path, aside, moved);
      std::ofstream(aside.string() + ".txt") << error.what() << "\n";
      result.n_refused += 1;
      network_log().warn("StoreQueue::flush: {}", error.what());
    }
  }
  result.n_remaining = static_cast<int>(pending().size());
  if (result.n_remaining == 0 && result.n_refused == 0) result.last_error.clear();
  return result;
}

}  // namespace anatomix::network
