#include "anatomix/ui/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace anatomix::ui {

QString themeName(Theme theme) {
  return theme == Theme::Light ? QStringLiteral("light") : QStringLiteral("dark");
}

Theme themeFromName(const QString& name) {
  return name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0 ? Theme::Light : Theme::Dark;
}

QPalette themePalette(Theme theme) {
  if (theme == Theme::Light) {
    QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    const QPalette palette = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    return palette;
  }
  // Panels a little lighter than the black image background; text light grey, not white.
  const QColor window(43, 43, 46), base(30, 30, 32), text(220, 220, 220), disabledText(120, 120, 124);
  QPalette palette;
  palette.setColor(QPalette::Window, window);
  palette.setColor(QPalette::WindowText, text);
  palette.setColor(QPalette::Base, base);
  palette.setColor(QPalette::AlternateBase, QColor(38, 38, 41));
  palette.setColor(QPalette::ToolTipBase, QColor(55, 55, 60));
  palette.setColor(QPalette::ToolTipText, text);
  palette.setColor(QPalette::PlaceholderText, disabledText);
  palette.setColor(QPalette::Text, text);
  palette.setColor(QPalette::Button, QColor(52, 52, 56));
  palette.setColor(QPalette::ButtonText, text);
  palette.setColor(QPalette::BrightText, QColor(255, 90, 80));
  palette.setColor(QPalette::Light, QColor(70, 70, 75));
  palette.setColor(QPalette::Midlight, QColor(60, 60, 64));
  palette.setColor(QPalette::Mid, QColor(36, 36, 38));
  palette.setColor(QPalette::Dark, QColor(24, 24, 26));
  palette.setColor(QPalette::Shadow, QColor(10, 10, 10));
  palette.setColor(QPalette::Highlight, QColor(42, 98, 150));
  palette.setColor(QPalette::HighlightedText, QColor(240, 240, 240));
  palette.setColor(QPalette::Link, QColor(100, 170, 240));
  palette.setColor(QPalette::LinkVisited, QColor(160, 140, 230));
  for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
    palette.setColor(QPalette::Disabled, role, disabledText);
  palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(60, 60, 64));
  return palette;
}

void applyTheme(Theme theme) {
  if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
    QApplication::setStyle(QStringLiteral("Fusion"));
  QApplication::setPalette(themePalette(theme));
}

}  // namespace anatomix::ui
