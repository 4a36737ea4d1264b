#include "anatomix/ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#ifdef ANATOMIX_WITH_REPORT
#include "anatomix/report/report_translations.h"
#endif
#include "anatomix/worklist/worklist_translations.h"


namespace anatomix::ui {

InstalledTranslations installTranslations(QCoreApplication& app, const QLocale& locale) {
  InstalledTranslations installed;
  installed.language = QLocale::languageToCode(locale.language());

  auto* appTranslator = new QTranslator(&app);
  if (appTranslator->load(locale, QStringLiteral("anatomix"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    installed.application = QCoreApplication::installTranslator(appTranslator);
  } else {
    delete appTranslator;
  }
#ifdef ANATOMIX_WITH_REPORT
  anatomix::report::installReportTranslations(app, locale);  // the report room's own catalogue
#endif
  anatomix::worklist::installWorklistTranslations(app, locale);  // the worklist room's own catalogue
  auto* qtTranslator = new QTranslator(&app);
  if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    installed.qt = QCoreApplication::installTranslator(qtTranslator);
  } else {
    delete qtTranslator;
  }
  return installed;
}

}  // namespace anatomix::ui
