#include "anatomix/named_logger.h"

namespace anatomix {

std::shared_ptr<spdlog::logger> named_logger(const std::string& name) {
  if (auto existing = spdlog::get(name)) return existing;
  const auto fallback = spdlog::default_logger();
  auto created = std::make_shared<spdlog::logger>(name, fallback->sinks().begin(), fallback->sinks().end());
  created->set_level(fallback->level());
  try {
    spdlog::register_logger(created);
  } catch (const spdlog::spdlog_ex&) {
    // Registered by another thread in the meantime: use that one.
    if (auto existing = spdlog::get(name)) return existing;
  }
  return created;
}

}  // namespace anatomix
