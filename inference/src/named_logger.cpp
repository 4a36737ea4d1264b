#include "anatomix/named_logger.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace anatomix {

std::shared_ptr<spdlog::logger> named_logger(const std::string& name) {
  if (auto existing = spdlog::get(name)) return existing;
  const auto fallback = spdlog::default_logger();
  // No default logger after spdlog::shutdown(): a late first call (a worker, a destructor) still gets stderr.
  auto created = fallback ? std::make_shared<spdlog::logger>(name, fallback->sinks().begin(), fallback->sinks().end())
                          : std::make_shared<spdlog::logger>(name, std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  if (fallback) created->set_level(fallback->level());
  try {
    spdlog::register_logger(created);
  } catch (const spdlog::spdlog_ex&) {
    // Registered by another thread in the meantime: use that one.
    if (auto existing = spdlog::get(name)) return existing;
  }
  return created;
}

}  // namespace anatomix
