// The viewer room's spdlog logger ("viewer"). Messages start with "Class::method:"; patient
// identifiers only at debug level.
#pragma once

#include "anatomix/named_logger.h"

namespace anatomix::viewer {

inline spdlog::logger& viewerLog() {
  static const std::shared_ptr<spdlog::logger> logger = named_logger("viewer");
  return *logger;
}

}  // namespace anatomix::viewer
