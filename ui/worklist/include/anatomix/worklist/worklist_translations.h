// Loads the worklist room's own catalogue (":/i18n/anatomix_worklist_<lang>.qm", embedded by
// ui/worklist/CMakeLists.txt) next to the workstation's.
#pragma once

#include <QLocale>

class QCoreApplication;

namespace anatomix::worklist {

// Installs a translator for `locale` on `app` (which owns it). Returns false when there is no
// catalogue for the language.
bool installWorklistTranslations(QCoreApplication& app, const QLocale& locale);

}  // namespace anatomix::worklist
