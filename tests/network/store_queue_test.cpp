// The offline store queue against a real Orthanc that is stopped and started again: objects queued
// while the PACS is down stay on disk (also across a new StoreQueue on the same folder, as after a
// restart of the workstation) and go out in order once it is back; an object the PACS will not take
// is set aside with its reason and does not block the others.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

#include "anatomix/network/pacs_client.h"
#include "anatomix/network/store_queue.h"
#include "orthanc_server.h"
#include "test_studies.h"

namespace anatomix::network {
namespace {

namespace fs = std::filesystem;

std::set<std::string> study_uids_of_patient(const PacsClient& client, const std::string& patient_id) {
  StudyQuery query;
  query.patient_id = patient_id;
  std::set<std::string> uids;
  for (const auto& match : client.find_studies(query).matches) uids.insert(match.study_uid);
  return uids;
}

// A copy of `source` under a SOP class no PACS knows (a private UID): refused at association time.
std::string with_unknown_sop_class(const std::string& source, const fs::path& target) {
  DcmFileFormat file;
  EXPECT_TRUE(file.loadFile(source.c_str()).good());
  const char* unknown = "1.2.826.0.1.3680043.9.7777.1.1";
  file.getDataset()->putAndInsertString(DCM_SOPClassUID, unknown);
  file.getMetaInfo()->putAndInsertString(DCM_MediaStorageSOPClassUID, unknown);
  EXPECT_TRUE(file.saveFile(target.string().c_str()).good());
  return target.string();
}

TEST(StoreQueue, KeepsObjectsWhileThePacsIsDownAndSendsThemWhenItIsBack) {
  test::TempFolder folder("store-queue");
  test::OrthancServer server(folder.path() / "orthanc");
  const PacsClient client(server.node());
  const auto first = test::make_single_study(folder.path() / "in", 50, "PID-QUEUE");
  const auto second = test::make_single_study(folder.path() / "in", 51, "PID-QUEUE");

  server.stop();
  {
    StoreQueue queue((folder.path() / "queue").string());
    queue.enqueue(first.files[0]);
    queue.enqueue(second.files[0]);
    const FlushResult offline = queue.flush(client);
    EXPECT_EQ(offline.n_sent, 0);
    EXPECT_EQ(offline.n_refused, 0);
    EXPECT_EQ(offline.n_remaining, 2);
    EXPECT_NE(offline.last_error.find("cannot connect"), std::string::npos) << offline.last_error;
    EXPECT_TRUE(fs::exists(first.files[0]));  // the originals are not touched
  }

  server.start();
  StoreQueue reopened((folder.path() / "queue").string());  // as after a restart of the workstation
  const auto pending = reopened.pending();
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_NE(pending[0].find(first.sop_uids[0]), std::string::npos) << "first in, first out";
  const FlushResult online = reopened.flush(client);
  EXPECT_EQ(online.n_sent, 2);
  EXPECT_EQ(online.n_remaining, 0);
  EXPECT_TRUE(online.last_error.empty()) << online.last_error;
  EXPECT_TRUE(reopened.pending().empty());
  EXPECT_EQ(study_uids_of_patient(client, "PID-QUEUE"), (std::set<std::string>{first.study_uid, second.study_uid}));
}

TEST(StoreQueue, AnObjectThePacsRefusesIsSetAsideWithItsReason) {
  test::TempFolder folder("store-queue-refused");
  test::OrthancServer server(folder.path() / "orthanc");
  const PacsClient client(server.node());
  const auto good = test::make_single_study(folder.path() / "in", 52, "PID-REFUSE");
  const std::string odd = with_unknown_sop_class(good.files[0], folder.path() / "odd.dcm");
  const auto after = test::make_single_study(folder.path() / "in", 53, "PID-REFUSE");

  StoreQueue queue((folder.path() / "queue").string());
  queue.enqueue(odd);
  queue.enqueue(after.files[0]);
  const FlushResult result = queue.flush(client);
  EXPECT_EQ(result.n_refused, 1);
  EXPECT_EQ(result.n_sent, 1);
  EXPECT_EQ(result.n_remaining, 0);
  const auto failed = queue.failed();
  ASSERT_EQ(failed.size(), 1u);
  std::ifstream reason(failed[0] + ".txt");
  std::string text((std::istreambuf_iterator<char>(reason)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("does not support"), std::string::npos) << text;
  EXPECT_NE(text.find("1.2.826.0.1.3680043.9.7777.1.1"), std::string::npos) << text;
  EXPECT_EQ(study_uids_of_patient(client, "PID-REFUSE"), (std::set<std::string>{after.study_uid}));
}

TEST(StoreQueue, RefusesToQueueWhatIsNotDicom) {
  test::TempFolder folder("store-queue-bad");
  const fs::path text = folder.path() / "note.txt";
  std::ofstream(text) << "not DICOM";
  StoreQueue queue((folder.path() / "queue").string());
  try {
    queue.enqueue(text.string());
    ADD_FAILURE() << "queued a text file";
  } catch (const PacsError& error) {
    EXPECT_EQ(error.kind(), PacsErrorKind::kLocalFile);
    EXPECT_NE(std::string(error.what()).find(text.string()), std::string::npos) << error.what();
  }
  EXPECT_TRUE(queue.pending().empty());
}

}  // namespace
}  // namespace anatomix::network
