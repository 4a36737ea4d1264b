// The workstation as a DICOM service class user (DCMTK dcmnet): verification (C-ECHO, PS3.4 A),
// query (C-FIND), retrieve (C-GET) and storage (C-STORE) against one PACS node. Each call opens its
// own association, does its work and releases it; nothing is kept open between calls.
//
// Nothing hangs: TCP connect, association and every DIMSE message are bounded by the node's timeouts.
// Failures are PacsError with the node, the reason and a hint; a set cancel flag gives PacsCancelled.
// Calls block: run them off the GUI thread. One PacsClient may be used from one thread at a time;
// separate clients may run in parallel.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "anatomix/network/pacs_error.h"
#include "anatomix/network/pacs_node.h"
#include "anatomix/network/pacs_query.h"

namespace anatomix::network {

// What a retrieve has done so far: for C-GET reported after each received object; for C-MOVE after
// each pending response of the PACS (the objects themselves go to the storage SCP).
struct RetrieveProgress {
  int n_received = 0;       // C-GET: objects written to the cache by this retrieve; C-MOVE: sub-operations
                            // the PACS reports done (completed, failed or with a warning)
  int n_remaining = -1;     // as the PACS last reported it; -1 when not (yet) known
  std::string last_file;    // C-GET: path of the object just written; C-MOVE: empty
  std::string last_sop_class_uid;  // C-GET: that object's SOP Class UID; C-MOVE: empty
};

struct RetrieveResult {
  std::vector<std::string> files;  // every object written, in arrival order
  int n_completed = 0;             // sub-operations the PACS counted as completed (final response)
  int n_failed = 0;                // ... as failed
  int n_warning = 0;               // ... as completed with a warning
  std::uint16_t status = 0;        // final C-GET status (PS3.4 C.4.3.1.4)
};

struct MoveResult {
  int n_completed = 0;             // sub-operations (C-STOREs to the destination) completed
  int n_failed = 0;
  int n_warning = 0;
  std::uint16_t status = 0;        // final C-MOVE status (PS3.4 C.4.2.1.5)
};

struct StoreResult {
  std::string sop_class_uid, sop_instance_uid;
  std::uint16_t status = 0;        // C-STORE response status (PS3.4 B.2.3): 0 or a warning 0xB0xx
  bool warning = false;            // accepted with a warning (coercion, elements discarded)
};

class PacsClient {
 public:
  explicit PacsClient(PacsNode node);  // validates the node (PacsError kInvalidSettings)

  const PacsNode& node() const { return node_; }

  // C-ECHO: the "test connection" button. Returns normally when the PACS answered Success.
  void echo() const;

  // C-FIND at study level with the filters of `query`.
  FindResult<StudyMatch> find_studies(const StudyQuery& query) const;
  // The same C-FIND, each match handed to `on_match` (on the calling thread) as its response arrives
  // instead of collected: a worklist of thousands of studies fills while the PACS answers. At most
  // query.limit matches; `on_match` returning false stops the query. Either way the remaining
  // matches are cancelled (C-CANCEL, PS3.7 9.3.2.3).
  FindSummary find_studies(const StudyQuery& query, const std::function<bool(StudyMatch&&)>& on_match) const;
  // C-FIND at series level within one study.
  FindResult<SeriesMatch> find_series(const std::string& study_uid, std::size_t limit = 10000) const;
  // C-FIND at instance (IMAGE) level within one series.
  FindResult<InstanceMatch> find_instances(const std::string& study_uid, const std::string& series_uid,
                                           std::size_t limit = 100000) const;

  // C-GET of a whole study, of one series (series_uid set) or of one instance (also sop_uid set)
  // into `cache_dir`/<Study Instance UID>/<SOP Instance UID>.dcm (folders created; a file is written
  // under a temporary name and renamed when complete, so a reader never sees half an object).
  // `progress` (may be empty) runs on the calling thread after each object. Setting *cancel aborts the
  // association and throws PacsCancelled; the objects already written stay.
  RetrieveResult get(const std::string& cache_dir, const std::string& study_uid,
                     const std::string& series_uid = {}, const std::string& sop_uid = {},
                     const std::function<void(const RetrieveProgress&)>& progress = {},
                     const std::atomic<bool>* cancel = nullptr) const;

  // C-MOVE of a study, series or instance (as for get) to `destination_ae_title`; empty means our own
  // calling AE title, i.e. the workstation's StorageServer, which must be listening. The PACS must know
  // the destination (AE title, host, port); otherwise it answers 0xA801 (PacsError kPeerFailure).
  // Returns when the PACS reports the last sub-operation. `progress` (may be empty) runs on the
  // calling thread after each pending response with the PACS's counts. Setting *cancel sends a C-CANCEL
  // (PS3.7 9.3.4.3) and throws PacsCancelled once the PACS confirms.
  MoveResult move(const std::string& study_uid, const std::string& series_uid = {}, const std::string& sop_uid = {},
                  const std::string& destination_ae_title = {}, const std::atomic<bool>* cancel = nullptr,
                  const std::function<void(const RetrieveProgress&)>& progress = {}) const;

  // C-STORE of one DICOM file (e.g. the exported SR). Throws PacsError when the file cannot be read,
  // the PACS does not accept its SOP class, or answers with a failure status.
  StoreResult store(const std::string& path) const;

 private:
  PacsNode node_;
};

}  // namespace anatomix::network
