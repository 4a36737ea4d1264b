// Shared helpers of the LM tests: a per-test scratch directory and the real-weights bundle location.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace anatomix::lm::test {

// A fresh directory under the system temp dir, removed at destruction.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("anatomix-lm-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The Gemma 3 270M bundle written by the lm.fixture.bundle ctest fixture (ANATOMIX_LM_TEST_BUNDLE).
inline std::string real_bundle_dir() {
  const char* dir = std::getenv("ANATOMIX_LM_TEST_BUNDLE");
  return dir ? dir : "";
}

// llama.cpp's tokenizations and greedy continuations, written by the lm.fixture.goldens ctest fixture.
inline nlohmann::json load_llama_goldens(const std::string& bundle_dir) {
  const std::string path = bundle_dir + "/llama_goldens.json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("missing " + path + " (fixture lm.fixture.goldens)");
  return nlohmann::json::parse(in);
}

}  // namespace anatomix::lm::test
