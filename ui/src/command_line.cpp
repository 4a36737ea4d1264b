#include "anatomix/ui/command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace anatomix::ui {

WorkstationCommandLine parseWorkstationCommandLine(const QStringList& arguments) {
  WorkstationCommandLine result;
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QCoreApplication::translate("CommandLine", "AnatomiX Workstation: reading chest radiographs. Not for clinical use."));
  const QCommandLineOption helpOption = parser.addHelpOption();
  const QCommandLineOption versionOption = parser.addVersionOption();
  const QCommandLineOption screenshotOption(
      QStringLiteral("screenshot"),
      QCoreApplication::translate("CommandLine",
                                  "After loading, save a PNG of the window to <file> and exit "
                                  "(exit code 0: saved; 1: not saved; 3: saved, but some input could not be opened)."),
      QCoreApplication::translate("CommandLine", "file"));
  const QCommandLineOption verboseOption(
      QStringList{QStringLiteral("verbose")},
      QCoreApplication::translate("CommandLine", "Log debug messages (may include patient identifiers)."));
  const QCommandLineOption logDirOption(
      QStringLiteral("log-dir"), QCoreApplication::translate("CommandLine", "Write the log file into <folder>."),
      QCoreApplication::translate("CommandLine", "folder"));
  parser.addOption(screenshotOption);
  parser.addOption(verboseOption);
  parser.addOption(logDirOption);
  parser.addPositionalArgument(
      QStringLiteral("paths"),
      QCoreApplication::translate("CommandLine", "DICOM, PNG, JPEG or TIFF files, folders or DICOMDIR files to open."),
      QStringLiteral("[paths...]"));

  result.versionText = QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion();
  result.helpText = parser.helpText();
  if (!parser.parse(arguments)) {
    result.error = parser.errorText();
    return result;
  }
  result.showHelp = parser.isSet(helpOption);
  result.showVersion = parser.isSet(versionOption);
  result.paths = parser.positionalArguments();
  result.screenshotPath = parser.value(screenshotOption);
  result.logDirectory = parser.value(logDirOption);
  result.verbose = parser.isSet(verboseOption);
  if (parser.isSet(screenshotOption) && result.screenshotPath.isEmpty()) {
    result.error = QCoreApplication::translate("CommandLine", "--screenshot needs a file name.");
  }
  return result;
}

}  // namespace anatomix::ui
