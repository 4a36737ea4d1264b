// Loading the user-interface translations at start-up. The workstation's own catalogues are
// embedded as ":/i18n/anatomix_<lang>.qm" (translations/, compiled by the build); Qt's catalogue
// (qtbase_<lang>.qm, for standard dialogs) comes from Qt's translations folder when installed.
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace anatomix::ui {

struct InstalledTranslations {
  bool application = false;  // the workstation's catalogue for the locale was found and installed
  bool qt = false;           // Qt's own catalogue was found and installed
  QString language;          // e.g. "de"; "en" needs no catalogue (source strings are English)
};

// Installs translators for `locale` on `app` (which owns them). Safe to call once per process.
InstalledTranslations installTranslations(QCoreApplication& app, const QLocale& locale);

}  // namespace anatomix::ui
