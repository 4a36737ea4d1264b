#include "anatomix/report/pdf_export.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QCoreApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include "anatomix/report/report_error.h"
#include "anatomix/report/text_export.h"
#include "report_header.h"
#include "report_logger.h"

namespace anatomix::report {

namespace {

constexpr int kResolutionDpi = 150;
// Key images are embedded at most this large (pixels, longer side): sharp on paper, small files.
constexpr int kMaxImageSidePx = 1600;

QString paragraphs(const QString& text) {
  QString html;
  for (const QString& line : text.trimmed().split(QLatin1Char('\n'))) {
    html += QStringLiteral("<p>") + line.toHtmlEscaped() + QStringLiteral("</p>");
  }
  return html;
}

QString regionsText(const AiFinding& finding) {
  QStringList boxes;
  for (const QRectF& region : finding.regions) {
    boxes.append(QStringLiteral("%1,%2 &ndash; %3,%4")
                     .arg(qRound(region.left()))
                     .arg(qRound(region.top()))
                     .arg(qRound(region.right()))
                     .arg(qRound(region.bottom())));
  }
  return boxes.join(QStringLiteral("<br/>"));
}

// The opening of a ruled table with one heading cell per entry of `headings`.
QString ruledTableStart(const QStringList& headings) {
  QString html = QStringLiteral("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>");
  for (const QString& heading : headings) html += QStringLiteral("<th>%1</th>").arg(heading.toHtmlEscaped());
  return html + QStringLiteral("</tr>");
}

QString findingsTableHtml(const QVector<AiFinding>& findings) {
  QString html = ruledTableStart({QCoreApplication::translate("anatomix::report::PdfExport", "Decision"),
                                  QCoreApplication::translate("anatomix::report::PdfExport", "Finding"),
                                  QCoreApplication::translate("anatomix::report::PdfExport", "Source"),
                                  QCoreApplication::translate("anatomix::report::PdfExport", "Region (pixels)"),
                                  QCoreApplication::translate("anatomix::report::PdfExport", "Confidence")});
  for (const AiFinding& finding : findings) {
    const bool rejected = finding.decision == FindingDecision::Rejected;
    const QString style = rejected ? QStringLiteral(" style='color:#777777; text-decoration:line-through'") : QString();
    QString label = finding.shownLabel().toHtmlEscaped();
    if (finding.decision == FindingDecision::Edited && finding.label != finding.editedLabel) {
      label += QStringLiteral("<br/><i>") +
               QCoreApplication::translate("anatomix::report::PdfExport", "AI wording: %1")
                   .arg(finding.label.toHtmlEscaped()) +
               QStringLiteral("</i>");
    }
    html += QStringLiteral("<tr><td>%1</td><td%2>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>")
                .arg(decisionDisplayName(finding.decision).toHtmlEscaped(), style, label,
                     sourceDisplayName(finding.source).toHtmlEscaped(), regionsText(finding),
                     finding.confidence >= 0 ? QString::number(finding.confidence, 'f', 2) : QString());
  }
  return html + QStringLiteral("</table>");
}

QString measurementsTableHtml(const QVector<ReaderMeasurement>& measurements) {
  QString html = ruledTableStart({QCoreApplication::translate("anatomix::report::PdfExport", "Measurement"),
                                  QCoreApplication::translate("anatomix::report::PdfExport", "Value"),
                                  QCoreApplication::translate("anatomix::report::PdfExport", "Calibration")});
  for (const ReaderMeasurement& measurement : measurements) {
    html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                .arg(measurementKindDisplayName(measurement.kind).toHtmlEscaped(),
                     measurementValueText(measurement).toHtmlEscaped(),
                     measurementCalibrationText(measurement).toHtmlEscaped());
  }
  return html + QStringLiteral("</table>");
}

QString reportHtml(const ReportDraft& draft, const QVector<QImage>& keyImages, const ExportOptions& options,
                   double contentWidthPx, double maxImageHeightPx) {
  QString html =
      QStringLiteral("<h2>%1</h2><table cellpadding='1'>")
          .arg(QCoreApplication::translate("anatomix::report::PdfExport", "Chest radiograph report (draft)"));
  for (const HeaderRow& row : reportHeaderRows(draft.study, options)) {
    html += QStringLiteral("<tr><td><b>%1:</b></td><td>%2</td></tr>")
                .arg(row.first.toHtmlEscaped(), row.second.toHtmlEscaped());
  }
  html += QStringLiteral("</table>");
  for (int i = 0; i < keyImages.size(); ++i) {
    const QImage& image = keyImages[i];
    const double scale = std::min(contentWidthPx / image.width(), maxImageHeightPx / image.height());
    html += QStringLiteral("<p align='center'><img src='anatomix-key-image-%1' width='%2' height='%3'/></p>")
                .arg(i)
                .arg(qRound(image.width() * scale))
                .arg(qRound(image.height() * scale));
  }
  html += QStringLiteral("<h3>%1</h3>").arg(QCoreApplication::translate("anatomix::report::PdfExport", "Findings")) +
          paragraphs(draft.findingsText);
  html += QStringLiteral("<h3>%1</h3>").arg(QCoreApplication::translate("anatomix::report::PdfExport", "Impression")) +
          paragraphs(draft.impressionText);
  if (!draft.findings.isEmpty()) {
    html += QStringLiteral("<h3>%1</h3>")
                .arg(QCoreApplication::translate("anatomix::report::PdfExport",
                                                 "AI findings and the radiologist's decisions"));
    html += findingsTableHtml(draft.findings);
  }
  const QVector<ReaderMeasurement> measurements = measurementsOfImage(draft.measurements, imageKey(draft.study));
  if (!measurements.isEmpty()) {
    html += QStringLiteral("<h3>%1</h3>")
                .arg(QCoreApplication::translate("anatomix::report::PdfExport", "Measurements by the radiologist"));
    html += measurementsTableHtml(measurements);
  }
  return html;
}

}  // namespace

void writePdfReport(const QString& path, const ReportDraft& draft, const QVector<QImage>& keyImages,
                    const ExportOptions& options) {
  for (int i = 0; i < keyImages.size(); ++i) {
    if (keyImages[i].isNull())
      throw ReportError(QCoreApplication::translate("anatomix::report::PdfExport",
                                                    "Cannot write the PDF report %1: key image %2 is empty")
                            .arg(path)
                            .arg(i + 1));
  }
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  {
    QPdfWriter writer(&buffer);
    writer.setResolution(kResolutionDpi);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(QCoreApplication::translate("anatomix::report::PdfExport", "Chest radiograph report (draft)"));
    writer.setCreator(options.algorithm.manufacturer);

    QPainter painter;
    if (!painter.begin(&writer))
      throw ReportError(QCoreApplication::translate("anatomix::report::PdfExport",
                                                    "Cannot write the PDF report %1: the PDF writer did not start")
                            .arg(path));
    const QRectF page = QRectF(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
    QFont footerFont = painter.font();
    footerFont.setPointSizeF(8);
    const double footerHeight = QFontMetricsF(footerFont, &writer).height() * 3.5;  // two footer lines and space
    const double bodyHeight = page.height() - footerHeight;

    QTextDocument document;
    document.documentLayout()->setPaintDevice(&writer);
    document.setPageSize(QSizeF(page.width(), bodyHeight));
    QVector<QImage> embedded;
    for (int i = 0; i < keyImages.size(); ++i) {
      QImage image = keyImages[i];
      if (std::max(image.width(), image.height()) > kMaxImageSidePx) {
        image = image.scaled(kMaxImageSidePx, kMaxImageSidePx, Qt::KeepAspectRatio, Qt::SmoothTransformation);
      }
      document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("anatomix-key-image-%1").arg(i)), image);
      embedded.append(image);
    }
    const double margin = document.documentMargin() * 2;
    // <img> sizes are in 96-dpi pixels: the layout scales them to the writer's resolution.
    const double cssPixel = writer.logicalDpiY() / 96.0;
    document.setHtml(
        reportHtml(draft, embedded, options, (page.width() - margin - 8) / cssPixel, bodyHeight * 0.4 / cssPixel));

    const int nPages = document.pageCount();
    for (int pageIndex = 0; pageIndex < nPages; ++pageIndex) {
      if (pageIndex > 0) writer.newPage();
      painter.save();
      painter.translate(0, -pageIndex * bodyHeight);
      document.drawContents(&painter, QRectF(0, pageIndex * bodyHeight, page.width(), bodyHeight));
      painter.restore();
      painter.setFont(footerFont);
      painter.setPen(Qt::black);
      painter.drawLine(QPointF(0, bodyHeight + footerHeight * 0.2),
                       QPointF(page.width(), bodyHeight + footerHeight * 0.2));
      const QRectF footer(0, bodyHeight + footerHeight * 0.3, page.width(), footerHeight * 0.7);
      const QString pageText =
          QCoreApplication::translate("anatomix::report::PdfExport", "Page %1 of %2").arg(pageIndex + 1).arg(nPages);
      // The disclaimer and the producing model on the left, wrapped to two lines when long, clear of the page number.
      const QFontMetricsF footerMetrics(footerFont, &writer);
      const qreal pageTextWidth = footerMetrics.horizontalAdvance(pageText + QStringLiteral("    "));
      painter.drawText(QRectF(footer.left(), footer.top(), footer.width() - pageTextWidth, footer.height()),
                       Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                       disclaimerText() + QStringLiteral(" (%1)").arg(producedByText(options.algorithm)));
      painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, pageText);
    }
    if (!painter.end())
      throw ReportError(QCoreApplication::translate("anatomix::report::PdfExport",
                                                    "Cannot write the PDF report %1: the PDF writer failed")
                            .arg(path));
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(buffer.data()) != buffer.size() || !file.commit()) {
    throw ReportError(QCoreApplication::translate("anatomix::report::PdfExport", "Cannot write the PDF report %1: %2")
                          .arg(path, file.errorString()));
  }
  reportLogger()->info("writePdfReport: {} ({} bytes, {} key images{})", path.toStdString(), buffer.size(),
                       keyImages.size(), options.removePatientIdentifiers ? ", de-identified" : "");
}

}  // namespace anatomix::report
