// The header block shared by the text and PDF exports: label/value rows describing the study,
// de-identified (PS3.15 basic profile, through Deidentifier) when the options ask for it.
#pragma once

#include <QPair>
#include <QString>
#include <QVector>

#include "anatomix/report/export_options.h"
#include "anatomix/report/study_identity.h"

namespace anatomix::report {

using HeaderRow = QPair<QString, QString>;  // translated label, value

QVector<HeaderRow> reportHeaderRows(const StudyIdentity& study, const ExportOptions& options);

}  // namespace anatomix::report
