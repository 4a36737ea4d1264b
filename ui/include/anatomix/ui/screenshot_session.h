// ScreenshotSession: the --screenshot mode of the workstation. It opens what the command line
// names, waits until the window and the AI are idle (the image decoded, the model loaded or known
// unavailable, the analysis done), runs the scripted AI steps (--ask-region, --locate, --flip-check), brings
// the --show-panel dock to the front, writes the PNG and quits the event loop with an exit code
// from command_line.h. The window is borrowed. GUI thread only.
#pragma once

#include <QObject>
#include <QTimer>

#include "anatomix/ui/command_line.h"

namespace anatomix::ui {

class MainWindow;

class ScreenshotSession : public QObject {
  Q_OBJECT
 public:
  ScreenshotSession(MainWindow& window, const WorkstationCommandLine& options, QObject* parent = nullptr);

  // Starts the session (opens the paths) and returns; the event loop ends when the PNG is written.
  void start();

 private:
  enum class Step { Loading, AskRegion, Locate, FlipCheck, Settle, Done };
  void poll();
  bool idle() const;

  MainWindow& m_window;  // borrowed
  WorkstationCommandLine m_options;
  QTimer m_poll;
  Step m_step = Step::Loading;
  int m_idlePolls = 0;
};

}  // namespace anatomix::ui
