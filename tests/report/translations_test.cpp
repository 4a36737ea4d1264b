// The report room's German catalogue is embedded and loaded: panel texts and export labels are
// translated; English needs no catalogue.
#include <QAction>
#include <QApplication>
#include <QPushButton>
#include <QTest>

#include "anatomix/report/report_draft.h"
#include "anatomix/report/report_panel.h"
#include "anatomix/report/report_translations.h"
#include "anatomix/report/text_export.h"

using namespace anatomix::report;

class TranslationsTest : public QObject {
  Q_OBJECT

 private slots:
  void germanIsLoaded() {
    QVERIFY(installReportTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)));
    QCOMPARE(decisionDisplayName(FindingDecision::Accepted), QStringLiteral("Angenommen"));
    QCOMPARE(decisionDisplayName(FindingDecision::Rejected), QStringLiteral("Abgelehnt"));
    QVERIFY(disclaimerText().contains(QStringLiteral("nicht für den klinischen Einsatz")));
    ReportPanel panel;
    QCOMPARE(panel.findChild<QPushButton*>(QStringLiteral("reportGenerateButton"))->text(),
             QStringLiteral("Erstellen"));
    QCOMPARE(panel.findChild<QAction*>(QStringLiteral("actionExportKeyImage"))->text(),
             QStringLiteral("&Schlüsselbild exportieren (SC)..."));
  }

  void englishNeedsNoCatalogue() {
    QVERIFY(!installReportTranslations(*QCoreApplication::instance(), QLocale(QLocale::Japanese)));
  }
};

QTEST_MAIN(TranslationsTest)
#include "translations_test.moc"
