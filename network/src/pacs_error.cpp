#include "anatomix/network/pacs_error.h"

namespace anatomix::network {

const char* pacs_error_kind_name(PacsErrorKind kind) {
  switch (kind) {
    case PacsErrorKind::kInvalidSettings: return "invalid settings";
    case PacsErrorKind::kConnectionFailed: return "connection failed";
    case PacsErrorKind::kTimeout: return "timeout";
    case PacsErrorKind::kAssociationRejected: return "association rejected";
    case PacsErrorKind::kServiceNotSupported: return "service not supported";
    case PacsErrorKind::kPeerFailure: return "peer failure";
    case PacsErrorKind::kAborted: return "association aborted";
    case PacsErrorKind::kProtocol: return "protocol error";
    case PacsErrorKind::kLocalFile: return "local file";
  }
  return "unknown";
}

}  // namespace anatomix::network
