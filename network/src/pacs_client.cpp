#include "anatomix/network/pacs_client.h"

#include <exception>
#include <filesystem>
#include <memory>
#include <utility>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include "network_log.h"
#include "object_cache.h"
#include "scu_session.h"

namespace anatomix::network {
namespace {

const std::vector<std::string> kUncompressed = {UID_LittleEndianExplicitTransferSyntax,
                                                UID_LittleEndianImplicitTransferSyntax};

// The C-FIND exchange with a match limit: each pending answer goes to `on_match`; when it returns
// false (limit reached) a C-CANCEL is sent (PS3.7 9.3.2.3) and the remaining answers are read and dropped.
class FindSession : public ScuSession {
 public:
  FindSession(const PacsNode& node, std::function<bool(DcmDataset&)> on_match)
      : ScuSession(node), on_match_(std::move(on_match)) {}

  bool cancel_sent() const { return cancel_sent_; }
  Uint16 final_status() const { return final_status_; }

 protected:
  OFCondition handleFINDResponse(const T_ASC_PresentationContextID presID, QRResponse* response,
                                 OFBool& waitForNextResponse) override {
    const OFCondition condition = DcmSCU::handleFINDResponse(presID, response, waitForNextResponse);
    if (!response) return condition;
    const bool pending = response->m_status == STATUS_FIND_Pending_MatchesAreContinuing ||
                         response->m_status == STATUS_FIND_Pending_WarningUnsupportedOptionalKeys;
    if (!pending) {
      final_status_ = response->m_status;
      return condition;
    }
    if (cancel_sent_ || !response->m_dataset) return condition;
    if (!on_match_(*response->m_dataset)) {
      cancel_sent_ = true;
      const OFCondition cancelled = sendCANCELRequest(presID);
      if (cancelled.bad()) return cancelled;
    }
    return condition;
  }

 private:
  std::function<bool(DcmDataset&)> on_match_;
  bool cancel_sent_ = false;
  Uint16 final_status_ = 0xFFFF;
};

std::string get_string(DcmDataset& dataset, const DcmTagKey& tag) {
  OFString value;
  // The whole value: multi-valued attributes (Modalities in Study) stay backslash-separated.
  if (dataset.findAndGetOFStringArray(tag, value).bad()) return {};
  return value.c_str();
}

// IS (PS3.5 6.2): a count the PACS may leave out or fill with anything; -1 unless it is a plain number.
int get_count(DcmDataset& dataset, const DcmTagKey& tag) {
  const std::string text = get_string(dataset, tag);
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return -1;
  const std::string digits = text.substr(first, text.find_last_not_of(' ') - first + 1);
  if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoi(digits);
}

void put(DcmDataset& dataset, const DcmTagKey& tag, const std::string& value) {
  dataset.putAndInsertString(tag, value.c_str());
}

// Runs one C-FIND in the Study Root model; each match, converted to UTF-8, goes to `on_match`, which
// returns false to stop (a C-CANCEL follows). Returns whether the query was stopped so.
bool run_find_each(const PacsNode& node, DcmDataset& keys, const std::function<bool(DcmDataset&)>& on_match) {
  FindSession session(node, [&](DcmDataset& answer) {
    // Names may come in any character set the PACS declares (PS3.5 6.1); the caller gets UTF-8.
    if (answer.convertToUTF8().bad())
      network_log().debug("run_find: {}: a match could not be converted to UTF-8; kept as sent", describe(node));
    return on_match(answer);
  });
  const std::string what = "C-FIND";
  session.propose(UID_FINDStudyRootQueryRetrieveInformationModel, kUncompressed);
  session.open(what);
  const T_ASC_PresentationContextID context = session.accepted_context(UID_FINDStudyRootQueryRetrieveInformationModel, what);
  const OFCondition condition = session.sendFINDRequest(context, &keys, nullptr);
  if (condition.bad()) session.fail(what, condition);
  session.release();
  const Uint16 status = session.final_status();
  const bool ok = status == STATUS_Success || (session.cancel_sent() && status == STATUS_FIND_Cancel_MatchingTerminatedDueToCancelRequest);
  if (!ok)
    throw PacsError(PacsErrorKind::kPeerFailure, describe(node) + ": C-FIND failed with status " + describe_status(status));
  return session.cancel_sent();
}

// run_find_each collecting at most `limit` matches.
template <typename Match>
FindResult<Match> run_find(const PacsNode& node, DcmDataset& keys, std::size_t limit,
                           const std::function<Match(DcmDataset&)>& convert) {
  FindResult<Match> result;
  result.truncated = run_find_each(node, keys, [&](DcmDataset& answer) {
    if (result.matches.size() >= limit) return false;
    result.matches.push_back(convert(answer));
    return true;
  });
  return result;
}

// PS3.4 C.6.2.1.2: Study Root, STUDY level; unique key empty, required and optional keys as return keys.
void put_study_keys(DcmDataset& keys, const StudyQuery& query) {
  put(keys, DCM_SpecificCharacterSet, "ISO_IR 192");
  put(keys, DCM_QueryRetrieveLevel, "STUDY");
  put(keys, DCM_StudyInstanceUID, "");
  put(keys, DCM_PatientName, query.patient_name);
  put(keys, DCM_PatientID, query.patient_id);
  put(keys, DCM_PatientBirthDate, "");
  put(keys, DCM_PatientSex, "");
  put(keys, DCM_StudyDate, date_range(query.date_from, query.date_to));
  put(keys, DCM_StudyTime, "");
  put(keys, DCM_AccessionNumber, query.accession);
  put(keys, DCM_StudyDescription, query.description);
  put(keys, DCM_ModalitiesInStudy, query.modality);
  put(keys, DCM_StudyID, "");
  put(keys, DCM_ReferringPhysicianName, "");
  put(keys, DCM_NumberOfStudyRelatedSeries, "");
  put(keys, DCM_NumberOfStudyRelatedInstances, "");
}

StudyMatch study_match(DcmDataset& answer) {
  StudyMatch match;
  match.study_uid = get_string(answer, DCM_StudyInstanceUID);
  match.patient_name = get_string(answer, DCM_PatientName);
  match.patient_id = get_string(answer, DCM_PatientID);
  match.patient_birth_date = get_string(answer, DCM_PatientBirthDate);
  match.patient_sex = get_string(answer, DCM_PatientSex);
  match.study_date = get_string(answer, DCM_StudyDate);
  match.study_time = get_string(answer, DCM_StudyTime);
  match.accession = get_string(answer, DCM_AccessionNumber);
  match.description = get_string(answer, DCM_StudyDescription);
  match.study_id = get_string(answer, DCM_StudyID);
  match.referring_physician = get_string(answer, DCM_ReferringPhysicianName);
  match.modalities = get_string(answer, DCM_ModalitiesInStudy);
  match.n_series = get_count(answer, DCM_NumberOfStudyRelatedSeries);
  match.n_instances = get_count(answer, DCM_NumberOfStudyRelatedInstances);
  return match;
}

std::string check_uid(const char* field, const std::string& uid) {
  if (!is_valid_uid(uid))
    throw PacsError(PacsErrorKind::kInvalidSettings, std::string(field) + " '" + uid + "' is not a valid UID");
  return uid;
}

// PS3.4 C.6.2.1.3 (Study Root C-GET and C-MOVE): the level and the unique keys down to it.
void put_retrieve_keys(DcmDataset& keys, const std::string& study_uid, const std::string& series_uid,
                       const std::string& sop_uid) {
  if (!sop_uid.empty() && series_uid.empty())
    throw PacsError(PacsErrorKind::kInvalidSettings, "retrieving one instance needs its Series Instance UID too");
  put(keys, DCM_QueryRetrieveLevel, !sop_uid.empty() ? "IMAGE" : !series_uid.empty() ? "SERIES" : "STUDY");
  put(keys, DCM_StudyInstanceUID, check_uid("Study Instance UID", study_uid));
  if (!series_uid.empty()) put(keys, DCM_SeriesInstanceUID, check_uid("Series Instance UID", series_uid));
  if (!sop_uid.empty()) put(keys, DCM_SOPInstanceUID, check_uid("SOP Instance UID", sop_uid));
}

// C-MOVE responses: the last one's counts and status, each pending one's counts to `progress`; a set
// cancel flag (or a throwing `progress`, kept for the caller) sends one C-CANCEL.
class MoveSession : public ScuSession {
 public:
  MoveSession(const PacsNode& node, const std::atomic<bool>* cancel,
              const std::function<void(const RetrieveProgress&)>& progress)
      : ScuSession(node), cancel_(cancel), progress_(progress) {}
  bool cancel_sent() const { return cancel_sent_; }
  std::exception_ptr progress_error() const { return progress_error_; }

 protected:
  OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                 OFBool& waitForNextResponse) override {
    const OFCondition condition = DcmSCU::handleMOVEResponse(presID, response, waitForNextResponse);
    if (response && response->m_status == STATUS_MOVE_Pending_SubOperationsAreContinuing && progress_ &&
        !progress_error_) {
      RetrieveProgress state;
      state.n_received = response->m_numberOfCompletedSubops + response->m_numberOfFailedSubops +
                         response->m_numberOfWarningSubops;
      state.n_remaining = response->m_numberOfRemainingSubops;
      try {
        progress_(state);
      } catch (...) {
        progress_error_ = std::current_exception();
      }
    }
    const bool stop = (cancel_ && cancel_->load()) || progress_error_;
    if (stop && !cancel_sent_ && waitForNextResponse) {
      cancel_sent_ = true;
      const OFCondition cancelled = sendCANCELRequest(presID);
      if (cancelled.bad()) return cancelled;
    }
    return condition;
  }

 private:
  const std::atomic<bool>* cancel_;  // borrowed for one C-MOVE
  const std::function<void(const RetrieveProgress&)>& progress_;  // borrowed for one C-MOVE
  bool cancel_sent_ = false;
  std::exception_ptr progress_error_;
};

bool is_date(const std::string& text) {
  return text.size() == 8 && text.find_first_not_of("0123456789") == std::string::npos;
}

// The final C-GET / C-MOVE response's status (0xFFFF when none came) and sub-operation counts into `result`
// (RetrieveResult or MoveResult); the responses DcmSCU allocated are freed.
template <typename Result>
void take_final_response(OFList<RetrieveResponse*>& responses, Result& result) {
  result.status = 0xFFFF;
  if (!responses.empty()) {
    const RetrieveResponse* last = responses.back();
    result.status = last->m_status;
    result.n_completed = last->m_numberOfCompletedSubops;
    result.n_failed = last->m_numberOfFailedSubops;
    result.n_warning = last->m_numberOfWarningSubops;
  }
  for (auto* response : responses) delete response;
  responses.clear();
}

}  // namespace

std::string date_range(const std::string& from, const std::string& to) {
  for (const auto* date : {&from, &to})
    if (!date->empty() && !is_date(*date))
      throw PacsError(PacsErrorKind::kInvalidSettings, "date '" + *date + "' is not YYYYMMDD");
  if (!from.empty() && !to.empty() && from > to)
    throw PacsError(PacsErrorKind::kInvalidSettings, "date range " + from + "-" + to + " ends before it starts");
  if (from.empty() && to.empty()) return {};
  if (from == to) return from;
  return from + "-" + to;
}

PacsClient::PacsClient(PacsNode node) : node_(std::move(node)) { validate(node_); }

void PacsClient::echo() const {
  ScuSession session(node_);
  const std::string what = "C-ECHO";
  session.propose(UID_VerificationSOPClass, kUncompressed);
  session.open(what);
  const T_ASC_PresentationContextID context = session.accepted_context(UID_VerificationSOPClass, what);
  const Uint16 status = session.echo(context, what);
  session.release();
  if (status != STATUS_Success)
    throw PacsError(PacsErrorKind::kPeerFailure, describe(node_) + ": C-ECHO answered with status " + describe_status(status));
  network_log().info("PacsClient::echo: {} answered", describe(node_));
}

FindResult<StudyMatch> PacsClient::find_studies(const StudyQuery& query) const {
  DcmDataset keys;
  put_study_keys(keys, query);
  return run_find<StudyMatch>(node_, keys, query.limit, study_match);
}

FindSummary PacsClient::find_studies(const StudyQuery& query, const std::function<bool(StudyMatch&&)>& on_match) const {
  DcmDataset keys;
  put_study_keys(keys, query);
  FindSummary summary;
  run_find_each(node_, keys, [&](DcmDataset& answer) {
    if (summary.n_matches >= query.limit) {
      summary.truncated = true;
      return false;
    }
    ++summary.n_matches;
    if (on_match(study_match(answer))) return true;
    summary.stopped = true;
    return false;
  });
  return summary;
}

FindResult<SeriesMatch> PacsClient::find_series(const std::string& study_uid, std::size_t limit) const {
  DcmDataset keys;
  put(keys, DCM_SpecificCharacterSet, "ISO_IR 192");
  put(keys, DCM_QueryRetrieveLevel, "SERIES");
  put(keys, DCM_StudyInstanceUID, check_uid("Study Instance UID", study_uid));
  put(keys, DCM_SeriesInstanceUID, "");
  put(keys, DCM_Modality, "");
  put(keys, DCM_SeriesNumber, "");
  put(keys, DCM_SeriesDescription, "");
  put(keys, DCM_BodyPartExamined, "");
  put(keys, DCM_NumberOfSeriesRelatedInstances, "");
  return run_find<SeriesMatch>(node_, keys, limit, [&](DcmDataset& answer) {
    SeriesMatch match;
    match.study_uid = get_string(answer, DCM_StudyInstanceUID);
    if (match.study_uid.empty()) match.study_uid = study_uid;
    match.series_uid = get_string(answer, DCM_SeriesInstanceUID);
    match.modality = get_string(answer, DCM_Modality);
    match.series_number = get_string(answer, DCM_SeriesNumber);
    match.description = get_string(answer, DCM_SeriesDescription);
    match.body_part = get_string(answer, DCM_BodyPartExamined);
    match.n_instances = get_count(answer, DCM_NumberOfSeriesRelatedInstances);
    return match;
  });
}

FindResult<InstanceMatch> PacsClient::find_instances(const std::string& study_uid, const std::string& series_uid,
                                                     std::size_t limit) const {
  DcmDataset keys;
  put(keys, DCM_QueryRetrieveLevel, "IMAGE");
  put(keys, DCM_StudyInstanceUID, check_uid("Study Instance UID", study_uid));
  put(keys, DCM_SeriesInstanceUID, check_uid("Series Instance UID", series_uid));
  put(keys, DCM_SOPInstanceUID, "");
  put(keys, DCM_SOPClassUID, "");
  put(keys, DCM_InstanceNumber, "");
  return run_find<InstanceMatch>(node_, keys, limit, [&](DcmDataset& answer) {
    InstanceMatch match;
    match.study_uid = study_uid;
    match.series_uid = series_uid;
    match.sop_instance_uid = get_string(answer, DCM_SOPInstanceUID);
    match.sop_class_uid = get_string(answer, DCM_SOPClassUID);
    match.instance_number = get_string(answer, DCM_InstanceNumber);
    return match;
  });
}

RetrieveResult PacsClient::get(const std::string& cache_dir, const std::string& study_uid,
                               const std::string& series_uid, const std::string& sop_uid,
                               const std::function<void(const RetrieveProgress&)>& progress,
                               const std::atomic<bool>* cancel) const {
  DcmDataset keys;
  put_retrieve_keys(keys, study_uid, series_uid, sop_uid);
  std::error_code made;
  std::filesystem::create_directories(cache_dir, made);
  if (made)
    throw PacsError(PacsErrorKind::kLocalFile, cache_dir + ": cannot create the cache folder: " + made.message());

  const std::string what = "C-GET";
  ScuSession session(node_);
  session.propose(UID_GETStudyRootQueryRetrieveInformationModel, kUncompressed);
  session.propose_storage_as_scp();
  session.receive_into(cache_dir, &progress, cancel);
  session.open(what);
  const T_ASC_PresentationContextID context = session.accepted_context(UID_GETStudyRootQueryRetrieveInformationModel, what);
  OFList<RetrieveResponse*> responses;
  const OFCondition condition = session.sendCGETRequest(context, &keys, &responses);
  RetrieveResult result;
  take_final_response(responses, result);
  const Uint16 status = result.status;
  result.files = session.received_files();
  if (session.pending_error()) {
    session.abortAssociation();
    std::rethrow_exception(session.pending_error());
  }
  if (session.cancelled()) {
    session.abortAssociation();
    throw PacsCancelled(describe(node_) + ": C-GET");
  }
  if (condition.bad()) {
    try {
      session.fail(what, condition);
    } catch (const PacsError& error) {
      // Once objects came, an abort or a closed connection is the PACS going away mid-transfer, not a
      // refused request (the general hint would point at the AE titles).
      const bool broke_off = error.kind() == PacsErrorKind::kAborted || error.kind() == PacsErrorKind::kProtocol;
      if (result.files.empty() || !broke_off) throw;
      throw PacsError(error.kind(), describe(node_) + ": C-GET: the PACS broke off the transfer after " +
                                        std::to_string(result.files.size()) + " objects (" + condition.text() +
                                        "); it may have stopped, or the network failed");
    }
  }
  session.release();
  // Success, or a warning (0xB000: some sub-operations failed) with at least what was received.
  if (status != STATUS_Success && (status & 0xF000) != 0xB000)
    throw PacsError(PacsErrorKind::kPeerFailure, describe(node_) + ": C-GET failed with status " + describe_status(status) +
                                                     " after " + std::to_string(result.files.size()) + " objects");
  network_log().info("PacsClient::get: {} received {} objects", describe(node_), result.files.size());
  return result;
}

MoveResult PacsClient::move(const std::string& study_uid, const std::string& series_uid, const std::string& sop_uid,
                            const std::string& destination_ae_title, const std::atomic<bool>* cancel,
                            const std::function<void(const RetrieveProgress&)>& progress) const {
  DcmDataset keys;
  put_retrieve_keys(keys, study_uid, series_uid, sop_uid);
  const std::string destination = destination_ae_title.empty() ? node_.calling_ae_title : destination_ae_title;
  {
    PacsNode check = node_;
    check.called_ae_title = destination;
    validate(check);  // the destination is an AE title too
  }
  const std::string what = "C-MOVE";
  MoveSession session(node_, cancel, progress);
  session.propose(UID_MOVEStudyRootQueryRetrieveInformationModel, kUncompressed);
  session.open(what);
  const T_ASC_PresentationContextID context = session.accepted_context(UID_MOVEStudyRootQueryRetrieveInformationModel, what);
  OFList<RetrieveResponse*> responses;
  const OFCondition condition = session.sendMOVERequest(context, destination.c_str(), &keys, &responses);
  MoveResult result;
  take_final_response(responses, result);
  const Uint16 status = result.status;
  if (session.progress_error()) {
    session.abortAssociation();
    std::rethrow_exception(session.progress_error());
  }
  if (condition.bad()) session.fail(what, condition);
  session.release();
  if (session.cancel_sent() && status == STATUS_MOVE_Cancel)
    throw PacsCancelled(describe(node_) + ": C-MOVE");
  if (status == STATUS_MOVE_Refused_MoveDestinationUnknown)
    throw PacsError(PacsErrorKind::kPeerFailure, describe(node_) + ": C-MOVE: the PACS does not know the destination '" +
                                                     destination + "'; add it (AE title, host, storage port) there");
  if (status != STATUS_Success && (status & 0xF000) != 0xB000)
    throw PacsError(PacsErrorKind::kPeerFailure, describe(node_) + ": C-MOVE to '" + destination + "' failed with status " +
                                                     describe_status(status) +
                                                     "; check that the PACS knows this destination and can reach it");
  network_log().info("PacsClient::move: {} sent {} objects to {}", describe(node_), result.n_completed, destination);
  return result;
}

StoreResult PacsClient::store(const std::string& path) const {
  DcmFileFormat file;
  const OFCondition loaded = file.loadFile(path.c_str());
  if (loaded.bad()) throw PacsError(PacsErrorKind::kLocalFile, path + ": cannot read as DICOM: " + loaded.text());
  StoreResult result;
  OFString sop_class, sop_instance;
  file.getDataset()->findAndGetOFString(DCM_SOPClassUID, sop_class);
  file.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, sop_instance);
  if (sop_class.empty() || sop_instance.empty())
    throw PacsError(PacsErrorKind::kLocalFile, path + ": no SOP Class UID or SOP Instance UID: not a storable object");
  result.sop_class_uid = sop_class.c_str();
  result.sop_instance_uid = sop_instance.c_str();
  const char* stored_syntax = DcmXfer(file.getDataset()->getOriginalXfer()).getXferID();

  const std::string what =
      "C-STORE of " + std::string(dcmFindNameOfUID(result.sop_class_uid.c_str(), result.sop_class_uid.c_str()));
  ScuSession session(node_);
  // The object as stored, and uncompressed as a fallback the PACS is bound to accept (PS3.5 10.1).
  if (stored_syntax && *stored_syntax && kUncompressed[0] != stored_syntax && kUncompressed[1] != stored_syntax)
    session.propose(result.sop_class_uid, {stored_syntax});
  session.propose(result.sop_class_uid, kUncompressed);
  session.open(what);
  T_ASC_PresentationContextID context = session.findPresentationContextID(result.sop_class_uid.c_str(), stored_syntax);
  DcmDataset* dataset = file.getDataset();
  if (context == 0) {
    context = session.accepted_context(result.sop_class_uid, what);
    // Accepted only uncompressed: decompress (codecs registered by the image room when linked).
    if (dataset->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad())
      throw PacsError(PacsErrorKind::kLocalFile, path + ": the PACS takes it only uncompressed, and it cannot be decompressed");
  }
  Uint16 status = 0;
  const OFCondition condition = session.sendSTORERequest(context, "", dataset, status);
  if (condition.bad()) session.fail(what, condition);
  session.release();
  result.status = status;
  result.warning = (status & 0xF000) == 0xB000;
  if (status != STATUS_Success && !result.warning)
    throw PacsError(PacsErrorKind::kPeerFailure,
                    describe(node_) + ": C-STORE of " + path + " refused with status " + describe_status(status));
  network_log().info("PacsClient::store: {} accepted an object ({})", describe(node_), describe_status(status));
  return result;
}

}  // namespace anatomix::network
