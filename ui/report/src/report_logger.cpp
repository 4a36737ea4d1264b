#include "report_logger.h"

namespace anatomix::report {

std::shared_ptr<spdlog::logger> reportLogger() {
  static const std::string kName = "report";
  if (auto existing = spdlog::get(kName)) return existing;
  const auto fallback = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(kName, fallback->sinks().begin(), fallback->sinks().end());
  logger->set_level(fallback->level());
  try {
    spdlog::register_logger(logger);
  } catch (const spdlog::spdlog_ex&) {
    // Another thread registered it first.
    return spdlog::get(kName);
  }
  return logger;
}

}  // namespace anatomix::report
