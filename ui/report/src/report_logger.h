// The report room's named spdlog logger ("report"). Shares the default logger's sinks (set up by the
// workstation's initLogging(), which also adopts loggers registered before it runs).
#pragma once

#include <spdlog/spdlog.h>

#include <memory>

namespace anatomix::report {

std::shared_ptr<spdlog::logger> reportLogger();

}  // namespace anatomix::report
