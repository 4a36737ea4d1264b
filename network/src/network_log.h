// The network room's spdlog logger ("network") and one-time DCMTK set-up.
#pragma once

#include "anatomix/named_logger.h"

namespace anatomix::network {

inline spdlog::logger& network_log() {
  static const std::shared_ptr<spdlog::logger> logger = named_logger("network");
  return *logger;
}

// Silences DCMTK's own dcmnet console logging (every failure reaches the caller as a PacsError,
// which would otherwise be printed twice). Safe to call from any thread, any number of times.
void ensure_dcmnet_initialised();

}  // namespace anatomix::network
