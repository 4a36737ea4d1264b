#include "report_header.h"

#include <QCoreApplication>

#include "anatomix/image/dicom_text.h"
#include "anatomix/report/deidentifier.h"

namespace anatomix::report {

namespace {

// Person names and dates read as the viewer and the study browser show them (anatomix/image/dicom_text.h).
QString personName(const QString& name) {
  return QString::fromStdString(image::display_person_name(name.toStdString()));
}

QString isoDate(const QString& date) { return QString::fromStdString(image::iso_date(date.toStdString())); }

}  // namespace

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
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Patient"), personName(study.patientName));
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Patient ID"), study.patientId);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Birth date"),
        isoDate(study.patientBirthDate));
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Sex"), study.patientSex);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Accession number"), study.accessionNumber);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Study date"), isoDate(study.studyDate));
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Study"), study.studyDescription);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Study UID"), study.studyInstanceUid);
    add(QCoreApplication::translate("anatomix::report::ReportHeader", "Image UID"), study.sopInstanceUid);
  }
  add(QCoreApplication::translate("anatomix::report::ReportHeader", "Exported"),
      options.createdUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
  return rows;
}

}  // namespace anatomix::report
