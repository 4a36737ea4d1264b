// Errors of the network room. Every failure a user can act on is a PacsError whose what() names the
// peer and says what went wrong and what to check, e.g.
// "ORTHANC@127.0.0.1:4242: connection refused (is the PACS running, and is the port right?)".
// The kind lets callers (worklist panel, store queue, tests) react without parsing text.
// Cancellation through a cancel flag is a separate type, so callers can tell "cancelled" from "failed".
#pragma once

#include <stdexcept>
#include <string>

namespace anatomix::network {

enum class PacsErrorKind {
  kInvalidSettings,      // the node or the request is malformed (AE title too long, bad date range)
  kConnectionFailed,     // no TCP connection: refused, unreachable host, unknown host name
  kTimeout,              // connect, association or DIMSE timeout (PS3.8 ARTIM, PS3.7 DIMSE timeout)
  kAssociationRejected,  // A-ASSOCIATE-RJ (PS3.8 9.3.4): usually a wrong called or calling AE title
  kServiceNotSupported,  // no presentation context accepted for the SOP class (PS3.8 9.3.3.2)
  kPeerFailure,          // the peer answered with a failure status (PS3.4 annex B and C, PS3.7 annex C)
  kAborted,              // the peer aborted the association (A-ABORT, PS3.8 7.3), e.g. for an unknown calling AE
  kProtocol,             // the exchange broke off: unexpected message, lost connection
  kLocalFile,            // a file to send is unreadable, a received file cannot be written
};

const char* pacs_error_kind_name(PacsErrorKind kind);  // "connection failed", "timeout", ...

class PacsError : public std::runtime_error {
 public:
  PacsError(PacsErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  PacsErrorKind kind() const { return kind_; }

 private:
  PacsErrorKind kind_;
};

// Thrown when the caller's cancel flag was set; the association was aborted (PS3.8 A-ABORT).
class PacsCancelled : public std::runtime_error {
 public:
  explicit PacsCancelled(const std::string& what) : std::runtime_error(what + ": cancelled") {}
};

}  // namespace anatomix::network
