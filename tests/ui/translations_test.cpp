// The German catalogue is compiled into the program and loads by locale; the main window then
// speaks German. English needs no catalogue entries but its catalogue loads too.
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

#include "anatomix/ui/main_window.h"
#include "anatomix/ui/translations.h"
#include "anatomix/ui/workstation_settings.h"

using anatomix::ui::MainWindow;
using anatomix::ui::WorkstationSettings;

class TranslationsTest : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

 private slots:
  void germanCatalogueLoadsAndTranslatesTheWindow() {
    const auto installed = anatomix::ui::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany));
    QVERIFY(installed.application);
    QCOMPARE(installed.language, QStringLiteral("de"));

    MainWindow window(std::make_unique<WorkstationSettings>(m_dir.filePath("de.ini")));
    QStringList menuTitles;
    for (QAction* menu : window.menuBar()->actions()) menuTitles << menu->text();
    QVERIFY2(menuTitles.contains(QStringLiteral("&Datei")), qPrintable(menuTitles.join(QLatin1Char(' '))));
    QVERIFY2(menuTitles.contains(QStringLiteral("&Ansicht")), qPrintable(menuTitles.join(QLatin1Char(' '))));
    const auto* flip = window.findChild<QAction*>(QStringLiteral("actionFlipHorizontal"));
    QCOMPARE(flip->text(), QStringLiteral("&Horizontal spiegeln"));
    QCOMPARE(window.windowTitle(), QStringLiteral("AnatomiX Workstation"));
    // AI > Model and the refusal of a bundle too big for the memory.
    const auto* modelMenu = window.findChild<QMenu*>(QStringLiteral("modelMenu"));
    QVERIFY(modelMenu);
    QCOMPARE(modelMenu->title(), QStringLiteral("Mod&ell"));
    QCOMPARE(window.findChild<QAction*>(QStringLiteral("actionAddModelFolder"))->text(),
             QStringLiteral("Modellordner &hinzufügen ..."));
    QCOMPARE(QCoreApplication::translate("anatomix::ui::ReadingAssistant",
                                         "This model needs about %1 GB; %2 GB are available on this computer."),
             QStringLiteral("Dieses Modell braucht etwa %1 GB; auf diesem Computer sind %2 GB verfügbar."));
    // Plural forms come from the catalogue too.
    QCOMPARE(QCoreApplication::translate("anatomix::ui::MainWindow", "Found %n image(s).", nullptr, 3),
             QStringLiteral("3 Bilder gefunden."));
    QCOMPARE(QCoreApplication::translate("anatomix::ui::MainWindow", "Cancel Retrieval"), QStringLiteral("Abruf abbrechen"));
    // The worklist room's own catalogue.
    QCOMPARE(QCoreApplication::translate("anatomix::worklist::WorklistPanel", "Page %1 of %2"),
             QStringLiteral("Seite %1 von %2"));
    QCOMPARE(QCoreApplication::translate("anatomix::worklist::WorklistPanel", "Searching... %n studies so far", nullptr, 500),
             QStringLiteral("Suche... bisher 500 Studien"));
  }

  void englishCatalogueLoads() {
    const auto installed = anatomix::ui::installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedKingdom));
    QVERIFY(installed.application);
    QCOMPARE(QCoreApplication::translate("anatomix::ui::MainWindow", "Found %n image(s).", nullptr, 1),
             QStringLiteral("Found 1 image."));
    QCOMPARE(QCoreApplication::translate("anatomix::worklist::WorklistPanel", "Searching... %n studies so far", nullptr, 1),
             QStringLiteral("Searching... 1 study so far"));
  }
};

QTEST_MAIN(TranslationsTest)
#include "translations_test.moc"
