// Same seed -> byte-identical DICOM and manifest files (whatever the thread count); another seed ->
// different files.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "synth/study_generator.h"
#include "test_support.h"

namespace anatomix::synth {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> folder_contents(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) out[entry.path().filename().string()] = test::read_file(entry.path());
  return out;
}

GeneratorOptions small_options(std::uint64_t seed) {
  GeneratorOptions options;
  options.seed = seed;
  options.size = 256;
  options.jpeg_fraction = 0.5;  // both transfer syntaxes
  options.monochrome1_fraction = 0.5;
  return options;
}

TEST(Determinism, SameSeedGivesByteIdenticalFiles) {
  test::TempFolder first("det_a"), second("det_b");
  generate_dataset(small_options(11), first.path().string(), 0, 4, 1);
  generate_dataset(small_options(11), second.path().string(), 0, 4, 2);
  const auto a = folder_contents(first.path()), b = folder_contents(second.path());
  ASSERT_EQ(a.size(), 9u);  // 4 x (dcm + json) + index.json
  for (const auto& [name, content] : a) {
    ASSERT_TRUE(b.count(name)) << name;
    EXPECT_TRUE(content == b.at(name)) << name << " differs between two runs with the same seed";
  }
}

TEST(Determinism, OneStudyDoesNotDependOnTheOthers) {
  test::TempFolder all("det_all"), one("det_one");
  generate_dataset(small_options(11), all.path().string(), 0, 3, 2);
  generate_dataset(small_options(11), one.path().string(), 2, 1, 1);
  EXPECT_EQ(test::read_file(all.path() / "synth_000002.dcm"), test::read_file(one.path() / "synth_000002.dcm"));
  EXPECT_EQ(test::read_file(all.path() / "synth_000002.json"), test::read_file(one.path() / "synth_000002.json"));
}

TEST(Determinism, DifferentSeedGivesDifferentStudies) {
  test::TempFolder first("det_c"), second("det_d");
  generate_dataset(small_options(11), first.path().string(), 0, 2, 2);
  generate_dataset(small_options(12), second.path().string(), 0, 2, 2);
  for (const char* name : {"synth_000000.dcm", "synth_000000.json", "synth_000001.dcm", "synth_000001.json"})
    EXPECT_NE(test::read_file(first.path() / name), test::read_file(second.path() / name)) << name;
}

}  // namespace
}  // namespace anatomix::synth
