// PacsClient against a real Orthanc started by the test on a loopback port: C-ECHO, C-FIND at study,
// series and instance level with every filter, C-GET into a cache folder (objects identical to what
// was uploaded), cancel, C-STORE back (checked by C-FIND, C-GET and dciodvfy), and the failures a
// department sees: wrong AE title, closed port, a peer that never answers, a peer that hangs up.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <thread>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmjpeg/djdecode.h>

#include "anatomix/network/pacs_client.h"
#include "anatomix/network/storage_server.h"
#include "find_scp.h"
#include "orthanc_server.h"
#include "test_studies.h"

namespace anatomix::network {
namespace {

namespace fs = std::filesystem;
using test::OrthancServer;
using test::TempFolder;

class PacsClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    DJDecoderRegistration::registerCodecs();  // to compare pixels of the JPEG lossless study
    try {
      folder_ = new TempFolder("pacs-client");
      server_ = new OrthancServer(folder_->path() / "orthanc");
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
    studies_ = nullptr;
    server_ = nullptr;
    folder_ = nullptr;
  }
  void SetUp() override {
    if (!setup_error_.empty()) GTEST_FAIL() << "fixture: " << setup_error_;
  }

  static PacsClient client() { return PacsClient(server_->node()); }
  static const test::TestStudies& studies() { return *studies_; }
  static fs::path scratch(const std::string& name) { return folder_->path() / name; }

  static TempFolder* folder_;
  static OrthancServer* server_;
  static test::TestStudies* studies_;
  static std::string setup_error_;
};

TempFolder* PacsClientTest::folder_ = nullptr;
OrthancServer* PacsClientTest::server_ = nullptr;
test::TestStudies* PacsClientTest::studies_ = nullptr;
std::string PacsClientTest::setup_error_;

template <typename Call>
PacsError expect_pacs_error(Call&& call) {
  try {
    call();
  } catch (const PacsError& error) {
    return error;
  }
  ADD_FAILURE() << "expected a PacsError";
  return PacsError(PacsErrorKind::kProtocol, "none thrown");
}

std::set<std::string> study_uids(const FindResult<StudyMatch>& result) {
  std::set<std::string> uids;
  for (const auto& match : result.matches) uids.insert(match.study_uid);
  return uids;
}

std::string pixel_bytes(const std::string& path) {
  DcmFileFormat file;
  if (file.loadFile(path.c_str()).bad()) return "unreadable";
  DcmDataset* dataset = file.getDataset();
  // Compare in one representation whatever the transfer syntax on the wire was.
  if (dataset->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad()) return "undecodable";
  const Uint8* data = nullptr;
  unsigned long count = 0;
  if (dataset->findAndGetUint8Array(DCM_PixelData, data, &count).bad() || !data) return "no pixels";
  return std::string(reinterpret_cast<const char*>(data), count);
}

std::string sop_instance_uid(const std::string& path) {
  DcmFileFormat file;
  OFString uid;
  if (file.loadFile(path.c_str()).good()) file.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, uid);
  return uid.c_str();
}

TEST_F(PacsClientTest, EchoSucceeds) { EXPECT_NO_THROW(client().echo()); }

TEST_F(PacsClientTest, WrongCalledAeTitleIsRejectedWithTheTitleInTheMessage) {
  PacsNode node = server_->node();
  node.called_ae_title = "NOT-ORTHANC";
  const PacsError error = expect_pacs_error([&] { PacsClient(node).echo(); });
  EXPECT_EQ(error.kind(), PacsErrorKind::kAssociationRejected) << error.what();
  EXPECT_NE(std::string(error.what()).find("NOT-ORTHANC"), std::string::npos) << error.what();
  // The server keeps working for a correct caller.
  EXPECT_NO_THROW(client().echo());
}

TEST_F(PacsClientTest, ClosedPortIsAConnectionFailure) {
  PacsNode node = server_->node();
  node.port = test::free_loopback_port();
  const PacsError error = expect_pacs_error([&] { PacsClient(node).echo(); });
  EXPECT_EQ(error.kind(), PacsErrorKind::kConnectionFailed) << error.what();
  EXPECT_NE(std::string(error.what()).find("refused"), std::string::npos) << error.what();
}

// A loopback TCP socket that listens on a free port and accepts nothing by itself.
void listen_on_loopback(int& listener, uint16_t& port) {
  listener = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  port = ntohs(address.sin_port);
}

// A listening socket that never accepts: TCP connects (the kernel completes the handshake), the
// A-ASSOCIATE-RQ is never answered, and the association timeout ends the wait.
TEST_F(PacsClientTest, PeerThatNeverAnswersTimesOut) {
  uint16_t port = 0;
  int listener = -1;
  ASSERT_NO_FATAL_FAILURE(listen_on_loopback(listener, port));
  PacsNode node = server_->node();
  node.port = port;
  node.connect_timeout_s = 1;
  node.acse_timeout_s = 1;
  node.dimse_timeout_s = 1;
  const PacsError error = expect_pacs_error([&] { PacsClient(node).echo(); });
  ::close(listener);
  EXPECT_EQ(error.kind(), PacsErrorKind::kTimeout) << error.what();
}

// A peer that accepts the TCP connection and hangs up at once.
TEST_F(PacsClientTest, PeerThatHangsUpIsAnErrorNotAHang) {
  uint16_t port = 0;
  int listener = -1;
  ASSERT_NO_FATAL_FAILURE(listen_on_loopback(listener, port));
  std::thread peer([listener] {
    pollfd waiting{listener, POLLIN, 0};
    if (::poll(&waiting, 1, 30000) == 1) ::close(::accept(listener, nullptr, nullptr));
  });
  PacsNode node = server_->node();
  node.port = port;
  node.acse_timeout_s = 5;
  const PacsError error = expect_pacs_error([&] { PacsClient(node).echo(); });
  peer.join();
  ::close(listener);
  EXPECT_TRUE(error.kind() == PacsErrorKind::kAborted || error.kind() == PacsErrorKind::kProtocol)
      << pacs_error_kind_name(error.kind()) << ": " << error.what();
}

TEST_F(PacsClientTest, UnknownCallingAeTitleIsRefusedForQueries) {
  PacsNode node = server_->node();
  node.calling_ae_title = "STRANGER";
  const PacsError error = expect_pacs_error([&] { PacsClient(node).find_studies({}); });
  // Orthanc accepts the association and aborts it at the C-FIND; another PACS may reject it at once.
  EXPECT_TRUE(error.kind() == PacsErrorKind::kAborted || error.kind() == PacsErrorKind::kAssociationRejected)
      << pacs_error_kind_name(error.kind()) << ": " << error.what();
}

TEST_F(PacsClientTest, FindAllStudiesReturnsTheirAttributes) {
  const auto result = client().find_studies({});
  ASSERT_EQ(result.matches.size(), 3u);
  EXPECT_FALSE(result.truncated);
  const auto& current = studies().current;
  const auto it = std::find_if(result.matches.begin(), result.matches.end(),
                               [&](const StudyMatch& m) { return m.study_uid == current.study_uid; });
  ASSERT_NE(it, result.matches.end());
  EXPECT_EQ(it->patient_name, "DOE^JANE");
  EXPECT_EQ(it->patient_id, "PID-0001");
  EXPECT_EQ(it->study_date, "20240315");
  EXPECT_EQ(it->accession, "ACC-0003");
  EXPECT_EQ(it->modalities, "DX");
  EXPECT_EQ(it->n_instances, 3);
  EXPECT_EQ(it->n_series, 1);
}

TEST_F(PacsClientTest, FindStudiesFiltersByEveryKey) {
  const auto& s = studies();
  StudyQuery query;
  query.patient_name = "DOE*";
  EXPECT_EQ(study_uids(client().find_studies(query)), (std::set<std::string>{s.current.study_uid, s.prior.study_uid}));

  query = {};
  query.patient_id = "PID-0002";
  EXPECT_EQ(study_uids(client().find_studies(query)), (std::set<std::string>{s.other.study_uid}));

  query = {};
  query.date_from = "20240101";
  EXPECT_EQ(study_uids(client().find_studies(query)), (std::set<std::string>{s.current.study_uid, s.other.study_uid}));

  query = {};
  query.date_to = "20231231";
  EXPECT_EQ(study_uids(client().find_studies(query)), (std::set<std::string>{s.prior.study_uid}));

  query = {};
  query.date_from = "20240201";
  query.date_to = "20240229";
  EXPECT_EQ(study_uids(client().find_studies(query)), (std::set<std::string>{s.other.study_uid}));

  query = {};
  query.accession = "ACC-0003";
  EXPECT_EQ(study_uids(client().find_studies(query)), (std::set<std::string>{s.current.study_uid}));

  query = {};
  query.modality = "DX";
  EXPECT_EQ(client().find_studies(query).matches.size(), 3u);
  query.modality = "CT";
  EXPECT_TRUE(client().find_studies(query).matches.empty());

  query = {};
  query.patient_name = "DOE*";
  query.date_from = "20240101";
  EXPECT_EQ(study_uids(client().find_studies(query)), (std::set<std::string>{s.current.study_uid}));
}

TEST_F(PacsClientTest, FindStopsAtTheLimitAndSaysSo) {
  StudyQuery query;
  query.limit = 2;
  const auto result = client().find_studies(query);
  EXPECT_EQ(result.matches.size(), 2u);
  EXPECT_TRUE(result.truncated);
  EXPECT_NO_THROW(client().echo());  // the cancelled query left the server working
}

TEST_F(PacsClientTest, FindHandsEachMatchOverAsItArrives) {
  StudyQuery query;
  std::set<std::string> uids;
  const FindSummary summary = client().find_studies(query, [&](StudyMatch&& match) {
    uids.insert(match.study_uid);
    return true;
  });
  EXPECT_EQ(summary.n_matches, 3u);
  EXPECT_FALSE(summary.truncated);
  EXPECT_FALSE(summary.stopped);
  EXPECT_EQ(uids, study_uids(client().find_studies(query)));
}

// Ten thousand matches from a DcmSCP peer: all of them, in the order sent; a callback that says stop
// ends the query with a C-CANCEL and the peer answers the next query in full.
TEST_F(PacsClientTest, FindOfTenThousandMatchesStreamsAndCanBeStopped) {
  test::ManyStudiesFindScp pacs(10000);
  const PacsClient many(pacs.node());
  StudyQuery query;
  query.limit = 20000;
  int n = 0;
  bool in_order = true;
  const FindSummary all = many.find_studies(query, [&](StudyMatch&& match) {
    in_order = in_order && match.study_uid == test::ManyStudiesFindScp::study(n).study_uid &&
               match.patient_id == test::ManyStudiesFindScp::study(n).patient_id;
    ++n;
    return true;
  });
  EXPECT_EQ(all.n_matches, 10000u);
  EXPECT_EQ(n, 10000);
  EXPECT_TRUE(in_order);
  EXPECT_FALSE(all.truncated);

  const FindSummary stopped = many.find_studies(query, [&](StudyMatch&&) { return false; });
  EXPECT_TRUE(stopped.stopped);
  EXPECT_EQ(stopped.n_matches, 1u);
  query.limit = 10;
  const FindSummary limited = many.find_studies(query, [&](StudyMatch&&) { return true; });
  EXPECT_TRUE(limited.truncated);
  EXPECT_EQ(limited.n_matches, 10u);
  EXPECT_EQ(many.find_studies(StudyQuery{}).matches.size(), StudyQuery{}.limit);
}

TEST_F(PacsClientTest, InvalidDateRangeIsRefusedBeforeConnecting) {
  StudyQuery query;
  query.date_from = "20241231";
  query.date_to = "20240101";
  EXPECT_EQ(expect_pacs_error([&] { client().find_studies(query); }).kind(), PacsErrorKind::kInvalidSettings);
  query.date_from = "2024-01-01";
  query.date_to = "";
  EXPECT_EQ(expect_pacs_error([&] { client().find_studies(query); }).kind(), PacsErrorKind::kInvalidSettings);
}

TEST_F(PacsClientTest, FindSeriesAndInstancesOfAStudy) {
  const auto& current = studies().current;
  const auto series = client().find_series(current.study_uid);
  ASSERT_EQ(series.matches.size(), 1u);
  EXPECT_EQ(series.matches[0].series_uid, current.series_uid);
  EXPECT_EQ(series.matches[0].modality, "DX");
  EXPECT_EQ(series.matches[0].n_instances, 3);

  const auto instances = client().find_instances(current.study_uid, current.series_uid);
  std::set<std::string> found;
  for (const auto& match : instances.matches) {
    found.insert(match.sop_instance_uid);
    EXPECT_EQ(match.sop_class_uid, UID_DigitalXRayImageStorageForPresentation);
  }
  EXPECT_EQ(found, std::set<std::string>(current.sop_uids.begin(), current.sop_uids.end()));
}

TEST_F(PacsClientTest, GetWritesEveryObjectOfTheStudyIntoTheCache) {
  const auto& current = studies().current;
  const fs::path cache = scratch("cache-get");
  std::vector<int> received;
  const auto result = client().get(cache.string(), current.study_uid, {}, {}, [&](const RetrieveProgress& progress) {
    received.push_back(progress.n_received);
    EXPECT_EQ(progress.last_sop_class_uid, UID_DigitalXRayImageStorageForPresentation);
  });
  EXPECT_EQ(result.status, 0u);
  EXPECT_EQ(result.n_failed, 0);
  ASSERT_EQ(result.files.size(), 3u);
  EXPECT_EQ(received, (std::vector<int>{1, 2, 3}));
  for (std::size_t i = 0; i < current.files.size(); ++i) {
    const fs::path expected = cache / current.study_uid / (current.sop_uids[i] + ".dcm");
    ASSERT_TRUE(fs::exists(expected)) << expected;
    EXPECT_EQ(sop_instance_uid(expected.string()), current.sop_uids[i]);
    EXPECT_TRUE(pixel_bytes(expected.string()) == pixel_bytes(current.files[i])) << "pixels differ: " << expected;
  }
  for (const auto& entry : fs::recursive_directory_iterator(cache))
    EXPECT_NE(entry.path().extension(), ".part") << "left a partial file: " << entry.path();
}

TEST_F(PacsClientTest, GetOfOneSeriesAndOfOneCompressedInstance) {
  const auto& other = studies().other;
  const fs::path cache = scratch("cache-instance");
  const auto result = client().get(cache.string(), other.study_uid, other.series_uid, other.sop_uids[0]);
  ASSERT_EQ(result.files.size(), 1u);
  EXPECT_TRUE(pixel_bytes(result.files[0]) == pixel_bytes(other.files[0]));

  const auto& prior = studies().prior;
  const auto series = client().get(cache.string(), prior.study_uid, prior.series_uid);
  ASSERT_EQ(series.files.size(), 1u);
  EXPECT_EQ(sop_instance_uid(series.files[0]), prior.sop_uids[0]);
}

TEST_F(PacsClientTest, GetCanBeCancelledAndTheServerKeepsWorking) {
  const auto& current = studies().current;
  const fs::path cache = scratch("cache-cancel");
  std::atomic<bool> cancel{false};
  int calls = 0;
  EXPECT_THROW(client().get(cache.string(), current.study_uid, {}, {},
                            [&](const RetrieveProgress&) {
                              ++calls;
                              cancel = true;
                            },
                            &cancel),
               PacsCancelled);
  EXPECT_EQ(calls, 1);
  EXPECT_NO_THROW(client().echo());
}

// Orthanc waits for our C-STORE response before it sends the next object; it is frozen while the
// first object is being handled, so the next message never comes and the DIMSE timeout ends the wait.
TEST_F(PacsClientTest, PeerThatStopsMidTransferTimesOutAndKeepsWhatArrived) {
  const auto& current = studies().current;
  const fs::path cache = scratch("cache-stalled");
  PacsNode node = server_->node();
  node.dimse_timeout_s = 2;
  int received = 0;
  PacsError error(PacsErrorKind::kProtocol, "none thrown");
  try {
    PacsClient(node).get(cache.string(), current.study_uid, {}, {}, [&](const RetrieveProgress&) {
      if (++received == 1) server_->pause();
    });
    ADD_FAILURE() << "the retrieve did not notice the stalled peer";
  } catch (const PacsError& thrown) {
    error = thrown;
  }
  server_->resume();
  EXPECT_EQ(error.kind(), PacsErrorKind::kTimeout) << error.what();
  EXPECT_EQ(received, 1);
  int n_files = 0;
  for (const auto& entry : fs::directory_iterator(cache / current.study_uid)) n_files += entry.path().extension() == ".dcm";
  EXPECT_EQ(n_files, 1);
  EXPECT_NO_THROW(client().echo());  // the rest keeps working
}

TEST_F(PacsClientTest, GetOfAnUnknownStudyReceivesNothing) {
  const fs::path cache = scratch("cache-unknown");
  try {
    const auto result = client().get(cache.string(), "1.2.3.4.5.6.7.8.9");
    EXPECT_TRUE(result.files.empty());
  } catch (const PacsError& error) {
    EXPECT_EQ(error.kind(), PacsErrorKind::kPeerFailure) << error.what();
  }
}

TEST_F(PacsClientTest, MoveSendsTheStudyToOurStorageServer) {
  const auto& current = studies().current;
  StorageServer::Options options;
  options.ae_title = server_->node().calling_ae_title;
  options.port = server_->node().storage_port;
  options.cache_dir = scratch("cache-move").string();
  std::vector<ReceivedObject> received;  // written on the server's thread, read after stop()
  StorageServer storage(options, [&](const ReceivedObject& object) { received.push_back(object); });
  std::vector<std::pair<int, int>> reported;  // (done, remaining) of each pending response
  const MoveResult result = client().move(current.study_uid, {}, {}, {}, nullptr, [&](const RetrieveProgress& progress) {
    EXPECT_TRUE(progress.last_file.empty());
    reported.emplace_back(progress.n_received, progress.n_remaining);
  });
  EXPECT_EQ(result.status, 0u);
  EXPECT_EQ(result.n_completed, 3);
  // Orthanc sends a pending response after each sub-operation: done + remaining is the study's size.
  ASSERT_FALSE(reported.empty());
  for (const auto& [done, remaining] : reported) EXPECT_EQ(done + remaining, 3);
  EXPECT_GE(reported.back().first, 2);  // reported as the objects went, not only at the end
  EXPECT_EQ(result.n_failed, 0);
  storage.stop();
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[0].calling_ae_title, OrthancServer::kAeTitle);
  EXPECT_EQ(received[0].sop_class_uid, UID_DigitalXRayImageStorageForPresentation);
  for (std::size_t i = 0; i < current.files.size(); ++i) {
    const fs::path expected = fs::path(options.cache_dir) / current.study_uid / (current.sop_uids[i] + ".dcm");
    ASSERT_TRUE(fs::exists(expected)) << expected;
    EXPECT_TRUE(pixel_bytes(expected.string()) == pixel_bytes(current.files[i])) << "pixels differ: " << expected;
  }
}

TEST_F(PacsClientTest, MoveToADestinationThePacsDoesNotKnowSaysSo) {
  const PacsError error =
      expect_pacs_error([&] { client().move(studies().prior.study_uid, {}, {}, "NOBODY"); });
  EXPECT_EQ(error.kind(), PacsErrorKind::kPeerFailure) << error.what();
  EXPECT_NE(std::string(error.what()).find("NOBODY"), std::string::npos) << error.what();
}

TEST_F(PacsClientTest, StoredObjectCanBeFoundRetrievedAndValidated) {
  const auto study = test::make_single_study(scratch("to-store"), 20, "PID-STORE");
  const auto stored = client().store(study.files[0]);
  EXPECT_EQ(stored.status, 0u);
  EXPECT_EQ(stored.sop_instance_uid, study.sop_uids[0]);

  StudyQuery query;
  query.patient_id = "PID-STORE";
  const auto found = client().find_studies(query);
  ASSERT_EQ(found.matches.size(), 1u);
  EXPECT_EQ(found.matches[0].study_uid, study.study_uid);

  const fs::path cache = scratch("cache-stored");
  const auto got = client().get(cache.string(), study.study_uid);
  ASSERT_EQ(got.files.size(), 1u);
  EXPECT_TRUE(pixel_bytes(got.files[0]) == pixel_bytes(study.files[0]));

  // dicom3tools' dciodvfy checks what came back against the DX IOD, independently of DCMTK.
  const std::string validator = ANATOMIX_DCIODVFY;
  if (validator.empty() || validator.find("NOTFOUND") != std::string::npos) GTEST_SKIP() << "dciodvfy not found";
  std::string output;
  test::run_command("'" + validator + "' '" + got.files[0] + "'", &output);
  EXPECT_EQ(output.find("Error"), std::string::npos) << output;
  EXPECT_NE(output.find("DXImageForPresentation"), std::string::npos) << output;
}

TEST_F(PacsClientTest, StoreOfAFileThatIsNotDicomIsALocalError) {
  const fs::path path = scratch("not-dicom.dcm");
  { std::ofstream(path) << "not a DICOM file"; }
  const PacsError error = expect_pacs_error([&] { client().store(path.string()); });
  EXPECT_EQ(error.kind(), PacsErrorKind::kLocalFile) << error.what();
  EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
}

TEST_F(PacsClientTest, StoreToAClosedPortFails) {
  const auto study = test::make_single_study(scratch("to-store-closed"), 21, "PID-CLOSED");
  PacsNode node = server_->node();
  node.port = test::free_loopback_port();
  EXPECT_EQ(expect_pacs_error([&] { PacsClient(node).store(study.files[0]); }).kind(), PacsErrorKind::kConnectionFailed);
}

}  // namespace
}  // namespace anatomix::network
