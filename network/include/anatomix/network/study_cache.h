// The local study cache that PacsClient::get and StorageServer fill:
// <folder>/<Study Instance UID>/<SOP Instance UID>.dcm. Bounded in size: evict() removes whole
// studies, least recently used first. A study's "last used" time is its folder's modification time:
// receiving an object into it renews it, and touch() renews it when the study is opened.
// Folders whose names are not UIDs are not the cache's and are never touched.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace anatomix::network {

struct CachedStudy {
  std::string study_uid;
  std::string folder;
  std::uintmax_t bytes = 0;
  int n_files = 0;
  std::filesystem::file_time_type last_used;
};

class StudyCache {
 public:
  explicit StudyCache(std::string folder);  // creates it; throws PacsError(kLocalFile)

  const std::string& folder() const { return folder_; }
  std::vector<CachedStudy> studies() const;  // least recently used first
  std::uintmax_t size_bytes() const;

  // Marks a study as used now (e.g. opened in the viewer). No-op for a study not in the cache.
  void touch(const std::string& study_uid);

  // Removes whole studies, least recently used first, until the cache holds at most max_bytes.
  // Studies in `keep` (the one on screen, its priors) stay even if the cache remains above the limit.
  // Returns the Study Instance UIDs removed.
  std::vector<std::string> evict(std::uintmax_t max_bytes, const std::vector<std::string>& keep = {});

 private:
  std::string folder_;
};

}  // namespace anatomix::network
