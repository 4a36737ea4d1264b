// The image room's spdlog logger ("image"). Messages start with "function:"; patient identifiers
// only at debug level.
#pragma once

#include "anatomix/named_logger.h"

namespace anatomix::image {

inline spdlog::logger& image_log() {
  static const std::shared_ptr<spdlog::logger> logger = named_logger("image");
  return *logger;
}

}  // namespace anatomix::image
