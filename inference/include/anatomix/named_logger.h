// One named spdlog logger per room ("engine", "training", "image", "viewer", "network", "report", "ui",
// ...), so that every line says which room wrote it. Plain C++17 + spdlog (target anatomix_named_logger):
// every room may link it, with or without Qt or LibTorch.
#pragma once

#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace anatomix {

// The logger registered under `name`; the first call registers one on the default logger's sinks and
// level. Registered loggers are what the workstation's initLogging() gives its console and file sinks, so
// a room's logger follows the application's set-up whichever of the two comes first. Thread-safe.
std::shared_ptr<spdlog::logger> named_logger(const std::string& name);

}  // namespace anatomix
