#include "anatomix/ui/command_line.h"

#include <QAction>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QVector>

#include "anatomix/ui/main_window.h"

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
  const QCommandLineOption modelOption(
      QStringLiteral("model"),
      QCoreApplication::translate("CommandLine", "Use the AI model bundle in <folder> for this run."),
      QCoreApplication::translate("CommandLine", "folder"));
  const QCommandLineOption askRegionOption(
      QStringLiteral("ask-region"),
      QCoreApplication::translate("CommandLine",
                                  "Once the image is analysed, draw the region x,y,width,height (image pixels) and "
                                  "ask the model to describe it."),
      QStringLiteral("x,y,w,h"));
  const QCommandLineOption locateOption(
      QStringLiteral("locate"),
      QCoreApplication::translate("CommandLine",
                                  "Once the image is analysed, ask the model where <anatomy> is (e.g. \"Right lung\"), "
                                  "as the findings panel's Locate does."),
      QCoreApplication::translate("CommandLine", "anatomy"));
  const QCommandLineOption flipCheckOption(
      QStringLiteral("flip-check"),
      QCoreApplication::translate("CommandLine", "Once the image is analysed, run the flip consistency check."));
  const QCommandLineOption showPanelOption(
      QStringLiteral("show-panel"),
      QCoreApplication::translate("CommandLine", "Bring a panel to the front: anatomy, findings, ask, flip or report."),
      QCoreApplication::translate("CommandLine", "panel"));
  const QCommandLineOption compareOption(
      QStringLiteral("compare"),
      QCoreApplication::translate("CommandLine",
                                  "Open <path> (a file or folder, e.g. a prior study) beside the first image, in the "
                                  "1x2 layout."),
      QCoreApplication::translate("CommandLine", "path"));
  const QCommandLineOption linkOption(
      QStringLiteral("link"),
      QCoreApplication::translate("CommandLine", "Link zoom, pan and window/level of the two viewports."));
  const QCommandLineOption pacsOption(
      QStringLiteral("pacs"),
      QCoreApplication::translate("CommandLine",
                                  "With --study: the PACS node to open the study from, the AE title of the node in "
                                  "the settings or its AET@host:port."),
      QCoreApplication::translate("CommandLine", "node"));
  const QCommandLineOption studyOption(
      QStringLiteral("study"),
      QCoreApplication::translate("CommandLine",
                                  "With --pacs: retrieve the study with this accession number from the PACS and "
                                  "open it."),
      QCoreApplication::translate("CommandLine", "accession"));
  parser.addOption(pacsOption);
  parser.addOption(studyOption);
  parser.addOption(compareOption);
  parser.addOption(linkOption);
  parser.addOption(screenshotOption);
  parser.addOption(modelOption);
  parser.addOption(askRegionOption);
  parser.addOption(locateOption);
  parser.addOption(flipCheckOption);
  parser.addOption(showPanelOption);
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
  result.comparePath = parser.value(compareOption);
  result.linkViewports = parser.isSet(linkOption);
  if (parser.isSet(compareOption) && result.comparePath.isEmpty())
    result.error = QCoreApplication::translate("CommandLine", "--compare needs a file or folder.");
  result.pacsNode = parser.value(pacsOption).trimmed();
  result.pacsAccession = parser.value(studyOption).trimmed();
  if ((parser.isSet(pacsOption) || parser.isSet(studyOption)) &&
      (result.pacsNode.isEmpty() || result.pacsAccession.isEmpty()))
    result.error = QCoreApplication::translate("CommandLine", "--pacs NODE and --study ACCESSION go together.");
  result.logDirectory = parser.value(logDirOption);
  result.verbose = parser.isSet(verboseOption);
  result.modelDir = parser.value(modelOption);
  result.flipCheck = parser.isSet(flipCheckOption);
  result.locateAnatomy = parser.value(locateOption).trimmed();
  if (parser.isSet(locateOption) && result.locateAnatomy.isEmpty())
    result.error = QCoreApplication::translate("CommandLine", "--locate needs an anatomy name.");
  result.showPanel = parser.value(showPanelOption);
  if (parser.isSet(screenshotOption) && result.screenshotPath.isEmpty()) {
    result.error = QCoreApplication::translate("CommandLine", "--screenshot needs a file name.");
  }
  if (parser.isSet(askRegionOption)) {
    const QStringList parts = parser.value(askRegionOption).split(QLatin1Char(','));
    QVector<double> numbers;
    for (const QString& part : parts) {
      bool ok = false;
      const double value = part.trimmed().toDouble(&ok);
      if (ok) numbers << value;
    }
    if (parts.size() != 4 || numbers.size() != 4 || numbers[2] <= 0 || numbers[3] <= 0)
      result.error = QCoreApplication::translate("CommandLine", "--ask-region needs x,y,width,height with a positive size.");
    else
      result.askRegion = QRectF(numbers[0], numbers[1], numbers[2], numbers[3]);
  }
  const QStringList panels{QStringLiteral("anatomy"), QStringLiteral("findings"), QStringLiteral("ask"),
                           QStringLiteral("flip"), QStringLiteral("report")};
  if (!result.showPanel.isEmpty() && !panels.contains(result.showPanel))
    result.error = QCoreApplication::translate("CommandLine", "--show-panel takes one of: %1.")
                       .arg(panels.join(QStringLiteral(", ")));
  return result;
}

void openCommandLinePaths(MainWindow& window, const WorkstationCommandLine& options) {
  if (!options.paths.isEmpty()) window.openPaths(options.paths);
  if (!options.pacsAccession.isEmpty()) window.openPacsStudy(options.pacsNode, options.pacsAccession);
  if (!options.comparePath.isEmpty()) window.openInSecondViewport({options.comparePath});
  if (options.linkViewports)
    if (QAction* link = window.findChild<QAction*>(QStringLiteral("actionLinkViewports"))) link->setChecked(true);
}

}  // namespace anatomix::ui
