#include "network_log.h"

#include <memory>
#include <mutex>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/oflog/oflog.h>

namespace anatomix::network {

spdlog::logger& network_log() {
  // Reuse a logger registered by the application (it may add file sinks); otherwise make one with
  // the default logger's sinks and register it, so the application can reconfigure it later.
  static std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("network")) return existing;
    auto created = std::make_shared<spdlog::logger>("network", spdlog::default_logger()->sinks().begin(),
                                                     spdlog::default_logger()->sinks().end());
    created->set_level(spdlog::default_logger()->level());
    try {
      spdlog::register_logger(created);
    } catch (const spdlog::spdlog_ex&) {
      if (auto existing = spdlog::get("network")) return existing;
    }
    return created;
  }();
  return *logger;
}

void ensure_dcmnet_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    OFLog::getLogger("dcmtk.dcmnet").setLogLevel(OFLogger::FATAL_LOG_LEVEL);
  });
}

}  // namespace anatomix::network
