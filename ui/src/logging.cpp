#include "anatomix/ui/logging.h"

#include <vector>

#include <QDir>
#include <QStandardPaths>
#include <QtGlobal>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "anatomix/named_logger.h"

namespace anatomix::ui {
namespace {

void forwardQtMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
  auto logger = roomLogger("qt");
  const std::string text = message.toStdString();
  const char* category = context.category ? context.category : "default";
  switch (type) {
    case QtDebugMsg: logger->debug("{}: {}", category, text); break;
    case QtInfoMsg: logger->info("{}: {}", category, text); break;
    case QtWarningMsg: logger->warn("{}: {}", category, text); break;
    case QtCriticalMsg: logger->error("{}: {}", category, text); break;
    case QtFatalMsg: logger->critical("{}: {}", category, text); logger->flush(); break;
  }
}

}  // namespace

QString defaultLogDirectory() {
  return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/logs");
}

QString initLogging(const LoggingOptions& options) {
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  QString logFile;
  QString fileProblem;
  if (!options.logDirectory.isEmpty()) {
    if (QDir().mkpath(options.logDirectory)) {
      logFile = QDir(options.logDirectory).filePath(QStringLiteral("anatomix-workstation.log"));
      try {
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            logFile.toStdString(), options.maxFileBytes, options.maxFiles));
      } catch (const spdlog::spdlog_ex& error) {
        fileProblem = QString::fromStdString(error.what());
        logFile.clear();
      }
    } else {
      fileProblem = QStringLiteral("cannot create directory ") + options.logDirectory;
    }
  }
  const auto level = options.verbose ? spdlog::level::debug : spdlog::level::info;
  // Loggers other rooms registered before this call get the same sinks.
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& logger) {
    logger->sinks() = sinks;
    logger->set_level(level);
  });
  auto defaultLogger = std::make_shared<spdlog::logger>("anatomix", sinks.begin(), sinks.end());
  defaultLogger->set_level(level);
  spdlog::set_default_logger(defaultLogger);
  spdlog::set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%n] [%l] %v");
  spdlog::flush_on(spdlog::level::warn);
  qInstallMessageHandler(forwardQtMessage);
  if (!fileProblem.isEmpty()) {
    uiLogger()->warn("initLogging: no log file ({}); logging to the console only", fileProblem.toStdString());
  }
  return logFile;
}

std::shared_ptr<spdlog::logger> roomLogger(const std::string& name) { return named_logger(name); }

}  // namespace anatomix::ui
