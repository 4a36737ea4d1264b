#include "train_test_support.h"

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include "synth/study_generator.h"

namespace anatomix::training::test {

TempFolder::TempFolder(const std::string& tag) {
  std::random_device device;
  path_ = std::filesystem::temp_directory_path() / ("anatomix_train_" + tag + "_" + std::to_string(device()));
  std::filesystem::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void write_test_studies(const std::string& directory, int size) {
  synth::GeneratorOptions options;
  options.seed = 7;
  options.size = size;
  using synth::FindingKind;
  synth::CaseOverrides usual;
  usual.flipped = false;
  usual.situs_inversus = false;
  synth::generate_dataset(options, directory, 0, 4, 2, usual);
  synth::CaseOverrides flipped_effusion = usual;
  flipped_effusion.flipped = true;
  flipped_effusion.findings = std::vector<FindingKind>{FindingKind::kPleuralEffusion};
  synth::generate_dataset(options, directory, 4, 1, 1, flipped_effusion);
  synth::CaseOverrides situs = usual;
  situs.situs_inversus = true;
  synth::generate_dataset(options, directory, 5, 1, 1, situs);
  synth::CaseOverrides both = situs;
  both.flipped = true;
  synth::generate_dataset(options, directory, 6, 1, 1, both);
  synth::CaseOverrides pneumothorax = usual;
  pneumothorax.findings = std::vector<FindingKind>{FindingKind::kPneumothorax};
  synth::generate_dataset(options, directory, 7, 1, 1, pneumothorax);
}

std::string fixture_studies_directory() {
  const char* root = std::getenv("ANATOMIX_TRAIN_TEST_DATA");
  if (!root) throw std::runtime_error("ANATOMIX_TRAIN_TEST_DATA is not set (run the tests through ctest)");
  return (std::filesystem::path(root) / "studies").string();
}

}  // namespace anatomix::training::test
