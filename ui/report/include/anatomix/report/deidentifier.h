// De-identification after DICOM PS3.15 Annex E, Basic Application Level Confidentiality Profile, with
// the Clean Structured Content option (the SR tree is ours and carries no identifiers besides UIDs
// and date-times, which are replaced or removed). UIDs are replaced consistently: within one
// process the same original UID always maps to the same new one, so references inside the SR
// (evidence, image references, UIDREF items) and the text/PDF headers agree. The mapping is a
// SHA-256 with a random per-process salt: it cannot be reversed or recomputed later.
#pragma once

#include <QHash>
#include <QString>

#include "anatomix/report/study_identity.h"

class DcmItem;

namespace anatomix::report {

class Deidentifier {
 public:
  Deidentifier();

  // The replacement for `uid` ("2.25.<decimal>"), the same on every call for the same input.
  QString replacementUid(const QString& uid);

  // Applies the profile to a whole dataset, nested sequences included: identifying attributes
  // removed or emptied (emptied where the SR IOD requires them, type 2), dates of the study
  // emptied, content date/time replaced by a dummy, UIDs replaced, private attributes removed, and
  // Patient Identity Removed = YES with the De-identification Method (Code) Sequence added.
  // Throws ReportError when DCMTK refuses a change.
  void apply(DcmItem& dataset);

  // The header shown in text/PDF exports, with the same rules: names, IDs, birth date, sex,
  // accession number, dates and the study description cleared, UIDs replaced.
  StudyIdentity apply(const StudyIdentity& study);

 private:
  void applyRules(DcmItem& item);  // the attribute rules, recursing into sequences

  QString m_salt;
  QHash<QString, QString> m_uids;  // original -> replacement
};

}  // namespace anatomix::report
