// The report room's named spdlog logger ("report"). Shares the default logger's sinks (set up by the
// workstation's initLogging(), which also adopts loggers registered before it runs).
#pragma once

#include "anatomix/named_logger.h"

namespace anatomix::report {

inline std::shared_ptr<spdlog::logger> reportLogger() { return named_logger("report"); }

}  // namespace anatomix::report
