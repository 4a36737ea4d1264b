#include "anatomix/ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>


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
