#include "anatomix/worklist/worklist_translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace anatomix::worklist {

bool installWorklistTranslations(QCoreApplication& app, const QLocale& locale) {
  auto* translator = new QTranslator(&app);
  if (!translator->load(locale, QStringLiteral("anatomix_worklist"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    delete translator;
    return false;
  }
  return QCoreApplication::installTranslator(translator);
}

}  // namespace anatomix::worklist
