// The viewer room's spdlog logger ("viewer"). Messages start with "Class::method:"; patient
// identifiers only at debug level.
#pragma once

#include <spdlog/spdlog.h>

namespace anatomix::viewer {

spdlog::logger& viewerLog();

}  // namespace anatomix::viewer
