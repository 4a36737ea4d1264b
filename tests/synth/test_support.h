// Helpers shared by the generator tests: a fresh temporary folder per test and file reading.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace anatomix::synth::test {

// A new empty folder under the system temp dir, removed when the object goes away.
class TempFolder {
 public:
  explicit TempFolder(const std::string& tag);
  ~TempFolder();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
nlohmann::json read_json(const std::filesystem::path& path);

}  // namespace anatomix::synth::test
