// Autosave of report drafts: one JSON file per study, <directory>/<draftKey>.json, written through
// QSaveFile (temporary file, fsync, rename) so a crash or kill -9 leaves either the previous or the
// new draft on disk, never half of one. Not thread-safe: used from the GUI thread.
#pragma once

#include <QString>
#include <optional>

#include "anatomix/report/report_draft.h"

namespace anatomix::report {

class DraftStore {
 public:
  // `directory` empty: QStandardPaths::AppDataLocation + "/drafts". Created on first save.
  explicit DraftStore(QString directory = QString());

  QString directory() const { return m_directory; }
  QString pathFor(const StudyIdentity& study) const;

  // Writes the draft atomically. Throws ReportError (path and OS reason) when it cannot.
  void save(const ReportDraft& draft) const;
  // The saved draft of this study, or nothing when none was saved. Throws ReportError naming the
  // file when one exists but is unreadable or corrupt.
  std::optional<ReportDraft> load(const StudyIdentity& study) const;
  // Deletes the study's draft (after the report was finished); no error when there is none.
  void remove(const StudyIdentity& study) const;

  static QString defaultDirectory();

 private:
  QString m_directory;
};

}  // namespace anatomix::report
