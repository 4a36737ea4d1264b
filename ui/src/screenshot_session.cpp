#include "anatomix/ui/screenshot_session.h"

#include <QApplication>
#include <QComboBox>
#include <QPushButton>

#include "anatomix/ui/findings_panel.h"
#include "anatomix/ui/logging.h"
#include "anatomix/ui/main_window.h"
#include "anatomix/ui/reading_assistant.h"
#include "anatomix/viewer/image_viewport.h"
#include "anatomix/viewer/user_region_layer.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {

namespace {
constexpr int kPollMs = 100;
constexpr int kSettlePolls = 3;  // idle this many polls in a row: the last frame has painted
}  // namespace

ScreenshotSession::ScreenshotSession(MainWindow& window, const WorkstationCommandLine& options, QObject* parent)
    : QObject(parent), m_window(window), m_options(options) {
  m_poll.setInterval(kPollMs);
  connect(&m_poll, &QTimer::timeout, this, &ScreenshotSession::poll);
}

void ScreenshotSession::start() {
  openCommandLinePaths(m_window, m_options);
  m_poll.start();
}

bool ScreenshotSession::idle() const {
  const ReadingAssistant* assistant = m_window.readingAssistant();
  return !m_window.isLoading() && assistant->modelState() != ReadingAssistant::ModelState::Loading &&
         !assistant->isAnalysing() && !assistant->isAsking() && !assistant->isFlipChecking();
}

void ScreenshotSession::poll() {
  if (!idle()) {
    m_idlePolls = 0;
    return;
  }
  ReadingAssistant* assistant = m_window.readingAssistant();
  const bool analysed = assistant->analysis() != nullptr;
  switch (m_step) {
    case Step::Loading:
      m_step = Step::AskRegion;
      if (m_options.askRegion.isValid() && analysed) {
        m_window.userRegions()->addRegion(m_options.askRegion);
        m_window.raisePanel(QStringLiteral("ask"));
        m_window.askDescribeRegions();
        return;
      }
      [[fallthrough]];
    case Step::AskRegion:
      m_step = Step::Locate;
      if (!m_options.locateAnatomy.isEmpty() && analysed) {
        FindingsPanel* findings = m_window.findingsPanel();
        const int index = findings->anatomyBox()->findText(m_options.locateAnatomy);
        if (index >= 0) {
          m_window.raisePanel(QStringLiteral("findings"));
          findings->anatomyBox()->setCurrentIndex(index);
          findings->findChild<QPushButton*>(QStringLiteral("groundAnatomyButton"))->click();
          return;
        }
        roomLogger("app")->warn("ScreenshotSession: --locate: the analysis has no anatomy named '{}'",
                                m_options.locateAnatomy.toStdString());
      }
      [[fallthrough]];
    case Step::Locate:
      m_step = Step::FlipCheck;
      if (m_options.flipCheck && analysed) {
        m_window.raisePanel(QStringLiteral("flip"));
        assistant->runFlipCheck();
        return;
      }
      [[fallthrough]];
    case Step::FlipCheck:
      m_step = Step::Settle;
      if (!m_options.showPanel.isEmpty()) m_window.raisePanel(m_options.showPanel);
      return;
    case Step::Settle:
      if (++m_idlePolls < kSettlePolls) return;
      m_step = Step::Done;
      break;
    case Step::Done:
      return;
  }
  m_poll.stop();
  const bool saved = m_window.saveScreenshot(m_options.screenshotPath);
  int code = kScreenshotSaved;
  if (!saved) code = kScreenshotNotSaved;
  else if (m_window.loadErrorsSinceStart()) code = kScreenshotLoadErrors;
  roomLogger("app")->info("ScreenshotSession: finished with exit code {}", code);
  QApplication::exit(code);
}

}  // namespace anatomix::ui
