// One entry point for the export formats, run by ReportPanel on a worker thread: the report (text,
// PDF, DICOM SR) and the DICOM result objects beside it (key-image Secondary Capture, presentation state).
#pragma once

#include <QImage>
#include <QString>
#include <QVector>

#include "anatomix/report/export_options.h"
#include "anatomix/report/report_draft.h"

namespace anatomix::report {

enum class ExportFormat { PlainText, Pdf, DicomSr, KeyImage, PresentationState };

// File-dialog filter and default suffix of a format ("txt", "pdf", "dcm").
QString exportFileFilter(ExportFormat format);
QString exportSuffix(ExportFormat format);

// Writes the draft in `format`; KeyImage writes keyImages.first() (the view as shown). Plain values
// in, nothing shared: safe on any thread. Throws ReportError naming the path and the reason.
void exportReport(ExportFormat format, const QString& path, const ReportDraft& draft, const QVector<QImage>& keyImages,
                  const ExportOptions& options);

}  // namespace anatomix::report
