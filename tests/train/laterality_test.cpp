// The left-right convention (anatomix/laterality.h): partners of the published anatomy names (for the
// laterality score) and the patient's side read from the anatomy and from the header.
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
  return lateral_partner_indices(published_anatomy_names()).at(static_cast<size_t>(index_of(name)));
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
  EXPECT_EQ(lateral_partner_indices(raw), (std::vector<int>{2, 1, 0}));
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
  const std::vector<int> partner = lateral_partner_indices(published_anatomy_names());
  ASSERT_EQ(partner.size(), 36u);
  for (size_t i = 0; i < partner.size(); ++i) EXPECT_EQ(partner[static_cast<size_t>(partner[i])], static_cast<int>(i));
}

// Boxes of a 1000 px wide image in the published query order: the lungs at x 100..450 and 550..900, the
// heart at `heart_x` (its centre), everything else in the middle.
std::vector<Box> thorax(float patient_right_lung_x, float patient_left_lung_x, float heart_x) {
  std::vector<Box> boxes(published_anatomy_names().size(), Box{450, 300, 550, 700});
  boxes[static_cast<size_t>(index_of("Right lung"))] = Box{patient_right_lung_x - 175, 100, patient_right_lung_x + 175, 800};
  boxes[static_cast<size_t>(index_of("Left lung"))] = Box{patient_left_lung_x - 175, 100, patient_left_lung_x + 175, 800};
  boxes[static_cast<size_t>(index_of("Cardiac shadow viewed radiologically or Heart"))] =
      Box{heart_x - 150, 450, heart_x + 150, 750};
  return boxes;
}

TEST(Laterality, PatientLeftFromTheAnatomy) {
  const auto& names = published_anatomy_names();
  // Standard display: the patient's left lung and the heart at the image right.
  EXPECT_EQ(patient_left_from_anatomy(names, thorax(275, 725, 580)), PatientLeftAt::ImageRight);
  // The same image mirrored, names kept: the patient's left at the image left.
  EXPECT_EQ(patient_left_from_anatomy(names, thorax(725, 275, 420)), PatientLeftAt::ImageLeft);
  // Lungs named by image side while the heart is on the image left: the anatomy contradicts itself.
  EXPECT_EQ(patient_left_from_anatomy(names, thorax(275, 725, 420)), PatientLeftAt::Unknown);
  // A missing name or too few boxes tell nothing.
  EXPECT_EQ(patient_left_from_anatomy({"Left lung", "Right lung"}, {Box{600, 0, 900, 10}, Box{100, 0, 400, 10}}),
            PatientLeftAt::Unknown);
  EXPECT_EQ(patient_left_from_anatomy(names, {}), PatientLeftAt::Unknown);
}

TEST(Laterality, PatientLeftFromPatientOrientation) {
  EXPECT_EQ(patient_left_from_orientation_row("L"), PatientLeftAt::ImageRight);
  EXPECT_EQ(patient_left_from_orientation_row("R"), PatientLeftAt::ImageLeft);
  EXPECT_EQ(patient_left_from_orientation_row("LP"), PatientLeftAt::ImageRight);
  EXPECT_EQ(patient_left_from_orientation_row("r"), PatientLeftAt::ImageLeft);
  EXPECT_EQ(patient_left_from_orientation_row(""), PatientLeftAt::Unknown);
  EXPECT_EQ(patient_left_from_orientation_row("A"), PatientLeftAt::Unknown);
  EXPECT_EQ(patient_left_from_orientation_row("F"), PatientLeftAt::Unknown);
}

TEST(Laterality, LateralNames) {
  EXPECT_TRUE(is_lateral_name("Left lung"));
  EXPECT_TRUE(is_lateral_name("Structure of left margin of heart"));
  EXPECT_TRUE(is_lateral_name("Right border of heart viewed radiologically"));
  EXPECT_FALSE(is_lateral_name("Mediastinum"));
  EXPECT_FALSE(is_lateral_name("Cleft"));
  EXPECT_TRUE(names_patient_left("Left lung"));
  EXPECT_TRUE(names_patient_left("Structure of left margin of heart"));
  EXPECT_TRUE(names_patient_left("Hilar Area of the Left Lung"));
  EXPECT_FALSE(names_patient_left("Right lung"));
  EXPECT_FALSE(names_patient_left("Cleft"));
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
