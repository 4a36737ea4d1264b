#include "scu_session.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>

#include "anatomix/network/pacs_error.h"
#include "network_log.h"
#include "object_cache.h"

namespace anatomix::network {
namespace {

bool contains(const std::string& text, const char* needle) { return text.find(needle) != std::string::npos; }

// DCMTK nests conditions in their text ("DIMSE Failed to receive message ... DUL Peer Aborted ..."),
// so besides the code the text is searched for the condition that really happened.
PacsError map_condition(const PacsNode& node, const std::string& what, const OFCondition& condition) {
  const std::string peer = describe(node);
  const std::string text = condition.text();
  const std::string head = peer + ": " + what + ": ";
  if (condition == DUL_ASSOCIATIONREJECTED)
    return PacsError(PacsErrorKind::kAssociationRejected,
                     head + "the PACS rejected the association (A-ASSOCIATE-RJ): check the called AE title '" +
                         node.called_ae_title + "', and that the PACS knows our AE title '" + node.calling_ae_title +
                         "' and our host");
  if (condition == NET_EC_NoAcceptablePresentationContexts)
    return PacsError(PacsErrorKind::kServiceNotSupported,
                     head + "the PACS does not support it (no proposed presentation context accepted)");
  if (condition == DIMSE_NODATAAVAILABLE || condition == DUL_READTIMEOUT || contains(text, "timed out") ||
      contains(text, "Timeout") || contains(text, "timeout"))
    return PacsError(PacsErrorKind::kTimeout, head + "no answer in time (" + text +
                                                  "); the PACS may be overloaded, or the address may be wrong");
  if ((condition.module() == OFM_dcmnet && condition.code() == DULC_TLSERROR) || contains(text, "TLS"))
    return PacsError(PacsErrorKind::kConnectionFailed,
                     head + "TLS handshake failed (" + text +
                         "); check the certificates, and that the PACS port speaks TLS");
  if (condition.module() == OFM_dcmnet &&
      (condition.code() == DULC_TCPINITERROR || condition.code() == DULC_UNKNOWNHOST)) {
    std::string hint = "is the PACS running, and are host and port right?";
    if (contains(text, "refused")) hint = "is the PACS running, and is the port right?";
    if (condition.code() == DULC_UNKNOWNHOST || contains(text, "unknown host")) hint = "check the host name";
    return PacsError(PacsErrorKind::kConnectionFailed, head + "cannot connect (" + text + "); " + hint);
  }
  if (condition == DUL_PEERABORTEDASSOCIATION || contains(text, "Peer Aborted") || contains(text, "Peer aborted"))
    return PacsError(PacsErrorKind::kAborted, head + "the PACS aborted the association (" + text +
                                                      "); a PACS does so when it refuses the request, e.g. when it "
                                                      "does not know our AE title '" + node.calling_ae_title + "'");
  if (condition == DUL_PEERREQUESTEDRELEASE || condition == DUL_NETWORKCLOSED || contains(text, "closed"))
    return PacsError(PacsErrorKind::kProtocol, head + "the PACS closed the connection (" + text + ")");
  return PacsError(PacsErrorKind::kProtocol, head + text);
}

}  // namespace

std::string describe_status(unsigned status) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%04X", status);
  const char* meaning = "unknown status";
  if (status == 0x0000) meaning = "success";
  else if (status == 0xFF00 || status == 0xFF01) meaning = "pending";
  else if (status == 0xFE00) meaning = "cancelled";
  else if (status == 0x0122) meaning = "refused: SOP class not supported";
  else if (status == 0x0124) meaning = "refused: not authorized";
  else if (status == 0x0211) meaning = "unrecognized operation";
  else if (status == 0xA701 || status == 0xA702) meaning = "refused: out of resources (sub-operations)";
  else if (status == 0xA801) meaning = "refused: move destination unknown";
  else if ((status & 0xFF00) == 0xA700) meaning = "refused: out of resources";
  else if (status == 0xA900) meaning = "identifier does not match SOP class";
  else if ((status & 0xFF00) == 0xA900) meaning = "error: data set does not match SOP class";
  else if (status == 0xB000) meaning = "warning: sub-operations complete, one or more failures";
  else if (status == 0xB007) meaning = "warning: data set does not match SOP class";
  else if (status == 0xB006) meaning = "warning: elements discarded";
  else if ((status & 0xF000) == 0xB000) meaning = "warning";
  else if ((status & 0xF000) == 0xC000) meaning = "error: cannot understand / unable to process";
  return std::string(hex) + " (" + meaning + ")";
}

ScuSession::ScuSession(const PacsNode& node) : node_(node) {
  ensure_dcmnet_initialised();
  setAETitle(node.calling_ae_title.c_str());
  setPeerAETitle(node.called_ae_title.c_str());
  setPeerHostName(node.host.c_str());
  setPeerPort(static_cast<Uint16>(node.port));
  setMaxReceivePDULength(node.max_pdu_bytes);
  setConnectionTimeout(node.connect_timeout_s);
  setACSETimeout(static_cast<Uint32>(node.acse_timeout_s));
  // The DIMSE timeout only holds in non-blocking mode; in blocking mode a silent peer blocks forever.
  setDIMSEBlockingMode(DIMSE_NONBLOCKING);
  setDIMSETimeout(static_cast<Uint32>(node.dimse_timeout_s));
  setVerbosePCMode(OFFalse);
}

ScuSession::~ScuSession() {
  if (isConnected()) abortAssociation();
}

void ScuSession::propose(const std::string& sop_class, const std::vector<std::string>& transfer_syntaxes,
                         T_ASC_SC_ROLE role) {
  OFList<OFString> syntaxes;
  for (const auto& syntax : transfer_syntaxes) syntaxes.push_back(syntax.c_str());
  const OFCondition condition = addPresentationContext(sop_class.c_str(), syntaxes, role);
  if (condition.bad())
    throw PacsError(PacsErrorKind::kProtocol, describe(node_) + ": cannot propose " + sop_class + ": " + condition.text());
}

void ScuSession::propose_storage_as_scp() {
  // Each compressed syntax in its own context, so the PACS can send an object as stored rather than
  // transcode it; uncompressed is always there as the fallback every peer supports.
  for (const auto& sop_class : received_storage_classes()) {
    propose(sop_class, {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax},
            ASC_SC_ROLE_SCP);
    if (!is_image_storage_class(sop_class)) continue;
    for (const auto& syntax : lossless_compressed_syntaxes()) propose(sop_class, {syntax}, ASC_SC_ROLE_SCP);
  }
}

void ScuSession::open(const std::string& what) {
  OFCondition condition = initNetwork();
  if (condition.bad()) fail(what, condition);
  if (node_.tls) {
    // PS3.15 B.1 secure transport over DCMTK's OpenSSL layer, BCP 195 cipher suites, peer verified.
    tls_layer = std::make_unique<DcmTLSTransportLayer>(NET_REQUESTOR, nullptr, OFTrue);
    const auto tls_fail = [&](const std::string& step, const OFCondition& c) {
      throw PacsError(PacsErrorKind::kInvalidSettings, describe(node_) + ": TLS: " + step + ": " + c.text());
    };
    if ((condition = tls_layer->setTLSProfile(TSP_Profile_BCP195)).bad()) tls_fail("profile", condition);
    if ((condition = tls_layer->activateCipherSuites()).bad()) tls_fail("cipher suites", condition);
    if ((condition = tls_layer->addTrustedCertificateFile(node_.tls_trusted_certificates.c_str(), DCF_Filetype_PEM)).bad())
      tls_fail(node_.tls_trusted_certificates, condition);
    if (!node_.tls_certificate.empty()) {
      if ((condition = tls_layer->setPrivateKeyFile(node_.tls_private_key.c_str(), DCF_Filetype_PEM)).bad())
        tls_fail(node_.tls_private_key, condition);
      if ((condition = tls_layer->setCertificateFile(node_.tls_certificate.c_str(), DCF_Filetype_PEM)).bad())
        tls_fail(node_.tls_certificate, condition);
      if (!tls_layer->checkPrivateKeyMatchesCertificate())
        throw PacsError(PacsErrorKind::kInvalidSettings, describe(node_) + ": TLS: " + node_.tls_private_key +
                                                             " is not the key of " + node_.tls_certificate);
    }
    tls_layer->setCertificateVerification(DCV_requireCertificate);
    if ((condition = useSecureConnection(tls_layer.get())).bad()) fail(what, condition);
  }
  condition = negotiateAssociation();
  if (condition.bad()) fail(what, condition);
  network_log().debug("ScuSession::open: {} association with {} accepted", what, describe(node_));
}

T_ASC_PresentationContextID ScuSession::accepted_context(const std::string& sop_class, const std::string& what) {
  const T_ASC_PresentationContextID id = findAnyPresentationContextID(sop_class.c_str(), "");
  if (id == 0) {
    abortAssociation();
    throw PacsError(PacsErrorKind::kServiceNotSupported,
                    describe(node_) + ": " + what + ": the PACS does not support " +
                        std::string(dcmFindNameOfUID(sop_class.c_str(), sop_class.c_str())));
  }
  return id;
}

Uint16 ScuSession::echo(T_ASC_PresentationContextID context, const std::string& what) {
  T_DIMSE_Message request;
  std::memset(&request, 0, sizeof request);
  request.CommandField = DIMSE_C_ECHO_RQ;
  request.msg.CEchoRQ.MessageID = 1;  // the only message on this association
  request.msg.CEchoRQ.DataSetType = DIMSE_DATASET_NULL;
  OFStandard::strlcpy(request.msg.CEchoRQ.AffectedSOPClassUID, UID_VerificationSOPClass,
                      sizeof request.msg.CEchoRQ.AffectedSOPClassUID);
  OFCondition condition = sendDIMSEMessage(context, &request, nullptr);
  if (condition.bad()) fail(what, condition);
  T_DIMSE_Message response;
  std::memset(&response, 0, sizeof response);
  DcmDataset* detail = nullptr;
  T_ASC_PresentationContextID received_on = context;
  condition = receiveDIMSECommand(&received_on, &response, &detail);
  delete detail;
  if (condition.bad()) fail(what, condition);
  if (response.CommandField != DIMSE_C_ECHO_RSP) fail(what, DIMSE_BADCOMMANDTYPE);
  return response.msg.CEchoRSP.DimseStatus;
}

void ScuSession::release() {
  if (!isConnected()) return;
  const OFCondition condition = releaseAssociation();
  if (condition.bad()) network_log().warn("ScuSession::release: {}: {}", describe(node_), condition.text());
}

void ScuSession::fail(const std::string& what, const OFCondition& condition) {
  PacsError error = map_condition(node_, what, condition);
  if (isConnected()) {
    // An A-ABORT waits (up to the association timeout) for the peer to close the connection; a peer
    // that stopped answering never does, so after a timeout the connection is just dropped.
    if (error.kind() == PacsErrorKind::kTimeout) closeAssociation(DCMSCU_PEER_ABORTED_ASSOCIATION);
    else abortAssociation();
  }
  throw error;
}

void ScuSession::receive_into(const std::string& cache_dir, const std::function<void(const RetrieveProgress&)>* progress,
                              const std::atomic<bool>* cancel) {
  cache_dir_ = cache_dir;
  progress_ = progress;
  cancel_ = cancel;
  state_ = {};
  files_.clear();
  cancelled_ = false;
  pending_error_ = nullptr;
}

OFCondition ScuSession::handleSTORERequest(const T_ASC_PresentationContextID /*presID*/, DcmDataset* incomingObject,
                                           OFBool& continueCGETSession, Uint16& cStoreReturnStatus) {
  std::unique_ptr<DcmDataset> dataset(incomingObject);  // DcmSCU hands over ownership
  if (!dataset) return DIMSE_NULLKEY;
  if (cancel_ && cancel_->load()) {
    cancelled_ = true;
    continueCGETSession = OFFalse;
    cStoreReturnStatus = STATUS_STORE_Refused_OutOfResources;
    return EC_Normal;
  }
  try {
    OFString sop_class;
    dataset->findAndGetOFString(DCM_SOPClassUID, sop_class);
    std::string path;
    try {
      path = write_into_cache(cache_dir_, std::move(dataset));
    } catch (const PacsError& error) {
      if (error.kind() != PacsErrorKind::kProtocol) throw;
      // A malformed object: refuse this one (PS3.4 C.4.3.1.4 counts it as failed), keep the others.
      network_log().warn("ScuSession::handleSTORERequest: {}: {}", describe(node_), error.what());
      cStoreReturnStatus = STATUS_STORE_Error_CannotUnderstand;
      return EC_Normal;
    }
    files_.push_back(path);
    state_.n_received += 1;
    if (state_.n_remaining > 0) state_.n_remaining -= 1;
    state_.last_file = path;
    state_.last_sop_class_uid = sop_class.c_str();
    cStoreReturnStatus = STATUS_Success;
    if (progress_ && *progress_) (*progress_)(state_);
  } catch (...) {
    // Not through DCMTK's C-style loop: keep it, stop the session, rethrow after sendCGETRequest.
    pending_error_ = std::current_exception();
    continueCGETSession = OFFalse;
    cStoreReturnStatus = STATUS_STORE_Refused_OutOfResources;
  }
  return EC_Normal;
}

OFCondition ScuSession::handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                           OFBool& continueCGETSession) {
  const OFCondition condition = DcmSCU::handleCGETResponse(presID, response, continueCGETSession);
  if (response && response->m_status == STATUS_GET_Pending_SubOperationsAreContinuing)
    state_.n_remaining = response->m_numberOfRemainingSubops;
  return condition;
}

}  // namespace anatomix::network
