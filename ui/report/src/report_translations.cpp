#include "anatomix/report/report_translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace anatomix::report {

bool installReportTranslations(QCoreApplication& app, const QLocale& locale) {
  auto* translator = new QTranslator(&app);
  if (!translator->load(locale, QStringLiteral("anatomix_report"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    delete translator;
    return false;
  }
  return QCoreApplication::installTranslator(translator);
}

}  // namespace anatomix::report
