// `anatomix synth` as a command: arguments, usage errors, and the files it writes.
#include <gtest/gtest.h>

#include <filesystem>

#include "anatomix/cli.h"
#include "cli/synth_command.h"
#include "test_support.h"

namespace anatomix::cli {
namespace {

TEST(SynthCommand, WritesStudiesManifestsAndAnIndex) {
  synth::test::TempFolder folder("cmd");
  const std::string out = (folder.path() / "set").string();
  ASSERT_EQ(run_synth({"--out", out, "--count", "3", "--seed", "5", "--size", "256", "--threads", "2"}), kOk);
  const auto index = synth::test::read_json(std::filesystem::path(out) / "index.json");
  ASSERT_EQ(index["studies"].size(), 3u);
  for (const auto& entry : index["studies"]) {
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(out) / entry["dicom"].get<std::string>()));
    const auto manifest = synth::test::read_json(std::filesystem::path(out) / entry["manifest"].get<std::string>());
    EXPECT_EQ(manifest["objects"].size(), 36u);
    EXPECT_EQ(manifest["image"]["height"], 256);
  }
  // A forced case: a flipped acquisition with cardiomegaly; merged into the same index.
  ASSERT_EQ(run_synth({"--out", out, "--count", "1", "--seed", "5", "--size", "256", "--first-index", "7", "--prefix",
                       "forced", "--findings", "cardiomegaly,pleural_effusion", "--flipped", "yes", "--jpeg", "yes"}),
            kOk);
  const auto forced = synth::test::read_json(std::filesystem::path(out) / "forced_000007.json");
  EXPECT_EQ(forced["orientation"]["flipped_acquisition"], true);
  EXPECT_EQ(forced["chexpert"]["Cardiomegaly"], 1);
  EXPECT_EQ(forced["chexpert"]["Pleural Effusion"], 1);
  EXPECT_EQ(forced["image"]["transfer_syntax"], "1.2.840.10008.1.2.4.70");
  EXPECT_EQ(synth::test::read_json(std::filesystem::path(out) / "index.json")["studies"].size(), 4u);
}

TEST(SynthCommand, BadArgumentsAreUsageErrors) {
  EXPECT_EQ(run_synth({}), kUsage);
  EXPECT_EQ(run_synth({"--out", "/tmp/x", "--count", "3"}), kUsage);                         // no seed
  EXPECT_EQ(run_synth({"--out", "/tmp/x", "--count", "zero", "--seed", "1"}), kUsage);      // not a number
  EXPECT_EQ(run_synth({"--out", "/tmp/x", "--count", "0", "--seed", "1"}), kUsage);         // absurd count
  EXPECT_EQ(run_synth({"--out", "/tmp/x", "--count", "1", "--seed", "-4"}), kUsage);        // negative seed
  EXPECT_EQ(run_synth({"--out", "/tmp/x", "--count", "1", "--seed", "1", "--size", "99999"}), kUsage);
  EXPECT_EQ(run_synth({"--out", "/tmp/x", "--count", "1", "--seed", "1", "--flip-fraction", "2"}), kUsage);
  EXPECT_EQ(run_synth({"--out", "/tmp/x", "--count", "1", "--seed", "1", "--findings", "gout"}), kUsage);
  EXPECT_EQ(run_synth({"--out", "/tmp/x", "--count", "1", "--seed", "1", "--frobnicate", "1"}), kUsage);
  EXPECT_EQ(run_synth({"--out"}), kUsage);
  EXPECT_EQ(run_synth({"--help"}), kOk);
}

TEST(SynthCommand, UnwritableOutputFolderThrowsNamingIt) {
  try {
    run_synth({"--out", "/proc/anatomix_cannot_write_here", "--count", "1", "--seed", "1", "--size", "128"});
    FAIL() << "no error";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("/proc/anatomix_cannot_write_here"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace anatomix::cli
