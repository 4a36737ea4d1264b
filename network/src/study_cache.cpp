#include "anatomix/network/study_cache.h"

#include <algorithm>
#include <system_error>
#include <utility>

#include "anatomix/network/pacs_error.h"
#include "network_log.h"
#include "object_cache.h"

namespace anatomix::network {

namespace fs = std::filesystem;

StudyCache::StudyCache(std::string folder) : folder_(std::move(folder)) {
  std::error_code error;
  fs::create_directories(folder_, error);
  if (error) throw PacsError(PacsErrorKind::kLocalFile, folder_ + ": cannot create the study cache: " + error.message());
}

std::vector<CachedStudy> StudyCache::studies() const {
  std::vector<CachedStudy> studies;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder_, error)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || !is_valid_uid(name)) continue;
    CachedStudy study;
    study.study_uid = name;
    study.folder = entry.path().string();
    study.last_used = fs::last_write_time(entry.path(), error);
    for (const auto& file : fs::recursive_directory_iterator(entry.path(), error)) {
      if (!file.is_regular_file()) continue;
      study.bytes += file.file_size(error);
      study.n_files += 1;
    }
    studies.push_back(std::move(study));
  }
  std::sort(studies.begin(), studies.end(), [](const CachedStudy& a, const CachedStudy& b) {
    return a.last_used != b.last_used ? a.last_used < b.last_used : a.study_uid < b.study_uid;
  });
  return studies;
}

std::uintmax_t StudyCache::size_bytes() const {
  std::uintmax_t total = 0;
  for (const auto& study : studies()) total += study.bytes;
  return total;
}

void StudyCache::touch(const std::string& study_uid) {
  if (!is_valid_uid(study_uid)) return;
  const fs::path folder = fs::path(folder_) / study_uid;
  std::error_code error;
  if (fs::is_directory(folder, error)) fs::last_write_time(folder, fs::file_time_type::clock::now(), error);
}

std::vector<std::string> StudyCache::evict(std::uintmax_t max_bytes, const std::vector<std::string>& keep) {
  const auto all = studies();
  std::uintmax_t total = 0;
  for (const auto& study : all) total += study.bytes;
  std::vector<std::string> removed;
  for (const auto& study : all) {
    if (total <= max_bytes) break;
    if (std::find(keep.begin(), keep.end(), study.study_uid) != keep.end()) continue;
    std::error_code error;
    fs::remove_all(study.folder, error);
    if (error) {
      network_log().warn("StudyCache::evict: cannot remove {}: {}", study.folder, error.message());
      continue;
    }
    total -= study.bytes;
    removed.push_back(study.study_uid);
  }
  if (!removed.empty())
    network_log().info("StudyCache::evict: removed {} studies, {} bytes left in {}", removed.size(), total, folder_);
  return removed;
}

}  // namespace anatomix::network
