// The radiologist's draft report: free text, the AI findings with their decisions, the reader's own
// measurements, and the study it belongs to. A plain value; JSON form for the autosave (DraftStore).
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include "anatomix/report/ai_finding.h"
#include "anatomix/report/reader_measurement.h"
#include "anatomix/report/study_identity.h"

namespace anatomix::report {

struct ReportDraft {
  StudyIdentity study;
  QString findingsText;
  QString impressionText;
  QVector<AiFinding> findings;
  QVector<ReaderMeasurement> measurements;
  QDateTime modifiedUtc;  // last edit, set by whoever changes the draft

  bool operator==(const ReportDraft& other) const;
  bool operator!=(const ReportDraft& other) const { return !(*this == other); }
};

// Stable names used in JSON and shown in exports ("accepted", "edited", "rejected", "proposed").
QString decisionKey(FindingDecision decision);
QString sourceKey(FindingSource source);

// Translated, user-facing names ("Accepted" / "Angenommen").
QString decisionDisplayName(FindingDecision decision);
QString sourceDisplayName(FindingSource source);

QJsonObject draftToJson(const ReportDraft& draft);
// Throws ReportError naming `origin` (a file path) and the bad field when the JSON does not hold a draft.
ReportDraft draftFromJson(const QJsonObject& json, const QString& origin);

}  // namespace anatomix::report
