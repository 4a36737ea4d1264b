#include "anatomix/network/storage_server.h"

#include <atomic>
#include <filesystem>
#include <thread>
#include <utility>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scp.h>

#include "anatomix/network/pacs_error.h"
#include "anatomix/network/pacs_node.h"
#include "network_log.h"
#include "object_cache.h"

namespace anatomix::network {
namespace {

// DcmSCP with C-STORE into the cache. Polls the stop flag between associations: the listen socket
// is non-blocking with a 1 s timeout (DcmSCP::stopAfterConnectionTimeout).
class StoreScp : public DcmSCP {
 public:
  StoreScp(const StorageServer::Options& options, std::function<void(const ReceivedObject&)> on_received)
      : options_(options), on_received_(std::move(on_received)) {}

  std::atomic<bool> stop_requested{false};
  std::atomic<int> n_received{0};

 protected:
  OFCondition handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& context) override {
    if (message->CommandField != DIMSE_C_STORE_RQ) return DcmSCP::handleIncomingCommand(message, context);
    T_DIMSE_C_StoreRQ& request = message->msg.CStoreRQ;
    DcmDataset* received = nullptr;
    const OFCondition condition = receiveSTORERequest(request, context.presentationContextID, received);
    std::unique_ptr<DcmDataset> dataset(received);
    if (condition.bad()) return condition;
    Uint16 status = STATUS_Success;
    try {
      ReceivedObject object;
      object.path = write_into_cache(options_.cache_dir, std::move(dataset));
      object.calling_ae_title = getPeerAETitle().c_str();
      object.sop_class_uid = request.AffectedSOPClassUID;
      n_received += 1;
      if (on_received_) on_received_(object);
    } catch (const PacsError& error) {
      network_log().warn("StorageServer: {}", error.what());
      status = error.kind() == PacsErrorKind::kProtocol ? STATUS_STORE_Error_CannotUnderstand
                                                        : STATUS_STORE_Refused_OutOfResources;
    } catch (const std::exception& error) {
      network_log().warn("StorageServer: {}", error.what());
      status = STATUS_STORE_Refused_OutOfResources;
    }
    return sendSTOREResponse(context.presentationContextID, request, status);
  }
  OFBool stopAfterConnectionTimeout() override { return stop_requested.load(); }
  OFBool stopAfterCurrentAssociation() override { return stop_requested.load(); }

 private:
  StorageServer::Options options_;
  std::function<void(const ReceivedObject&)> on_received_;
};

}  // namespace

struct StorageServer::Impl {
  Options options;
  std::unique_ptr<StoreScp> scp;
  std::thread thread;
};

StorageServer::StorageServer(Options options, std::function<void(const ReceivedObject&)> on_received)
    : impl_(std::make_unique<Impl>()) {
  ensure_dcmnet_initialised();
  // The same rules as for a node: AE title (PS3.5 AE), port and timeouts in range.
  PacsNode check;
  check.calling_ae_title = options.ae_title;
  check.storage_port = options.port;
  check.acse_timeout_s = options.acse_timeout_s;
  check.dimse_timeout_s = options.dimse_timeout_s;
  validate(check);
  if (options.cache_dir.empty()) throw PacsError(PacsErrorKind::kInvalidSettings, "storage SCP: no cache folder");
  std::error_code error;
  std::filesystem::create_directories(options.cache_dir, error);
  if (error)
    throw PacsError(PacsErrorKind::kInvalidSettings, options.cache_dir + ": cannot create the cache folder: " + error.message());

  impl_->options = options;
  impl_->scp = std::make_unique<StoreScp>(options, std::move(on_received));
  StoreScp& scp = *impl_->scp;
  scp.setAETitle(options.ae_title.c_str());
  scp.setPort(static_cast<Uint16>(options.port));
  scp.setHostLookupEnabled(OFFalse);
  scp.setConnectionBlockingMode(DUL_NOBLOCK);
  scp.setConnectionTimeout(1);
  scp.setACSETimeout(static_cast<Uint32>(options.acse_timeout_s));
  scp.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
  scp.setDIMSETimeout(static_cast<Uint32>(options.dimse_timeout_s));
  scp.setMaxReceivePDULength(65536);
  scp.setVerbosePCMode(OFFalse);
  OFList<OFString> uncompressed;
  uncompressed.push_back(UID_LittleEndianExplicitTransferSyntax);
  uncompressed.push_back(UID_LittleEndianImplicitTransferSyntax);
  scp.addPresentationContext(UID_VerificationSOPClass, uncompressed);
  for (const auto& sop_class : received_storage_classes()) {
    OFList<OFString> syntaxes = uncompressed;
    if (is_image_storage_class(sop_class))
      for (const auto& syntax : lossless_compressed_syntaxes()) syntaxes.push_back(syntax.c_str());
    scp.addPresentationContext(sop_class.c_str(), syntaxes);
  }
  const OFCondition opened = scp.openListenPort();
  if (opened.bad())
    throw PacsError(PacsErrorKind::kConnectionFailed, "storage SCP " + options.ae_title + ": cannot listen on port " +
                                                          std::to_string(options.port) + " (" + opened.text() +
                                                          "); is another program using it? choose another port");
  impl_->thread = std::thread([&scp] {
    const OFCondition ended = scp.acceptAssociations();
    if (ended.bad() && ended != NET_EC_StopAfterConnectionTimeout && ended != NET_EC_StopAfterAssociation)
      network_log().error("StorageServer: stopped: {}", ended.text());
  });
  network_log().info("StorageServer: {} listening on port {}", options.ae_title, options.port);
}

StorageServer::~StorageServer() { stop(); }

void StorageServer::stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  impl_->scp->stop_requested = true;
  impl_->thread.join();
}

const StorageServer::Options& StorageServer::options() const { return impl_->options; }

int StorageServer::n_received() const { return impl_->scp ? impl_->scp->n_received.load() : 0; }

}  // namespace anatomix::network
