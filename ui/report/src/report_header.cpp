#include "report_header.h"

#include <QCoreApplication>
#include <QDate>

#include "anatomix/report/deidentifier.h"

namespace anatomix::report {

namespace {

// DICOM PN "Family^Given^Middle" -> "Family, Given Middle".
QString formatPersonName(const QString& name) {
  const QStringList parts = name.split(QLatin1Char('^'));
  if (parts.size() < 2) return name;
  const QString given = QStringList(parts.mid(1, 2)).join(QLatin1Char(' ')).trimmed();
  return given.isEmpty() ? parts.first() : parts.first() + QStringLiteral(", ") + given;
}

}  // namespace

QString formatDicomDate(const QString& date) {
  const QDate parsed = QDate::fromString(date, QStringLiteral("yyyyMMdd"));
  return parsed.isValid() ? parsed.toString(Qt::ISODate) : date;
}

QVector<HeaderRow> reportHeaderRows(const StudyIdentity& study, const ExportOptions& options) {
  QVector<HeaderRow> rows;
  const auto add = [&rows](const QString& label, const QString& value) {
    if (!value.isEmpty()) rows.append({label, value});
  };
  if (options.removePatientIdentifiers) {
    Deidentifier deidentifier;
    const StudyIdentity clean = deidentifier.apply(study);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Patient"),
        QCoreApplication::translate("anatomix::report::ReportHeader",
                                    "identifiers removed (DICOM PS3.15 basic profile)"));
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Study UID"), clean.studyInstanceUid);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Image UID"), clean.sopInstanceUid);
  } else {
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Patient"), formatPersonName(study.patientName));
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Patient ID"), study.patientId);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Birth date"),
        formatDicomDate(study.patientBirthDate));
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Sex"), study.patientSex);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Accession number"), study.accessionNumber);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Study date"), formatDicomDate(study.studyDate));
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Study"), study.studyDescription);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Study UID"), study.studyInstanceUid);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Image UID"), study.sopInstanceUid);
  }
  add(QCoreApplication::translate("anatomix::report::ReportHeader", "Exported"),
      options.createdUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
  return rows;
}

}  // namespace anatomix::report
