#include "anatomix/ui/anatomy_regions.h"

#include <QCoreApplication>
#include <QStringList>

namespace anatomix::ui {

AnatomyRegionGroup anatomyRegionGroup(const QString& anatomyName) {
  const QString name = anatomyName.toLower();
  auto mentions = [&name](std::initializer_list<const char*> words) {
    for (const char* word : words)
      if (name.contains(QLatin1String(word))) return true;
    return false;
  };
  // Order matters: "cardiophrenic sulcus" and "costodiaphragmatic recess" are angles, not heart;
  // "left upper quadrant of abdomen" is abdomen, not lung zone.
  if (mentions({"diaphragm", "cardiophrenic", "costophrenic", "recess", "sulcus"})) return AnatomyRegionGroup::DiaphragmAngles;
  if (mentions({"abdom", "quadrant"})) return AnatomyRegionGroup::Abdomen;
  if (mentions({"clavicle", "vertebra", "spine", "rib", "scapula"})) return AnatomyRegionGroup::Bones;
  if (mentions({"lung", "apical", "hilar", "zone"})) return AnatomyRegionGroup::Lungs;
  if (mentions({"heart", "cardiac", "atri", "aort", "mediastin", "vena cava", "carina", "trachea", "bronch",
                "cavoatrial"}))
    return AnatomyRegionGroup::HeartMediastinum;
  return AnatomyRegionGroup::Other;
}

QColor anatomyRegionColour(AnatomyRegionGroup group) {
  // Distinct hues that stay readable on a gray radiograph; red is kept for abnormal boxes.
  switch (group) {
    case AnatomyRegionGroup::Lungs: return QColor(64, 196, 255);
    case AnatomyRegionGroup::HeartMediastinum: return QColor(255, 170, 60);
    case AnatomyRegionGroup::DiaphragmAngles: return QColor(120, 230, 120);
    case AnatomyRegionGroup::Bones: return QColor(230, 230, 150);
    case AnatomyRegionGroup::Abdomen: return QColor(200, 140, 255);
    case AnatomyRegionGroup::Other: break;
  }
  return QColor(200, 200, 200);
}

QString anatomyRegionGroupName(AnatomyRegionGroup group) {
  switch (group) {
    case AnatomyRegionGroup::Lungs: return QCoreApplication::translate("anatomix::ui::AnatomyRegions", "Lungs and zones");
    case AnatomyRegionGroup::HeartMediastinum:
      return QCoreApplication::translate("anatomix::ui::AnatomyRegions", "Heart and mediastinum");
    case AnatomyRegionGroup::DiaphragmAngles:
      return QCoreApplication::translate("anatomix::ui::AnatomyRegions", "Diaphragm and angles");
    case AnatomyRegionGroup::Bones: return QCoreApplication::translate("anatomix::ui::AnatomyRegions", "Bones");
    case AnatomyRegionGroup::Abdomen: return QCoreApplication::translate("anatomix::ui::AnatomyRegions", "Abdomen");
    case AnatomyRegionGroup::Other: break;
  }
  return QCoreApplication::translate("anatomix::ui::AnatomyRegions", "Other");
}

}  // namespace anatomix::ui
