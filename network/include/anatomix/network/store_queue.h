// Objects waiting to be sent to a PACS, kept on disk until it accepts them, so nothing is lost while
// the PACS is down or the workstation restarts. One folder per destination node:
//   <folder>/<sequence>_<SOP Instance UID>.dcm        pending, sent in sequence order (first in, first out)
//   <folder>/failed/<same name> and <same name>.txt   refused by the PACS; not retried; the reason kept
// One StoreQueue per folder, used from one thread at a time.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "anatomix/network/pacs_client.h"

namespace anatomix::network {

struct FlushResult {
  int n_sent = 0;          // accepted by the PACS and removed from the queue
  int n_refused = 0;       // refused (failure status, SOP class not supported, unreadable): moved to failed/
  int n_remaining = 0;     // still pending (the PACS could not be reached, or cancelled)
  std::string last_error;  // why the flush stopped early or the last refusal; empty when all went
};

class StoreQueue {
 public:
  explicit StoreQueue(std::string folder);  // creates the folder; throws PacsError(kLocalFile)

  // Copies a DICOM file into the queue (written under a temporary name, then renamed). Returns the
  // queued path. Throws PacsError(kLocalFile) when the file is not DICOM, has no SOP Instance UID,
  // or cannot be copied. The original file is left alone.
  std::string enqueue(const std::string& path);

  std::vector<std::string> pending() const;  // in sending order
  std::vector<std::string> failed() const;   // refused objects (not their .txt reasons)

  // Sends the pending objects in order. An object the PACS refuses moves to failed/ and the next one
  // is tried; when the PACS cannot be reached (connection, timeout, rejected or aborted association)
  // the flush stops and everything not yet sent stays pending for the next flush.
  FlushResult flush(const PacsClient& client, const std::atomic<bool>* cancel = nullptr);

  const std::string& folder() const { return folder_; }

 private:
  std::string folder_;
};

}  // namespace anatomix::network
