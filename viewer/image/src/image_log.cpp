#include "image_log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace anatomix::image {

spdlog::logger& image_log() {
  // Reuse a logger registered by the application (it may add file sinks); otherwise make one.
  static std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("image")) return existing;
    auto created = std::make_shared<spdlog::logger>("image", spdlog::default_logger()->sinks().begin(),
                                                     spdlog::default_logger()->sinks().end());
    created->set_level(spdlog::default_logger()->level());
    spdlog::register_logger(created);
    return created;
  }();
  return *logger;
}

}  // namespace anatomix::image
