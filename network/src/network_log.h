// The network room's spdlog logger ("network") and one-time DCMTK set-up.
#pragma once

#include <spdlog/spdlog.h>

namespace anatomix::network {

spdlog::logger& network_log();

// Silences DCMTK's own dcmnet console logging (every failure reaches the caller as a PacsError,
// which would otherwise be printed twice). Safe to call from any thread, any number of times.
void ensure_dcmnet_initialised();

}  // namespace anatomix::network
