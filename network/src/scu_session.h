// One association with one PACS node: DCMTK's DcmSCU configured from a PacsNode, with every DCMTK
// condition turned into a PacsError, and the C-STORE sub-operations of a C-GET (PS3.4 C.4.3.3)
// written into a cache folder. Internal to the network room.
#pragma once

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scu.h>
#include <dcmtk/dcmtls/tlslayer.h>

#include "anatomix/network/pacs_client.h"
#include "anatomix/network/pacs_node.h"

namespace anatomix::network {

// The TLS layer must outlive DcmSCU's network, which refers to it: as the first base it is built
// before and destroyed after DcmSCU.
struct TlsLayerHolder {
  std::unique_ptr<DcmTLSTransportLayer> tls_layer;
};

class ScuSession : private TlsLayerHolder, public DcmSCU {
 public:
  explicit ScuSession(const PacsNode& node);
  ~ScuSession() override;  // aborts an association that is still open

  // Presentation contexts to propose (before open()).
  void propose(const std::string& sop_class, const std::vector<std::string>& transfer_syntaxes,
               T_ASC_SC_ROLE role = ASC_SC_ROLE_DEFAULT);
  // Storage SOP classes a chest reading station receives (CR, DX, SC, SR, GSPS, KOS), each in the
  // lossless transfer syntaxes the image room decodes, with the SCP role (for C-GET sub-operations).
  void propose_storage_as_scp();

  // Connects and negotiates; throws PacsError (`what` says which operation, e.g. "C-FIND").
  void open(const std::string& what);
  // The accepted context for a SOP class; throws PacsError(kServiceNotSupported).
  T_ASC_PresentationContextID accepted_context(const std::string& sop_class, const std::string& what);
  // C-ECHO (PS3.7 9.1.5) on an open association; returns the response status, which DcmSCU's own
  // sendECHORequest() does not report. Throws PacsError when the exchange fails.
  Uint16 echo(T_ASC_PresentationContextID context, const std::string& what);
  // Releases the association (A-RELEASE); a failing release is only logged.
  void release();

  // Throws the PacsError for a failed DCMTK call, after aborting the association.
  [[noreturn]] void fail(const std::string& what, const OFCondition& condition);

  // C-GET reception: objects go to cache_dir/<Study UID>/<SOP Instance UID>.dcm.
  void receive_into(const std::string& cache_dir, const std::function<void(const RetrieveProgress&)>* progress,
                    const std::atomic<bool>* cancel);
  bool cancelled() const { return cancelled_; }
  const std::vector<std::string>& received_files() const { return files_; }
  // An exception thrown by the progress callback or by writing a file, kept until sendCGETRequest returns.
  std::exception_ptr pending_error() const { return pending_error_; }

 protected:
  OFCondition handleSTORERequest(const T_ASC_PresentationContextID presID, DcmDataset* incomingObject,
                                 OFBool& continueCGETSession, Uint16& cStoreReturnStatus) override;
  OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                 OFBool& continueCGETSession) override;

 private:
  PacsNode node_;
  std::string cache_dir_;
  const std::function<void(const RetrieveProgress&)>* progress_ = nullptr;  // borrowed for one C-GET
  const std::atomic<bool>* cancel_ = nullptr;                               // borrowed for one C-GET
  RetrieveProgress state_;
  std::vector<std::string> files_;
  bool cancelled_ = false;
  std::exception_ptr pending_error_;
};

// "0xA700 (refused: out of resources)": a DIMSE status with its PS3.4/PS3.7 meaning.
std::string describe_status(unsigned status);

}  // namespace anatomix::network
