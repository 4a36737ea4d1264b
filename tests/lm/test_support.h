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

inline nlohmann::json load_json_written_by(const std::string& path, const std::string& fixture) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("missing " + path + " (fixture " + fixture + ")");
  return nlohmann::json::parse(in);
}

// llama.cpp's greedy continuations, written by the lm.fixture.goldens ctest fixture.
inline nlohmann::json load_llama_goldens(const std::string& bundle_dir) {
  return load_json_written_by(bundle_dir + "/llama_goldens.json", "lm.fixture.goldens");
}

// SentencePiece's and llama.cpp's tokenizations of the test bundle's Gemma 3 vocabulary
// (inference/tools/tokenizer_goldens.py).
inline nlohmann::json load_tokenizer_goldens(const std::string& bundle_dir) {
  return load_json_written_by(bundle_dir + "/tokenizer_goldens.json", "lm.fixture.tokenizer_goldens_gemma3");
}

// SentencePiece's tokenizations of the shipped bundle's small vocabulary and its variants; "model" is the
// vocabulary's path.
inline nlohmann::json load_shipped_tokenizer_goldens() {
  const char* path = std::getenv("ANATOMIX_SHIPPED_TOKENIZER_GOLDENS");
  if (!path) throw std::runtime_error("ANATOMIX_SHIPPED_TOKENIZER_GOLDENS is not set (run through ctest)");
  return load_json_written_by(path, "lm.fixture.tokenizer_goldens_shipped");
}

}  // namespace anatomix::lm::test
