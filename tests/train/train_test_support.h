// Helpers of the train.* tests: temporary folders and the small generated study set they share.
#pragma once

#include <filesystem>
#include <string>

namespace anatomix::training::test {

// A new empty folder under the system temp dir, removed when the object goes away.
class TempFolder {
 public:
  explicit TempFolder(const std::string& tag);
  ~TempFolder();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes 8 studies of `size` px (seed 7) into `directory` with index.json: 0-3 as drawn, 4 a mirrored
// acquisition with a pleural effusion, 5 situs inversus, 6 both, 7 a usual case with a pneumothorax.
constexpr int kTestStudyCount = 8;
void write_test_studies(const std::string& directory, int size);

// $ANATOMIX_TRAIN_TEST_DATA/studies (the ctest fixture: studies + sentence embeddings).
std::string fixture_studies_directory();

}  // namespace anatomix::training::test
