#include "image_log.h"

#include <memory>


namespace anatomix::image {

spdlog::logger& image_log() {
  // Reuse a logger registered by the application (it may add file sinks); otherwise make one with
  // the default logger's sinks and register it, so the application can reconfigure it later.
  static std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("image")) return existing;
    auto created = std::make_shared<spdlog::logger>("image", spdlog::default_logger()->sinks().begin(),
                                                     spdlog::default_logger()->sinks().end());
    created->set_level(spdlog::default_logger()->level());
    try {
      spdlog::register_logger(created);
    } catch (const spdlog::spdlog_ex&) {
      // Registered by another thread or by the application in the meantime: use that one.
      if (auto existing = spdlog::get("image")) return existing;
    }
    return created;
  }();
  return *logger;
}

}  // namespace anatomix::image
