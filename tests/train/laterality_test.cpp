// The left-right convention (anatomix/laterality.h) on the published anatomy names and free text.
#include <gtest/gtest.h>

#include <algorithm>

#include "anatomix/laterality.h"
#include "bundle_config.h"

namespace anatomix {
namespace {

int index_of(const std::string& name) {
  const auto& names = published_anatomy_names();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw std::invalid_argument("not a published anatomy name: " + name);
  return static_cast<int>(it - names.begin());
}

int partner_of(const std::string& name) {
  return mirrored_anatomy_indices(published_anatomy_names()).at(static_cast<size_t>(index_of(name)));
}

TEST(Laterality, SidedNamesArePartners) {
  EXPECT_EQ(partner_of("Left lung"), index_of("Right lung"));
  EXPECT_EQ(partner_of("Right lung"), index_of("Left lung"));
  EXPECT_EQ(partner_of("Apical zone of left lung"), index_of("Apical zone of right lung"));
  EXPECT_EQ(partner_of("Hilar Area of the Left Lung"), index_of("Hilar Area of the Right Lung"));
  EXPECT_EQ(partner_of("left cardiophrenic sulcus"), index_of("right cardiophrenic sulcus"));
  EXPECT_EQ(partner_of("Left costodiaphragmatic recess"), index_of("Right costodiaphragmatic recess"));
  // The raw Chest ImaGenome names pair the same way.
  const std::vector<std::string> raw{"left costophrenic sulcus;;Left costodiaphragmatic recess", "Mediastinum",
                                     "right costophrenic sulcus;;Right costodiaphragmatic recess"};
  EXPECT_EQ(mirrored_anatomy_indices(raw), (std::vector<int>{2, 1, 0}));
  EXPECT_EQ(partner_of("Structure of left upper quadrant of abdomen"),
            index_of("Structure of right upper quadrant of abdomen"));
}

TEST(Laterality, HeartBordersArePartnersBecauseTheyArePositional) {
  // The generator names the heart border on the patient's right "Right border of heart viewed
  // radiologically" also in situs inversus (training/synth/thorax.cpp), so the mirror of one is the other.
  EXPECT_EQ(partner_of("Right border of heart viewed radiologically"), index_of("Structure of left margin of heart"));
  EXPECT_EQ(partner_of("Structure of left margin of heart"), index_of("Right border of heart viewed radiologically"));
}

TEST(Laterality, AnatomicalAndMidlineNamesStay) {
  for (const char* name : {"Right atrial structure", "cavoatrial", "Mediastinum", "Structure of carina",
                           "Cardiac shadow viewed radiologically or Heart", "Trachea and Main Bronchus"})
    EXPECT_EQ(partner_of(name), index_of(name)) << name;
  EXPECT_EQ(unpaired_lateral_names(published_anatomy_names()), std::vector<std::string>{"Right atrial structure"});
}

TEST(Laterality, PartnersAreAnInvolution) {
  const std::vector<int> partner = mirrored_anatomy_indices(published_anatomy_names());
  ASSERT_EQ(partner.size(), 36u);
  for (size_t i = 0; i < partner.size(); ++i) EXPECT_EQ(partner[static_cast<size_t>(partner[i])], static_cast<int>(i));
}

TEST(Laterality, SwapKeepsCapitalisationAndWordBoundaries) {
  EXPECT_EQ(swap_left_right("Left lung shows a left-sided effusion, RIGHT too.", {}),
            "Right lung shows a right-sided effusion, LEFT too.");
  EXPECT_EQ(swap_left_right("leftover rightmost bright", {}), "leftover rightmost bright");
  EXPECT_EQ(swap_left_right("", {}), "");
}

TEST(Laterality, SwapMapsAnatomyNamesToTheirPartners) {
  const std::vector<std::string> names = published_anatomy_names();
  EXPECT_EQ(swap_left_right("Right atrial structure shows a left line.", names),
            "Right atrial structure shows a right line.");
  EXPECT_EQ(swap_left_right("Where is the Right border of heart viewed radiologically located?", names),
            "Where is the Structure of left margin of heart located?");
  EXPECT_EQ(swap_left_right("Structure of left margin of heart is healthy.", names),
            "Right border of heart viewed radiologically is healthy.");
  EXPECT_EQ(swap_left_right("Apical zone of left lung and Left lung", names), "Apical zone of right lung and Right lung");
  // Forms that are not names of the list are plain words.
  EXPECT_EQ(swap_left_right("right atrium", names), "left atrium");
  EXPECT_EQ(swap_left_right("right atrium", {"right atrium", "left lung", "right lung"}), "right atrium");
}

TEST(Laterality, MirrorBox) {
  const Box box = mirror_box(Box{10, 20, 30, 40}, 100);
  EXPECT_FLOAT_EQ(box.x1, 70);
  EXPECT_FLOAT_EQ(box.x2, 90);
  EXPECT_FLOAT_EQ(box.y1, 20);
  EXPECT_FLOAT_EQ(box.y2, 40);
}

}  // namespace
}  // namespace anatomix
