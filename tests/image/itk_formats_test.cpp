// PNG, JPEG and TIFF written with ITK and read back through decode_image: 8 and 16 bits exactly,
// RGB to gray with PIL's luma weights and a note, JPEG within a tolerance.
#include <gtest/gtest.h>

#include <cstdlib>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"
#include "itk_image_writer.h"

namespace anatomix::image {
namespace {

template <typename Pixel>
std::vector<Pixel> pattern(int width, int height, int largest) {
  std::vector<Pixel> pixels(static_cast<std::size_t>(width) * height);
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<Pixel>((i * 7919) % (largest + 1));
  pixels.back() = static_cast<Pixel>(largest);
  return pixels;
}

template <typename Pixel>
void expect_round_trip(const std::string& path, int largest, SourceFormat format) {
  const auto pixels = pattern<Pixel>(23, 17, largest);
  testing::write_itk_image(path, 23, 17, pixels);
  const DecodedImage image = decode_image(path);
  EXPECT_EQ(image.format, format);
  ASSERT_EQ(image.width, 23);
  ASSERT_EQ(image.height, 17);
  EXPECT_EQ(image.bits_stored, sizeof(Pixel) * 8);
  ASSERT_EQ(image.stored.size(), pixels.size());
  for (std::size_t i = 0; i < pixels.size(); ++i) ASSERT_EQ(image.stored[i], static_cast<std::int32_t>(pixels[i])) << i;
  EXPECT_EQ(image.max_stored, largest);
  EXPECT_EQ(image.modality.kind, ModalityTransform::Kind::Identity);
  EXPECT_FALSE(image.instance.spacing.known());
}

TEST(ItkFormats, PngEightAndSixteenBitRoundTrip) {
  testing::TempDir dir("itk");
  expect_round_trip<std::uint8_t>(dir.file("gray8.png"), 255, SourceFormat::Png);
  expect_round_trip<std::uint16_t>(dir.file("gray16.png"), 65535, SourceFormat::Png);
}

TEST(ItkFormats, TiffEightAndSixteenBitRoundTrip) {
  testing::TempDir dir("itk");
  expect_round_trip<std::uint8_t>(dir.file("gray8.tif"), 255, SourceFormat::Tiff);
  expect_round_trip<std::uint16_t>(dir.file("gray16.tif"), 4095, SourceFormat::Tiff);
}

TEST(ItkFormats, RgbPngBecomesGrayWithNote) {
  testing::TempDir dir("itk");
  using Rgb = itk::RGBPixel<std::uint8_t>;
  std::vector<Rgb> pixels(6);
  const int values[6][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {12, 34, 56}, {255, 255, 255}, {1, 2, 3}};
  for (int i = 0; i < 6; ++i)
    for (int c = 0; c < 3; ++c) pixels[static_cast<std::size_t>(i)][static_cast<unsigned>(c)] = static_cast<std::uint8_t>(values[i][c]);
  const std::string path = dir.file("rgb.png");
  testing::write_itk_image(path, 3, 2, pixels);
  const DecodedImage image = decode_image(path);
  for (int i = 0; i < 6; ++i) {
    const int expected = (values[i][0] * 19595 + values[i][1] * 38470 + values[i][2] * 7471 + 0x8000) >> 16;
    EXPECT_EQ(image.stored[static_cast<std::size_t>(i)], expected);
  }
  ASSERT_FALSE(image.notes.empty());
  EXPECT_NE(image.notes.front().find("RGB converted to gray"), std::string::npos);
}

TEST(ItkFormats, JpegWithinTolerance) {
  testing::TempDir dir("itk");
  std::vector<std::uint8_t> pixels(64 * 48);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x) pixels[static_cast<std::size_t>(y) * 64 + x] = static_cast<std::uint8_t>(x * 2 + y);
  const std::string path = dir.file("gray.jpg");
  testing::write_itk_image(path, 64, 48, pixels);
  const DecodedImage image = decode_image(path);
  EXPECT_EQ(image.format, SourceFormat::Jpeg);
  int worst = 0;
  for (std::size_t i = 0; i < pixels.size(); ++i) worst = std::max(worst, std::abs(image.stored[i] - pixels[i]));
  EXPECT_LE(worst, 8) << "a smooth ramp at ITK's default JPEG quality";
}

}  // namespace
}  // namespace anatomix::image
