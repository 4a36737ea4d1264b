#include "network_log.h"

#include <mutex>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/oflog/oflog.h>

namespace anatomix::network {

void ensure_dcmnet_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    OFLog::getLogger("dcmtk.dcmnet").setLogLevel(OFLogger::FATAL_LOG_LEVEL);
  });
}

}  // namespace anatomix::network
