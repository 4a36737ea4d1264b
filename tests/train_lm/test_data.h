// Where the fixtures of tests/train_lm/CMakeLists.txt put their files, and a scratch folder per test.
#pragma once

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace anatomix::training::test {

// ANATOMIX_TRAIN_LM_DATA: train/, val/ and tokenizer.model (set by ctest).
inline std::filesystem::path data_dir() {
  const char* dir = std::getenv("ANATOMIX_TRAIN_LM_DATA");
  if (!dir || !*dir)
    throw std::runtime_error("ANATOMIX_TRAIN_LM_DATA is not set (run through ctest: fixtures train.lm.fixture.*)");
  return dir;
}

// A new empty folder under the system temp dir, removed when the object goes away.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag)
      : path_(std::filesystem::temp_directory_path() /
              ("anatomix-train-lm-" + tag + "-" + std::to_string(std::rand()) + std::to_string(std::time(nullptr)))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace anatomix::training::test
