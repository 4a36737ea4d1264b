// The study cache's size limit: whole studies go, least recently used first; studies in use stay;
// touch() renews a study; folders that are not the cache's are left alone. Times are set explicitly,
// so nothing depends on the clock.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "anatomix/network/study_cache.h"
#include "orthanc_server.h"

namespace anatomix::network {
namespace {

namespace fs = std::filesystem;

void add_study(const fs::path& cache, const std::string& uid, int n_files, std::size_t bytes_each, int hours_ago) {
  const fs::path folder = cache / uid;
  fs::create_directories(folder);
  for (int i = 0; i < n_files; ++i)
    std::ofstream(folder / (uid + "." + std::to_string(i + 1) + ".dcm")) << std::string(bytes_each, 'x');
  fs::last_write_time(folder, fs::file_time_type::clock::now() - std::chrono::hours(hours_ago));
}

TEST(StudyCache, ListsStudiesLeastRecentlyUsedFirstWithTheirSizes) {
  test::TempFolder folder("study-cache-list");
  add_study(folder.path(), "1.2.3", 2, 1000, 1);
  add_study(folder.path(), "1.2.4", 1, 500, 3);
  fs::create_directories(folder.path() / "not-a-study");
  const StudyCache cache(folder.path().string());
  const auto studies = cache.studies();
  ASSERT_EQ(studies.size(), 2u);
  EXPECT_EQ(studies[0].study_uid, "1.2.4");
  EXPECT_EQ(studies[0].bytes, 500u);
  EXPECT_EQ(studies[1].n_files, 2);
  EXPECT_EQ(cache.size_bytes(), 2500u);
}

TEST(StudyCache, EvictsTheOldestStudiesUntilUnderTheLimitAndKeepsWhatIsInUse) {
  test::TempFolder folder("study-cache-evict");
  add_study(folder.path(), "1.1", 1, 1000, 30);  // oldest
  add_study(folder.path(), "1.2", 1, 1000, 20);
  add_study(folder.path(), "1.3", 1, 1000, 10);
  add_study(folder.path(), "1.4", 1, 1000, 1);   // newest
  fs::create_directories(folder.path() / "notes");
  StudyCache cache(folder.path().string());

  EXPECT_TRUE(cache.evict(4000).empty());
  // 1.1 is on screen: it stays; 1.2 and 1.3 go.
  EXPECT_EQ(cache.evict(2000, {"1.1"}), (std::vector<std::string>{"1.2", "1.3"}));
  EXPECT_TRUE(fs::exists(folder.path() / "1.1"));
  EXPECT_TRUE(fs::exists(folder.path() / "1.4"));
  EXPECT_TRUE(fs::exists(folder.path() / "notes"));
  EXPECT_EQ(cache.size_bytes(), 2000u);
}

TEST(StudyCache, TouchMakesAStudyTheMostRecent) {
  test::TempFolder folder("study-cache-touch");
  add_study(folder.path(), "2.1", 1, 100, 5);
  add_study(folder.path(), "2.2", 1, 100, 1);
  StudyCache cache(folder.path().string());
  cache.touch("2.1");
  cache.touch("../escape");  // not a UID: ignored
  EXPECT_EQ(cache.evict(100), (std::vector<std::string>{"2.2"}));
  EXPECT_TRUE(fs::exists(folder.path() / "2.1"));
}

}  // namespace
}  // namespace anatomix::network
