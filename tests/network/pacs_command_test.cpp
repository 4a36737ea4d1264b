// `anatomix pacs echo|find|get|store`, the real executable against a real Orthanc started by the test:
// exit codes (0 ok, 1 failure, 2 usage), the lines and JSON it prints, files it writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "orthanc_server.h"
#include "test_studies.h"

namespace anatomix::network {
namespace {

namespace fs = std::filesystem;

class PacsCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      folder_ = new test::TempFolder("pacs-command");
      server_ = new test::OrthancServer(folder_->path() / "orthanc");
      studies_ = new test::TestStudies(test::make_test_studies(folder_->path() / "studies"));
      test::upload_with_storescu(server_->node(), studies_->all_files());
    } catch (const std::exception& error) {
      setup_error_ = error.what();
    }
  }
  static void TearDownTestSuite() {
    delete studies_;
    delete server_;
    delete folder_;
  }
  void SetUp() override {
    if (!setup_error_.empty()) GTEST_FAIL() << "fixture: " << setup_error_;
  }

  // Runs `anatomix pacs ACTION NODE ARGS`; the output holds stdout and stderr.
  static int pacs(const std::string& action, const std::string& node, const std::string& args, std::string* output) {
    const std::string command = std::string("'") + ANATOMIX_CLI + "' pacs " + action + " " + node + " " + args;
    return test::run_command(command, output);
  }
  static std::string node() { return describe(server_->node()); }

  static test::TempFolder* folder_;
  static test::OrthancServer* server_;
  static test::TestStudies* studies_;
  static std::string setup_error_;
};

test::TempFolder* PacsCommandTest::folder_ = nullptr;
test::OrthancServer* PacsCommandTest::server_ = nullptr;
test::TestStudies* PacsCommandTest::studies_ = nullptr;
std::string PacsCommandTest::setup_error_;

TEST_F(PacsCommandTest, EchoSaysOkAndExitsZero) {
  std::string output;
  EXPECT_EQ(pacs("echo", node(), "", &output), 0) << output;
  EXPECT_NE(output.find("C-ECHO ok"), std::string::npos) << output;
}

TEST_F(PacsCommandTest, FailuresExitOneWithTheReason) {
  std::string output;
  const int port = server_->port();
  EXPECT_EQ(pacs("echo", "WRONG@127.0.0.1:" + std::to_string(port), "", &output), 1) << output;
  EXPECT_NE(output.find("association rejected"), std::string::npos) << output;
  EXPECT_EQ(pacs("echo", "ORTHANC@127.0.0.1:" + std::to_string(test::free_loopback_port()), "", &output), 1) << output;
  EXPECT_NE(output.find("connection failed"), std::string::npos) << output;
}

TEST_F(PacsCommandTest, UsageErrorsExitTwo) {
  std::string output;
  EXPECT_EQ(test::run_command(std::string("'") + ANATOMIX_CLI + "' pacs echo", &output), 2) << output;
  EXPECT_EQ(test::run_command(std::string("'") + ANATOMIX_CLI + "' pacs frobnicate " + node(), &output), 2) << output;
  EXPECT_EQ(pacs("find", node(), "--date 2024", &output), 2) << output;
  EXPECT_NE(output.find("not YYYYMMDD"), std::string::npos) << output;
  EXPECT_EQ(pacs("find", node(), "--bogus", &output), 2) << output;
  EXPECT_EQ(pacs("get", node(), "--out /tmp", &output), 2) << output;
  EXPECT_EQ(pacs("echo", "no-port@host", "", &output), 2) << output;
}

TEST_F(PacsCommandTest, FindPrintsJsonWithTheFilterApplied) {
  std::string output;
  ASSERT_EQ(pacs("find", node(), "--json --patient-name 'DOE^*' --date 20240101-", &output), 0) << output;
  // The log line (if any) comes before the JSON array.
  const auto json = nlohmann::json::parse(output.substr(output.find('[')));
  ASSERT_EQ(json.size(), 1u) << output;
  EXPECT_EQ(json[0]["study_uid"], studies_->current.study_uid);
  EXPECT_EQ(json[0]["accession"], "ACC-0003");
  EXPECT_EQ(json[0]["n_instances"], 3);
}

TEST_F(PacsCommandTest, FindAtSeriesAndInstanceLevelPrintsOneLinePerMatch) {
  std::string output;
  ASSERT_EQ(pacs("find", node(), "--level series --study " + studies_->current.study_uid, &output), 0) << output;
  EXPECT_NE(output.find(studies_->current.series_uid + "\tDX"), std::string::npos) << output;
  ASSERT_EQ(pacs("find", node(), "--level instance --study " + studies_->current.study_uid + " --series " +
                                     studies_->current.series_uid, &output), 0)
      << output;
  for (const auto& uid : studies_->current.sop_uids) EXPECT_NE(output.find(uid), std::string::npos) << output;
}

TEST_F(PacsCommandTest, GetWritesTheStudyAndListsTheFiles) {
  const fs::path out = folder_->path() / "get";
  std::string output;
  ASSERT_EQ(pacs("get", node(), "--study " + studies_->current.study_uid + " --out '" + out.string() + "'", &output), 0)
      << output;
  for (const auto& uid : studies_->current.sop_uids) {
    const fs::path file = out / studies_->current.study_uid / (uid + ".dcm");
    EXPECT_TRUE(fs::exists(file)) << file;
    EXPECT_NE(output.find(file.string()), std::string::npos) << output;
  }
}

TEST_F(PacsCommandTest, MoveReceivesTheStudyOnItsOwnStoragePort) {
  const fs::path out = folder_->path() / "move";
  std::string output;
  ASSERT_EQ(pacs("move", node(), "--study " + studies_->prior.study_uid + " --port " +
                                     std::to_string(server_->node().storage_port) + " --out '" + out.string() + "'",
                 &output),
            0)
      << output;
  const fs::path file = out / studies_->prior.study_uid / (studies_->prior.sop_uids[0] + ".dcm");
  EXPECT_TRUE(fs::exists(file)) << file << "\n" << output;
  EXPECT_NE(output.find("1 objects received"), std::string::npos) << output;
}

TEST_F(PacsCommandTest, StoreThroughTheQueueKeepsTheFileUntilThePacsTakesIt) {
  const auto study = test::make_single_study(folder_->path() / "to-queue", 31, "PID-QUEUED");
  const fs::path queue = folder_->path() / "queue";
  const std::string down = "ORTHANC@127.0.0.1:" + std::to_string(test::free_loopback_port());
  std::string output;
  EXPECT_EQ(pacs("store", down, "--queue '" + queue.string() + "' '" + study.files[0] + "'", &output), 1) << output;
  EXPECT_NE(output.find("1 still queued"), std::string::npos) << output;
  ASSERT_EQ(pacs("flush", node(), "--queue '" + queue.string() + "'", &output), 0) << output;
  EXPECT_NE(output.find("1 sent"), std::string::npos) << output;
  ASSERT_EQ(pacs("find", node(), "--patient-id PID-QUEUED", &output), 0) << output;
  EXPECT_NE(output.find(study.study_uid), std::string::npos) << output;
}

TEST_F(PacsCommandTest, StoreSendsAFileThatCanThenBeFound) {
  const auto study = test::make_single_study(folder_->path() / "to-store", 30, "PID-CLI");
  std::string output;
  ASSERT_EQ(pacs("store", node(), "'" + study.files[0] + "'", &output), 0) << output;
  EXPECT_NE(output.find("accepted"), std::string::npos) << output;
  ASSERT_EQ(pacs("find", node(), "--patient-id PID-CLI", &output), 0) << output;
  EXPECT_NE(output.find(study.study_uid), std::string::npos) << output;
  EXPECT_EQ(pacs("store", node(), "/nonexistent/file.dcm", &output), 1) << output;
  EXPECT_NE(output.find("/nonexistent/file.dcm"), std::string::npos) << output;
}

}  // namespace
}  // namespace anatomix::network
