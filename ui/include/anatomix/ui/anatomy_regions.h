// The five region groups the anatomy layer colours its 36 boxes by, and their colours. The group
// of an anatomy follows from words in its Chest ImaGenome name, so a bundle with other names still
// gets sensible colours (anything unknown falls in Other).
#pragma once

#include <QColor>
#include <QString>

namespace anatomix::ui {

enum class AnatomyRegionGroup { Lungs, HeartMediastinum, DiaphragmAngles, Bones, Abdomen, Other };

AnatomyRegionGroup anatomyRegionGroup(const QString& anatomyName);
QColor anatomyRegionColour(AnatomyRegionGroup group);
// Translated group name for legends and tool tips.
QString anatomyRegionGroupName(AnatomyRegionGroup group);

}  // namespace anatomix::ui
