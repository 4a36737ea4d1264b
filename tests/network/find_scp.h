// A PACS with a very large C-FIND answer, for the worklist tests and benchmark: DCMTK's DcmSCP on a
// free loopback port, on a thread of its own, answering every Study Root study-level C-FIND with
// `n_studies` generated matches (one pending response each, PS3.4 C.4.1.1.4) and honouring C-CANCEL.
// Filling Orthanc with ten thousand studies takes minutes; this answers at once over a real association.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "anatomix/network/pacs_node.h"
#include "anatomix/network/pacs_query.h"

namespace anatomix::network::test {

class ManyStudiesFindScp {
 public:
  static constexpr const char* kAeTitle = "MANYSTUDIES";

  explicit ManyStudiesFindScp(int n_studies);
  ~ManyStudiesFindScp();  // stops listening and joins the thread
  ManyStudiesFindScp(const ManyStudiesFindScp&) = delete;
  ManyStudiesFindScp& operator=(const ManyStudiesFindScp&) = delete;

  PacsNode node() const;
  int n_studies() const { return n_studies_; }
  // The match sent as the `index`-th answer (0-based): PID-00042, DOE^PATIENT00042, ACC-00042, a
  // study date that does not follow the index (so sorting has work to do), "Chest PA 42".
  static StudyMatch study(int index);

 private:
  class Scp;
  int n_studies_;
  int port_;
  std::unique_ptr<Scp> scp_;
  std::thread thread_;
};

}  // namespace anatomix::network::test
