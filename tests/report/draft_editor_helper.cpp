// Child process of report.draft_survives_kill: opens a study in a real ReportPanel, types the
// given text into the findings editor, says "EDITED" on stdout and waits to be killed (SIGKILL).
// Usage: report_draft_editor_helper DRAFT_DIR DICOM_FILE TEXT
#include <QApplication>
#include <QPlainTextEdit>
#include <QTest>
#include <cstdio>

#include "anatomix/report/report_panel.h"
#include "anatomix/report/study_identity.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s DRAFT_DIR DICOM_FILE TEXT\n", argv[0]);
    return 2;
  }
  anatomix::report::ReportPanel panel;
  panel.setDraftDirectory(QString::fromLocal8Bit(argv[1]));
  panel.openStudy(anatomix::report::readStudyIdentity(QString::fromLocal8Bit(argv[2])));
  panel.show();
  auto* editor = panel.findChild<QPlainTextEdit*>(QStringLiteral("reportFindingsEdit"));
  if (!editor) return 1;
  QTest::keyClicks(editor, QString::fromLocal8Bit(argv[3]));
  std::printf("EDITED\n");
  std::fflush(stdout);
  return app.exec();
}
