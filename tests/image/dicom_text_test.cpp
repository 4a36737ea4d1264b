// Person names and dates as the viewport, the study browser and the report show them.
#include <gtest/gtest.h>

#include "anatomix/image/dicom_text.h"

namespace anatomix::image {
namespace {

TEST(DicomText, PersonNamesReadFamilyCommaGivenMiddle) {
  EXPECT_EQ(display_person_name("Doe^Jane"), "Doe, Jane");
  EXPECT_EQ(display_person_name("Doe^Jane^Q^^"), "Doe, Jane Q");
  EXPECT_EQ(display_person_name("Doe^Jane^Q^Dr.^Jr."), "Doe, Jane Q");
  EXPECT_EQ(display_person_name("Doe"), "Doe");
  EXPECT_EQ(display_person_name("Doe^^"), "Doe");
  EXPECT_EQ(display_person_name("^Jane"), "Jane");
  EXPECT_EQ(display_person_name(" Doe ^ Jane "), "Doe, Jane");
  // Only the alphabetic group of a name with ideographic and phonetic groups.
  EXPECT_EQ(display_person_name("Yamada^Tarou=\xe5\xb1\xb1\xe7\x94\xb0^\xe5\xa4\xaa\xe9\x83\x8e=\xe3\x82\x84\xe3\x81\xbe\xe3\x81\xa0"),
            "Yamada, Tarou");
  EXPECT_EQ(display_person_name(""), "");
  EXPECT_EQ(display_person_name("=\xe5\xb1\xb1\xe7\x94\xb0"), "");
}

TEST(DicomText, DatesBecomeIso8601) {
  EXPECT_EQ(iso_date("20240229"), "2024-02-29");
  EXPECT_EQ(iso_date(" 19991231 "), "1999-12-31");
  EXPECT_EQ(iso_date("2024"), "2024");
  EXPECT_EQ(iso_date("2024.02.29"), "2024.02.29");
  EXPECT_EQ(iso_date("2024022X"), "2024022X");
  EXPECT_EQ(iso_date(""), "");
}

}  // namespace
}  // namespace anatomix::image
