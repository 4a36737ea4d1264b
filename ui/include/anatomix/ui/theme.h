// The workstation's look. A reading room is dark, so the default is a dark theme (Qt's Fusion
// style with a dark palette: dark grey panels that do not glare beside the image, light text, a
// muted blue highlight); the light theme is Fusion with its own light palette. The choice is a
// setting (appearance/theme) and applies to the whole application at once. GUI thread only.
#pragma once

#include <QPalette>
#include <QString>

namespace anatomix::ui {

enum class Theme { Dark, Light };

// "dark" / "light"; themeFromName() gives Dark for anything else (the default).
QString themeName(Theme theme);
Theme themeFromName(const QString& name);

// The palette of a theme (Fusion's standard palette for Light).
QPalette themePalette(Theme theme);

// Sets the Fusion style and the theme's palette on the running QApplication.
void applyTheme(Theme theme);

}  // namespace anatomix::ui
