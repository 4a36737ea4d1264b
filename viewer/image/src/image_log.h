// The image room's spdlog logger ("image"). Messages start with "function:"; patient identifiers
// only at debug level.
#pragma once


#include <spdlog/spdlog.h>

namespace anatomix::image {

spdlog::logger& image_log();

}  // namespace anatomix::image
