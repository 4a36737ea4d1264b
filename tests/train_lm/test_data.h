// Where the fixtures of tests/train_lm/CMakeLists.txt put their files, and a scratch folder per test.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
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

// A new empty folder under the system temp dir, removed when the object goes away. Named by process and a
// counter: ctest -j runs tests of one suite in parallel processes, each with its own suite set-up.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag)
      : path_(std::filesystem::temp_directory_path() /
              ("anatomix-train-lm-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(next_serial()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static int next_serial() {
    static std::atomic<int> serial{0};
    return serial++;
  }
  std::filesystem::path path_;
};

}  // namespace anatomix::training::test
