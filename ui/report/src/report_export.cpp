#include "anatomix/report/report_export.h"

#include <QCoreApplication>

#include "anatomix/report/key_image_export.h"
#include "anatomix/report/pdf_export.h"
#include "anatomix/report/presentation_state_export.h"
#include "anatomix/report/sr_export.h"
#include "anatomix/report/text_export.h"

namespace anatomix::report {

QString exportFileFilter(ExportFormat format) {
  switch (format) {
    case ExportFormat::PlainText:
      return QCoreApplication::translate("anatomix::report::ReportExport", "Text files (*.txt)");
    case ExportFormat::Pdf:
      return QCoreApplication::translate("anatomix::report::ReportExport", "PDF documents (*.pdf)");
    case ExportFormat::DicomSr:
      return QCoreApplication::translate("anatomix::report::ReportExport", "DICOM structured reports (*.dcm)");
    case ExportFormat::KeyImage:
      return QCoreApplication::translate("anatomix::report::ReportExport", "DICOM secondary capture images (*.dcm)");
    case ExportFormat::PresentationState:
      return QCoreApplication::translate("anatomix::report::ReportExport", "DICOM presentation states (*.dcm)");
  }
  return {};
}

QString exportSuffix(ExportFormat format) {
  switch (format) {
    case ExportFormat::PlainText:
      return QStringLiteral("txt");
    case ExportFormat::Pdf:
      return QStringLiteral("pdf");
    case ExportFormat::DicomSr:
    case ExportFormat::KeyImage:
    case ExportFormat::PresentationState:
      return QStringLiteral("dcm");
  }
  return {};
}

void exportReport(ExportFormat format, const QString& path, const ReportDraft& draft, const QVector<QImage>& keyImages,
                  const ExportOptions& options) {
  switch (format) {
    case ExportFormat::PlainText:
      writeTextReport(path, draft, options);
      return;
    case ExportFormat::Pdf:
      writePdfReport(path, draft, keyImages, options);
      return;
    case ExportFormat::DicomSr:
      writeStructuredReport(path, draft, options);
      return;
    case ExportFormat::KeyImage:
      writeKeyImage(path, draft, keyImages.value(0), options);
      return;
    case ExportFormat::PresentationState:
      writePresentationState(path, draft, options);
      return;
  }
}

}  // namespace anatomix::report
