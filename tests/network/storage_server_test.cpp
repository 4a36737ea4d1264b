// The workstation's storage SCP without a PACS: PacsClient talks to it (C-ECHO, C-STORE), objects
// land in the cache layout, a port in use and bad settings are clear errors, stop() returns.
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <vector>

#include "anatomix/network/pacs_client.h"
#include "anatomix/network/storage_server.h"
#include "orthanc_server.h"
#include "test_studies.h"

namespace anatomix::network {
namespace {

namespace fs = std::filesystem;

StorageServer::Options options_in(const fs::path& cache) {
  StorageServer::Options options;
  options.ae_title = "ANATOMIX";
  options.port = test::free_loopback_port();
  options.cache_dir = cache.string();
  return options;
}

PacsNode node_for(const StorageServer& server) {
  PacsNode node;
  node.called_ae_title = server.options().ae_title;
  node.host = "127.0.0.1";
  node.port = server.options().port;
  node.calling_ae_title = "SENDER";
  return node;
}

TEST(StorageServer, AnswersEchoAndStoresIntoTheCacheLayout) {
  test::TempFolder folder("storage-server");
  const auto study = test::make_single_study(folder.path() / "in", 40, "PID-SCP");
  std::mutex mutex;
  std::vector<ReceivedObject> received;  // guarded by mutex
  StorageServer server(options_in(folder.path() / "cache"), [&](const ReceivedObject& object) {
    std::lock_guard<std::mutex> lock(mutex);
    received.push_back(object);
  });
  const PacsClient client(node_for(server));
  EXPECT_NO_THROW(client.echo());
  const StoreResult stored = client.store(study.files[0]);
  EXPECT_EQ(stored.status, 0u);
  server.stop();
  EXPECT_EQ(server.n_received(), 1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].calling_ae_title, "SENDER");
  const fs::path expected = folder.path() / "cache" / study.study_uid / (study.sop_uids[0] + ".dcm");
  EXPECT_EQ(received[0].path, expected.string());
  ASSERT_TRUE(fs::exists(expected));
  EXPECT_EQ(fs::file_size(expected) > 1000, true);
}

TEST(StorageServer, APortInUseIsAClearError) {
  test::TempFolder folder("storage-server-port");
  StorageServer first(options_in(folder.path() / "a"));
  StorageServer::Options same = first.options();
  same.cache_dir = (folder.path() / "b").string();
  try {
    StorageServer second(same);
    ADD_FAILURE() << "a second server opened port " << same.port;
  } catch (const PacsError& error) {
    EXPECT_EQ(error.kind(), PacsErrorKind::kConnectionFailed) << error.what();
    EXPECT_NE(std::string(error.what()).find(std::to_string(same.port)), std::string::npos) << error.what();
  }
  // The first one still serves.
  EXPECT_NO_THROW(PacsClient(node_for(first)).echo());
}

TEST(StorageServer, BadSettingsAreRefused) {
  test::TempFolder folder("storage-server-settings");
  StorageServer::Options options = options_in(folder.path());
  options.ae_title = "A-TITLE-LONGER-THAN-16";
  EXPECT_THROW(StorageServer{options}, PacsError);
  options = options_in(folder.path());
  options.port = 0;
  EXPECT_THROW(StorageServer{options}, PacsError);
  options = options_in(folder.path());
  options.cache_dir.clear();
  EXPECT_THROW(StorageServer{options}, PacsError);
}

TEST(StorageServer, StopsWhenIdleAndTwiceIsHarmless) {
  test::TempFolder folder("storage-server-stop");
  StorageServer server(options_in(folder.path()));
  server.stop();
  server.stop();
  EXPECT_EQ(server.n_received(), 0);
}

}  // namespace
}  // namespace anatomix::network
