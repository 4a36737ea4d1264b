// Loads the report room's own catalogue (":/i18n/anatomix_report_<lang>.qm", embedded by
// ui/report/CMakeLists.txt) next to the workstation's.
#pragma once

#include <QLocale>

class QCoreApplication;

namespace anatomix::report {

// Installs a translator for `locale` on `app` (which owns it). Returns false when there is no
// catalogue for the language (English needs none).
bool installReportTranslations(QCoreApplication& app, const QLocale& locale);

}  // namespace anatomix::report
