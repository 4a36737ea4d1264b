#include "anatomix/report/text_export.h"

#include <QCoreApplication>
#include <QSaveFile>

#include "anatomix/report/report_error.h"
#include "report_header.h"
#include "report_logger.h"

namespace anatomix::report {

namespace {

QString regionsText(const AiFinding& finding) {
  QStringList boxes;
  for (const QRectF& region : finding.regions) {
    boxes.append(QStringLiteral("[%1, %2, %3, %4]")
                     .arg(qRound(region.left()))
                     .arg(qRound(region.top()))
                     .arg(qRound(region.right()))
                     .arg(qRound(region.bottom())));
  }
  return boxes.join(QLatin1Char(' '));
}

}  // namespace

QString disclaimerText() {
  return QCoreApplication::translate("anatomix::report::TextExport",
                                     "AI-generated draft, demonstration model, not for clinical use");
}

QString producedByText(const AlgorithmIdentity& algorithm) {
  const QString program = algorithm.name + QLatin1Char(' ') + algorithm.version;
  if (algorithm.modelName.isEmpty()) return program;
  return QCoreApplication::translate("anatomix::report::TextExport", "%1, model %2")
      .arg(program, algorithm.modelText());
}

QString formatTextReport(const ReportDraft& draft, const ExportOptions& options) {
  QString text;
  text += QCoreApplication::translate("anatomix::report::TextExport", "CHEST RADIOGRAPH REPORT (DRAFT)") +
          QLatin1Char('\n');
  for (const HeaderRow& row : reportHeaderRows(draft.study, options)) {
    text += row.first + QStringLiteral(": ") + row.second + QLatin1Char('\n');
  }
  text += QLatin1Char('\n') + QCoreApplication::translate("anatomix::report::TextExport", "FINDINGS") +
          QLatin1Char('\n') + draft.findingsText.trimmed() + QLatin1Char('\n');
  text += QLatin1Char('\n') + QCoreApplication::translate("anatomix::report::TextExport", "IMPRESSION") +
          QLatin1Char('\n') + draft.impressionText.trimmed() + QLatin1Char('\n');
  if (!draft.findings.isEmpty()) {
    text += QLatin1Char('\n') +
            QCoreApplication::translate("anatomix::report::TextExport", "AI FINDINGS AND DECISIONS") +
            QLatin1Char('\n');
    for (const AiFinding& finding : draft.findings) {
      QString line =
          QStringLiteral("- [%1] %2 (%3)")
              .arg(decisionDisplayName(finding.decision), finding.shownLabel(), sourceDisplayName(finding.source));
      if (finding.decision == FindingDecision::Edited && finding.label != finding.editedLabel) {
        line += QLatin1Char(' ') +
                QCoreApplication::translate("anatomix::report::TextExport", "AI wording: \"%1\"").arg(finding.label);
      }
      if (!finding.regions.isEmpty())
        line += QLatin1Char(' ') + QCoreApplication::translate("anatomix::report::TextExport", "regions (pixels): %1")
                                       .arg(regionsText(finding));
      text += line + QLatin1Char('\n');
    }
  }
  const QVector<ReaderMeasurement> measurements = measurementsOfImage(draft.measurements, imageKey(draft.study));
  if (!measurements.isEmpty()) {
    text += QLatin1Char('\n') + QCoreApplication::translate("anatomix::report::TextExport", "MEASUREMENTS") +
            QLatin1Char('\n');
    for (const ReaderMeasurement& measurement : measurements) {
      QString line = QStringLiteral("- %1: %2")
                         .arg(measurementKindDisplayName(measurement.kind), measurementValueText(measurement));
      const QString caveat = measurementCalibrationText(measurement);
      if (!caveat.isEmpty()) line += QStringLiteral(" (%1)").arg(caveat);
      text += line + QLatin1Char('\n');
    }
  }
  text += QStringLiteral("\n-- ") + disclaimerText() + QStringLiteral(" (%1)\n").arg(producedByText(options.algorithm));
  return text;
}

void writeTextReport(const QString& path, const ReportDraft& draft, const ExportOptions& options) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
    throw ReportError(QCoreApplication::translate("anatomix::report::TextExport", "Cannot write the text report %1: %2")
                          .arg(path, file.errorString()));
  }
  const QByteArray bytes = formatTextReport(draft, options).toUtf8();
  if (file.write(bytes) != bytes.size() || !file.commit()) {
    throw ReportError(QCoreApplication::translate("anatomix::report::TextExport", "Cannot write the text report %1: %2")
                          .arg(path, file.errorString()));
  }
  reportLogger()->info("writeTextReport: {} ({} bytes{})", path.toStdString(), bytes.size(),
                       options.removePatientIdentifiers ? ", de-identified" : "");
}

}  // namespace anatomix::report
