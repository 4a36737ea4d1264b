#include "find_scp.h"

#include <cstdio>
#include <stdexcept>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scp.h>
#include <dcmtk/oflog/oflog.h>

#include "orthanc_server.h"

namespace anatomix::network::test {

class ManyStudiesFindScp::Scp : public DcmSCP {
 public:
  explicit Scp(int n_studies) : n_studies_(n_studies) {}
  std::atomic<bool> stop_requested{false};

 protected:
  OFCondition handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& context) override {
    if (message->CommandField != DIMSE_C_FIND_RQ) return DcmSCP::handleIncomingCommand(message, context);
    T_DIMSE_C_FindRQ& request = message->msg.CFindRQ;
    DcmDataset* keys = nullptr;
    OFCondition condition = receiveFINDRequest(request, context.presentationContextID, keys);
    delete keys;  // every query gets the same answer
    if (condition.bad()) return condition;
    for (int index = 0; index < n_studies_; ++index) {
      // A look for a C-CANCEL now and then: checking costs a poll of the socket.
      if (index % 50 == 0 && checkForCANCEL(context.presentationContextID, request.MessageID).good())
        return sendFINDResponse(context.presentationContextID, request.MessageID, request.AffectedSOPClassUID, nullptr,
                                STATUS_FIND_Cancel_MatchingTerminatedDueToCancelRequest);
      const StudyMatch match = study(index);
      DcmDataset answer;
      answer.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
      answer.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
      answer.putAndInsertString(DCM_StudyInstanceUID, match.study_uid.c_str());
      answer.putAndInsertString(DCM_PatientName, match.patient_name.c_str());
      answer.putAndInsertString(DCM_PatientID, match.patient_id.c_str());
      answer.putAndInsertString(DCM_StudyDate, match.study_date.c_str());
      answer.putAndInsertString(DCM_StudyTime, match.study_time.c_str());
      answer.putAndInsertString(DCM_AccessionNumber, match.accession.c_str());
      answer.putAndInsertString(DCM_StudyDescription, match.description.c_str());
      answer.putAndInsertString(DCM_ModalitiesInStudy, match.modalities.c_str());
      answer.putAndInsertString(DCM_NumberOfStudyRelatedInstances, std::to_string(match.n_instances).c_str());
      condition = sendFINDResponse(context.presentationContextID, request.MessageID, request.AffectedSOPClassUID,
                                   &answer, STATUS_FIND_Pending_MatchesAreContinuing);
      if (condition.bad()) return condition;
    }
    return sendFINDResponse(context.presentationContextID, request.MessageID, request.AffectedSOPClassUID, nullptr,
                            STATUS_Success);
  }
  OFBool stopAfterConnectionTimeout() override { return stop_requested.load(); }
  OFBool stopAfterCurrentAssociation() override { return stop_requested.load(); }

 private:
  int n_studies_;
};

StudyMatch ManyStudiesFindScp::study(int index) {
  char number[16];
  std::snprintf(number, sizeof number, "%05d", index);
  StudyMatch match;
  match.study_uid = "1.2.826.0.1.3680043.99.42." + std::to_string(index + 1);
  match.patient_name = std::string("DOE^PATIENT") + number;
  match.patient_id = std::string("PID-") + number;
  // 7919 is prime to 10000: every date 1990-01-01 + 0..9999 days... as a YYYYMMDD-like key that
  // sorts in another order than the index.
  const int scrambled = (index * 7919) % 10000;
  char date[16];
  std::snprintf(date, sizeof date, "%04d%02d%02d", 1990 + scrambled / 336, 1 + (scrambled / 28) % 12, 1 + scrambled % 28);
  match.study_date = date;
  match.study_time = "120000";
  match.accession = std::string("ACC-") + number;
  match.description = "Chest PA " + std::to_string(index);
  match.modalities = "DX";
  match.n_instances = 1 + index % 4;
  return match;
}

ManyStudiesFindScp::ManyStudiesFindScp(int n_studies)
    : n_studies_(n_studies), port_(free_loopback_port()), scp_(std::make_unique<Scp>(n_studies)) {
  OFLog::getLogger("dcmtk.dcmnet").setLogLevel(OFLogger::ERROR_LOG_LEVEL);
  Scp& scp = *scp_;
  scp.setAETitle(kAeTitle);
  scp.setPort(static_cast<Uint16>(port_));
  scp.setHostLookupEnabled(OFFalse);
  scp.setConnectionBlockingMode(DUL_NOBLOCK);
  scp.setConnectionTimeout(1);
  scp.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
  scp.setDIMSETimeout(30);
  scp.setVerbosePCMode(OFFalse);
  OFList<OFString> syntaxes;
  syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
  syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
  scp.addPresentationContext(UID_VerificationSOPClass, syntaxes);
  scp.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, syntaxes);
  const OFCondition opened = scp.openListenPort();
  if (opened.bad()) throw std::runtime_error(std::string("find SCP: cannot listen: ") + opened.text());
  thread_ = std::thread([&scp] { scp.acceptAssociations(); });
}

ManyStudiesFindScp::~ManyStudiesFindScp() {
  scp_->stop_requested = true;
  if (thread_.joinable()) thread_.join();
}

PacsNode ManyStudiesFindScp::node() const {
  PacsNode node;
  node.name = "many studies";
  node.called_ae_title = kAeTitle;
  node.host = "127.0.0.1";
  node.port = port_;
  node.calling_ae_title = "ANATOMIX";
  return node;
}

}  // namespace anatomix::network::test
