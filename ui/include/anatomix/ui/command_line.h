// The workstation's command line (QCommandLineParser): files or folders to open, --compare and
// --link (a second image or study beside the first, in the 1x2 layout), --pacs and --study (a
// study from the PACS by accession number), --screenshot,
// --model, --ask-region, --locate, --flip-check, --show-panel (scripted AI steps before the screenshot),
// --verbose, --log-dir, --version, --help. Parsing never exits the process; the caller prints
// and returns.
#pragma once

#include <QRectF>
#include <QString>
#include <QStringList>

namespace anatomix::ui {

struct WorkstationCommandLine {
  QStringList paths;       // files, folders or DICOMDIRs to open, in order
  QString comparePath;     // non-empty: open this file or folder in the second viewport (1x2 layout)
  bool linkViewports = false;  // link zoom, pan and window/level of the two viewports
  QString pacsNode;        // --pacs: the settings' PACS node, by AE title or AET@host:port
  QString pacsAccession;   // --study: non-empty: retrieve and open this accession number from pacsNode
  QString screenshotPath;  // non-empty: render the window to this PNG after loading, then exit
  QString logDirectory;    // overrides the default log folder
  QString modelDir;        // model bundle for this run (the settings are not changed)
  QRectF askRegion;        // valid: draw this region (image pixels) and describe it once analysed
  QString locateAnatomy;   // non-empty: ask the model where this anatomy is once analysed
  bool flipCheck = false;  // run the flip consistency check once analysed
  QString showPanel;       // dock to bring to front: anatomy, findings, ask, flip or report
  bool verbose = false;    // debug logging (may include patient identifiers)
  bool showVersion = false;
  bool showHelp = false;
  QString error;           // set when the arguments are invalid
  QString helpText;        // the --help text (translated)
  QString versionText;     // "anatomix-workstation 0.1.0"
};

// Parses `arguments` (arguments[0] is the program). Call after the translators are installed so
// that the help text is translated.
WorkstationCommandLine parseWorkstationCommandLine(const QStringList& arguments);

class MainWindow;
// Opens what the command line names: its paths, the --pacs/--study study (MainWindow::openPacsStudy),
// and --compare in the second viewport (--link).
void openCommandLinePaths(MainWindow& window, const WorkstationCommandLine& options);

// Exit codes of --screenshot mode.
enum ScreenshotExitCode {
  kScreenshotSaved = 0,          // loaded what was asked and wrote the PNG
  kScreenshotNotSaved = 1,       // the PNG could not be rendered or written
  kScreenshotLoadErrors = 3,     // the PNG was written, but some file could not be opened
};

}  // namespace anatomix::ui
