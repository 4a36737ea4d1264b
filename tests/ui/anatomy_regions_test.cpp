// The anatomy layer's colour groups for the 36 Chest ImaGenome names.
#include <QTest>

#include "anatomix/ui/anatomy_regions.h"
#include "scripted_engine_backend.h"

using anatomix::ui::AnatomyRegionGroup;
using anatomix::ui::anatomyRegionGroup;

class AnatomyRegionsTest : public QObject {
  Q_OBJECT

 private slots:
  void groups_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("group");
    auto row = [](const char* name, AnatomyRegionGroup group) { QTest::newRow(name) << QString::fromLatin1(name) << int(group); };
    row("Left upper lung zone", AnatomyRegionGroup::Lungs);
    row("Hilar Area of the Right Lung", AnatomyRegionGroup::Lungs);
    row("Apical zone of left lung", AnatomyRegionGroup::Lungs);
    row("Cardiac shadow viewed radiologically or Heart", AnatomyRegionGroup::HeartMediastinum);
    row("Right atrial structure", AnatomyRegionGroup::HeartMediastinum);
    row("Trachea and Main Bronchus", AnatomyRegionGroup::HeartMediastinum);
    row("cavoatrial", AnatomyRegionGroup::HeartMediastinum);
    row("Left hemidiaphragm", AnatomyRegionGroup::DiaphragmAngles);
    row("right cardiophrenic sulcus", AnatomyRegionGroup::DiaphragmAngles);
    row("Left costodiaphragmatic recess", AnatomyRegionGroup::DiaphragmAngles);
    row("Right clavicle", AnatomyRegionGroup::Bones);
    row("Vertebral column", AnatomyRegionGroup::Bones);
    row("Structure of left upper quadrant of abdomen", AnatomyRegionGroup::Abdomen);
    row("Abdominal cavity", AnatomyRegionGroup::Abdomen);
    row("Something else", AnatomyRegionGroup::Other);
  }

  void groups() {
    QFETCH(QString, name);
    QFETCH(int, group);
    QCOMPARE(int(anatomyRegionGroup(name)), group);
  }

  void everyImaGenomeObjectHasAGroupAndDistinctColours() {
    for (const std::string& name : anatomix::ui::testing::ScriptedEngineBackend::anatomyNames())
      QVERIFY2(anatomyRegionGroup(QString::fromStdString(name)) != AnatomyRegionGroup::Other, name.c_str());
    QSet<QRgb> colours;
    for (auto group : {AnatomyRegionGroup::Lungs, AnatomyRegionGroup::HeartMediastinum, AnatomyRegionGroup::DiaphragmAngles,
                       AnatomyRegionGroup::Bones, AnatomyRegionGroup::Abdomen})
      colours.insert(anatomix::ui::anatomyRegionColour(group).rgb());
    QCOMPARE(colours.size(), 5);
  }
};

QTEST_GUILESS_MAIN(AnatomyRegionsTest)
#include "anatomy_regions_test.moc"
