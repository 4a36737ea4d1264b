#include "viewer_log.h"

#include <memory>

namespace anatomix::viewer {

spdlog::logger& viewerLog() {
  // Reuse a logger registered by the application (it may add file sinks); otherwise make one.
  static std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("viewer")) return existing;
    auto created = std::make_shared<spdlog::logger>("viewer", spdlog::default_logger()->sinks().begin(),
                                                     spdlog::default_logger()->sinks().end());
    created->set_level(spdlog::default_logger()->level());
    spdlog::register_logger(created);
    return created;
  }();
  return *logger;
}

}  // namespace anatomix::viewer
