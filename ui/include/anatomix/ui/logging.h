// Logging set-up for the workstation: one spdlog sink pair (console + rotating file) shared by
// every room's named logger, and Qt's own messages (qWarning etc.) forwarded into it.
//
// Rule: patient identifiers never appear above debug level. Rooms log paths, sizes and
// errors at info/warn/error; names, IDs and dates of birth only at debug.
#pragma once

#include <memory>
#include <string>

#include <QString>

namespace spdlog {
class logger;
}

namespace anatomix::ui {

struct LoggingOptions {
  QString logDirectory;      // rotating file "anatomix-workstation.log" is written here; empty: no file
  bool verbose = false;      // debug level on the console and in the file (may include identifiers)
  std::size_t maxFileBytes = 5 * 1024 * 1024;  // rotate after this many bytes
  std::size_t maxFiles = 3;                    // keep this many rotated files
};

// Installs the sinks as spdlog's default logger and on every logger registered so far, and makes
// later `uiLogger()`/`roomLogger()` loggers share them. Returns the log file path ("" without a
// file). Errors opening the file fall back to console-only logging with a warning; never throws.
QString initLogging(const LoggingOptions& options);

// The default log directory: QStandardPaths::AppLocalDataLocation + "/logs".
QString defaultLogDirectory();

// The named logger of a room ("ui", "app", ...), created on first use with the shared sinks.
std::shared_ptr<spdlog::logger> roomLogger(const std::string& name);
inline std::shared_ptr<spdlog::logger> uiLogger() { return roomLogger("ui"); }

}  // namespace anatomix::ui
