// Plain-text export of a draft: header (study; de-identified on request), report text, the AI
// findings with the radiologist's decisions, the measurements made on the draft's image (value with
// unit, calibration caveat), and the "not for clinical use" footer. UTF-8.
#pragma once

#include <QString>

#include "anatomix/report/export_options.h"
#include "anatomix/report/report_draft.h"

namespace anatomix::report {

QString formatTextReport(const ReportDraft& draft, const ExportOptions& options);

// Writes formatTextReport() through QSaveFile. Throws ReportError naming the path and the OS reason.
void writeTextReport(const QString& path, const ReportDraft& draft, const ExportOptions& options);

// The footer every export carries.
QString disclaimerText();
// Who produced the AI results, for the footer beside the disclaimer: "AnatomiX 0.1, model anatomix-demo 2.1:
// demonstration model ..." (the program alone when no model is named).
QString producedByText(const AlgorithmIdentity& algorithm);

}  // namespace anatomix::report
