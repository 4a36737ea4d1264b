// PDF export through QPdfWriter (A4): header (study and date; de-identified on request), the key
// images as handed in (already rendered with their overlays), the findings table with decisions,
// the report text, the radiologist's measurements on the draft's image (value with unit, calibration
// caveat), and a footer on every page ("AI-generated draft, demonstration model, not for
// clinical use"). Safe to call from a worker thread (QPainter on a QPdfWriter, no widgets).
#pragma once

#include <QImage>
#include <QString>
#include <QVector>

#include "anatomix/report/export_options.h"
#include "anatomix/report/report_draft.h"

namespace anatomix::report {

// Throws ReportError naming the path when the file cannot be written.
void writePdfReport(const QString& path, const ReportDraft& draft, const QVector<QImage>& keyImages,
                    const ExportOptions& options);

}  // namespace anatomix::report
