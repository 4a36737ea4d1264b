// anatomix-workstation: command line, logging, translations, settings and the main window.
// With --screenshot PATH the window is rendered to PATH once everything asked for has loaded and
// been analysed, and the program exits (anatomix/ui/screenshot_session.h; exit codes in
// anatomix/ui/command_line.h).
#include <cstdio>

#include <QApplication>
#include <QIcon>
#include <QLocale>

#include "anatomix/ui/command_line.h"
#include "anatomix/ui/logging.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/screenshot_session.h"
#include "anatomix/ui/workstation_settings.h"
#include "anatomix/ui/translations.h"

#include <spdlog/spdlog.h>

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("AnatomiX"));
  QApplication::setApplicationName(QStringLiteral("anatomix-workstation"));
  QApplication::setApplicationDisplayName(QStringLiteral("AnatomiX Workstation"));
  QApplication::setApplicationVersion(QStringLiteral(ANATOMIX_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("org.anatomix.Workstation"));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/anatomix-workstation.svg")));

  const auto translations = anatomix::ui::installTranslations(app, QLocale());
  const anatomix::ui::WorkstationCommandLine options = anatomix::ui::parseWorkstationCommandLine(app.arguments());
  if (!options.error.isEmpty()) {
    std::fprintf(stderr, "%s\n\n%s", qPrintable(options.error), qPrintable(options.helpText));
    return 2;
  }
  if (options.showHelp) {
    std::printf("%s", qPrintable(options.helpText));
    return 0;
  }
  if (options.showVersion) {
    std::printf("%s\n", qPrintable(options.versionText));
    return 0;
  }

  anatomix::ui::LoggingOptions logging;
  logging.logDirectory = options.logDirectory.isEmpty() ? anatomix::ui::defaultLogDirectory() : options.logDirectory;
  logging.verbose = options.verbose;
  const QString logFile = anatomix::ui::initLogging(logging);
  auto log = anatomix::ui::roomLogger("app");
  log->info("main: AnatomiX Workstation {} starting; log file {}", ANATOMIX_VERSION,
            logFile.isEmpty() ? std::string("(none)") : logFile.toStdString());
  log->info("main: locale {}, workstation translation {}, Qt translation {}", QLocale().name().toStdString(),
            translations.application ? "loaded" : "none", translations.qt ? "loaded" : "none");

  anatomix::ui::MainWindow window;
  window.show();
  if (!options.modelDir.isEmpty()) window.loadModel(options.modelDir);

  anatomix::ui::ScreenshotSession screenshot(window, options);
  if (!options.screenshotPath.isEmpty()) {
    screenshot.start();
  } else {
    anatomix::ui::openCommandLinePaths(window, options);
    if (!options.showPanel.isEmpty()) window.raisePanel(options.showPanel);
  }

  const int code = QApplication::exec();
  log->info("main: exiting with code {}", code);
  spdlog::shutdown();
  return code;
}
