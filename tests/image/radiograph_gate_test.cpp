// The check before analysis (anatomix/image/radiograph_gate.h): frontal chest radiographs pass,
// other modalities, body parts, lateral views, odd sizes, blank and inverted images are refused
// with a reason; the repository's sample studies (generated DX files written by DCMTK) pass.
#include <filesystem>

#include <gtest/gtest.h>

#include "anatomix/image/image_decoder.h"
#include "anatomix/image/radiograph_gate.h"

namespace anatomix::image {
namespace {

// A frontal-chest-like picture: bright mediastinum and spine in the middle, dark lung fields on
// either side, a bright body wall outside them (stored values 0..4095, identity modality).
DecodedImage chest_like(int width = 400, int height = 480) {
  DecodedImage image;
  image.format = SourceFormat::Dicom;
  image.width = width;
  image.height = height;
  image.bits_stored = 12;
  image.series.modality = "DX";
  image.series.body_part_examined = "CHEST";
  image.instance.view_position = "PA";
  image.stored.resize(static_cast<std::size_t>(width) * height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const double u = static_cast<double>(x) / width;
      const bool centre = u > 0.42 && u < 0.58, lung = (u > 0.12 && u < 0.40) || (u > 0.60 && u < 0.88);
      const int value = centre ? 3400 : lung ? 700 + (x * 7 + y * 3) % 200 : 2600;
      image.stored[static_cast<std::size_t>(y) * width + x] = value;
    }
  }
  image.min_stored = 700;
  image.max_stored = 3400;
  return image;
}

TEST(RadiographGate, AcceptsAFrontalChestRadiograph) {
  const GateResult result = check_frontal_chest_radiograph(chest_like());
  EXPECT_TRUE(result.accepted()) << result.message;
  EXPECT_TRUE(result.message.empty());
}

TEST(RadiographGate, AcceptsAChestPngWithoutHeader) {
  DecodedImage image = chest_like();
  image.format = SourceFormat::Png;
  image.series.modality = "PNG";
  image.series.body_part_examined.clear();
  image.instance.view_position.clear();
  EXPECT_TRUE(check_frontal_chest_radiograph(image).accepted());
}

TEST(RadiographGate, RefusesOtherModalitiesWithAReadableReason) {
  DecodedImage image = chest_like();
  image.series.modality = "CT";
  GateResult result = check_frontal_chest_radiograph(image);
  EXPECT_EQ(result.reason, GateReason::OtherModality);
  EXPECT_EQ(result.detail, "CT");
  EXPECT_EQ(result.message, "this looks like a CT slice (Modality CT)");
  image.series.modality = "PX";
  result = check_frontal_chest_radiograph(image);
  EXPECT_EQ(result.reason, GateReason::OtherModality);
  EXPECT_NE(result.message.find("dental"), std::string::npos) << result.message;
  for (const char* accepted : {"CR", "DX", "SC", "OT", "dx "}) {
    image.series.modality = accepted;
    EXPECT_TRUE(check_frontal_chest_radiograph(image).accepted()) << accepted;
  }
}

TEST(RadiographGate, RefusesOtherBodyPartsAndAcceptsChestWordings) {
  DecodedImage image = chest_like();
  image.series.body_part_examined = "SKULL";
  const GateResult result = check_frontal_chest_radiograph(image);
  EXPECT_EQ(result.reason, GateReason::OtherBodyPart);
  EXPECT_EQ(result.message, "not a chest radiograph (Body Part Examined SKULL)");
  for (const char* chest : {"CHEST", "Thorax", "PORT CHEST", "LUNG", ""}) {
    image.series.body_part_examined = chest;
    EXPECT_TRUE(check_frontal_chest_radiograph(image).accepted()) << chest;
  }
}

TEST(RadiographGate, RefusesLateralViews) {
  DecodedImage image = chest_like();
  for (const char* lateral : {"LL", "RL", "LATERAL"}) {
    image.instance.view_position = lateral;
    const GateResult result = check_frontal_chest_radiograph(image);
    EXPECT_EQ(result.reason, GateReason::LateralView) << lateral;
    EXPECT_EQ(result.message, std::string("this looks like a lateral view (View Position ") + lateral + ")");
  }
  for (const char* frontal : {"PA", "AP", ""}) {
    image.instance.view_position = frontal;
    EXPECT_TRUE(check_frontal_chest_radiograph(image).accepted()) << frontal;
  }
}

TEST(RadiographGate, RefusesImplausibleSizes) {
  EXPECT_EQ(check_frontal_chest_radiograph(chest_like(100, 120)).reason, GateReason::ImplausibleSize);
  const GateResult panoramic = check_frontal_chest_radiograph(chest_like(1000, 480));
  EXPECT_EQ(panoramic.reason, GateReason::ImplausibleSize);
  EXPECT_EQ(panoramic.detail, "1000 x 480 pixels");
  EXPECT_TRUE(check_frontal_chest_radiograph(chest_like(430, 350)).accepted());
}

TEST(RadiographGate, RefusesBlankAndInvertedImages) {
  DecodedImage blank = chest_like();
  std::fill(blank.stored.begin(), blank.stored.end(), 1000);
  blank.min_stored = blank.max_stored = 1000;
  EXPECT_EQ(check_frontal_chest_radiograph(blank).reason, GateReason::NoContrast);

  // The same values read as MONOCHROME1: the mediastinum shows dark, the lungs bright.
  DecodedImage inverted = chest_like();
  inverted.monochrome1 = true;
  const GateResult result = check_frontal_chest_radiograph(inverted);
  EXPECT_EQ(result.reason, GateReason::InvertedPolarity);
  EXPECT_NE(result.message.find("inverted"), std::string::npos) << result.message;
}

TEST(RadiographGate, AcceptsTheSampleStudies) {
  const std::filesystem::path samples = std::filesystem::path(ANATOMIX_SOURCE_DIR) / "resources" / "samples";
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(samples)) {
    if (entry.path().extension() != ".dcm") continue;
    const DecodedImage image = decode_image(entry.path().string());
    const GateResult result = check_frontal_chest_radiograph(image);
    EXPECT_TRUE(result.accepted()) << entry.path() << ": " << result.message;
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

}  // namespace
}  // namespace anatomix::image
