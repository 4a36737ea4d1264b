// The fast display paths (table lookup, sub-rectangle, decimated grid, resampling) against a plain
// per-pixel reference: modality -> window formula -> inversion, computed here without the LUT.
#include <gtest/gtest.h>

#include <cmath>

#include "anatomix/image/image.h"

namespace anatomix::image {
namespace {

// A 16-bit signed image with a rescale, built in memory.
DecodedImage synthetic_image(int width, int height) {
  DecodedImage image;
  image.path = "synthetic";
  image.width = width;
  image.height = height;
  image.bits_stored = 16;
  image.pixel_signed = true;
  image.stored.resize(static_cast<std::size_t>(width) * height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) image.stored[static_cast<std::size_t>(y) * width + x] = (x * 37 + y * 101) % 5000 - 2000;
  image.min_stored = *std::min_element(image.stored.begin(), image.stored.end());
  image.max_stored = *std::max_element(image.stored.begin(), image.stored.end());
  image.modality.kind = ModalityTransform::Kind::Rescale;
  image.modality.slope = 0.5;
  image.modality.intercept = 100;
  return image;
}

int reference_display(const DecodedImage& image, int x, int y, const DisplaySettings& settings) {
  const double modality = image.stored_at(x, y) * image.modality.slope + image.modality.intercept;
  const double c = settings.voi.window.center, w = settings.voi.window.width;
  double out;
  if (modality <= c - 0.5 - (w - 1) / 2) out = 0;
  else if (modality > c - 0.5 + (w - 1) / 2) out = 255;
  else out = ((modality - (c - 0.5)) / (w - 1) + 0.5) * 255;
  int value = static_cast<int>(std::floor(out + 0.5));
  if (settings.invert != image.monochrome1) value = 255 - value;
  return value;
}

DisplaySettings window_settings(double center, double width, bool invert) {
  DisplaySettings settings;
  settings.voi.window = Window{center, width, VoiFunction::Linear, ""};
  settings.invert = invert;
  return settings;
}

TEST(DisplayLut, FullImageMatchesPerPixelReference) {
  DecodedImage image = synthetic_image(97, 61);
  for (bool monochrome1 : {false, true}) {
    image.monochrome1 = monochrome1;
    for (const DisplaySettings& settings : {window_settings(0, 400, false), window_settings(-300.25, 77.5, true),
                                            window_settings(500, 1, false)}) {
      const Gray8Image display = render_display(image, DisplayLut(image, settings));
      ASSERT_EQ(display.width, 97);
      ASSERT_EQ(display.height, 61);
      int mismatches = 0;
      for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) mismatches += display.at(x, y) != reference_display(image, x, y, settings);
      EXPECT_EQ(mismatches, 0) << "centre " << settings.voi.window.center << " monochrome1 " << monochrome1;
    }
  }
}

// A large frame through the fast path gives the same bytes as the clamping per-value map().
TEST(DisplayLut, LargeFrameMatchesPerValueMap) {
  const DecodedImage image = synthetic_image(2600, 1700);
  const DisplayLut lut(image, window_settings(150, 2500, true));
  const Gray8Image full = render_display(image, lut);
  int mismatches = 0;
  for (std::size_t i = 0; i < image.stored.size(); ++i) mismatches += full.pixels[i] != lut.map(image.stored[i]);
  EXPECT_EQ(mismatches, 0);
}

TEST(DisplayLut, RegionAndDecimatedGridSampleTheSamePixels) {
  const DecodedImage image = synthetic_image(101, 77);
  const DisplaySettings settings = window_settings(200, 900, false);
  const DisplayLut lut(image, settings);
  const Gray8Image full = render_display(image, lut);
  for (int step : {1, 2, 3, 7}) {
    const PixelRect rect{13, 9, 60, 50};
    const Gray8Image region = render_display_region(image, lut, rect, step);
    ASSERT_EQ(region.width, (60 + step - 1) / step);
    ASSERT_EQ(region.height, (50 + step - 1) / step);
    for (int j = 0; j < region.height; ++j)
      for (int i = 0; i < region.width; ++i)
        ASSERT_EQ(region.at(i, j), full.at(13 + i * step, 9 + j * step)) << "step " << step;
  }
  // A rectangle reaching outside the image is clipped.
  const Gray8Image clipped = render_display_region(image, lut, PixelRect{90, 70, 50, 50}, 1);
  EXPECT_EQ(clipped.width, 11);
  EXPECT_EQ(clipped.height, 7);
  EXPECT_EQ(clipped.at(10, 6), full.at(100, 76));
}

TEST(DisplayLut, ResampledNearestNeighbour) {
  const DecodedImage image = synthetic_image(40, 30);
  const DisplayLut lut(image, window_settings(0, 3000, false));
  const Gray8Image full = render_display(image, lut);
  std::vector<std::uint8_t> same(40 * 30);
  render_display_resampled(image, lut, 0, 0, 40, 30, 40, 30, same.data(), 40);
  EXPECT_EQ(same, full.pixels);
  // 2x zoom of the top-left 10x10 pixels into 20x20, with 4 spare bytes per row.
  std::vector<std::uint8_t> zoomed(24 * 20, 7);
  render_display_resampled(image, lut, 0, 0, 10, 10, 20, 20, zoomed.data(), 24);
  for (int j = 0; j < 20; ++j)
    for (int i = 0; i < 20; ++i) ASSERT_EQ(zoomed[static_cast<std::size_t>(j) * 24 + i], full.at(i / 2, j / 2));
  EXPECT_EQ(zoomed[20], 7) << "padding bytes beyond the row are left alone";
  // Outside the image is black.
  std::vector<std::uint8_t> outside(4, 99);
  render_display_resampled(image, lut, -10, -10, 4, 1, 4, 1, outside.data(), 4);
  EXPECT_EQ(outside, std::vector<std::uint8_t>(4, 0));
}

TEST(DisplayLut, WindowOutputFunctions) {
  const Window linear{1000, 256, VoiFunction::Linear, ""};
  EXPECT_EQ(window_output(linear, 872), 0.0);
  EXPECT_NEAR(window_output(linear, 873), 1.0, 1e-9);
  EXPECT_EQ(window_output(linear, 1127), 255.0);
  EXPECT_NEAR(window_output(linear, 1000), 128.0, 1e-9);
  const Window exact{0, 10, VoiFunction::LinearExact, ""};
  EXPECT_EQ(window_output(exact, -5), 0.0);
  EXPECT_EQ(window_output(exact, 0), 127.5);
  EXPECT_EQ(window_output(exact, 5), 255.0);
  const Window sigmoid{0, 10, VoiFunction::Sigmoid, ""};
  EXPECT_EQ(window_output(sigmoid, 0), 127.5);
  EXPECT_NEAR(window_output(sigmoid, 10), 255.0 / (1.0 + std::exp(-4.0)), 1e-12);
}

// An image assembled by hand with a stale stored range must not crash any consumer.
TEST(DisplayLut, HandBuiltImageWithStaleRangeIsSafe) {
  DecodedImage image = synthetic_image(30, 20);
  image.min_stored = 5;
  image.max_stored = -5;  // inverted: the LUT uses the true range
  const DisplayLut lut(image, window_settings(0, 400, false));
  const Gray8Image shown = render_display(image, lut);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) ASSERT_EQ(shown.at(x, y), reference_display(image, x, y, window_settings(0, 400, false)));
  image.min_stored = 0;
  image.max_stored = 0;  // too narrow: values are clamped into the table, nothing is read out of bounds
  const DisplayLut narrow(image, window_settings(0, 400, false));
  const Gray8Image clamped = render_display(image, narrow);
  ASSERT_EQ(clamped.pixels.size(), 600u);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      ASSERT_EQ(clamped.at(x, y), narrow.map(image.stored[static_cast<std::size_t>(y) * image.width + x]));
  EXPECT_GE(window_presets(image).size(), 5u);
  EXPECT_EQ(to_model_input(image).pixels.size(), 600u);
}

TEST(WindowPresets, AutoFullRangeAndEightBitDefault) {
  DecodedImage image = synthetic_image(50, 50);
  const Window full = full_range_window(image);
  // Full range maps the smallest modality value to 0 and the largest to 255.
  EXPECT_EQ(window_output(full, image.min_modality()), 0.0);
  EXPECT_EQ(window_output(full, image.max_modality()), 255.0);
  const Window automatic = auto_window(image, 0.5, 99.5);
  EXPECT_GT(automatic.width, 1.0);
  EXPECT_LE(automatic.width, full.width);

  DecodedImage png;
  png.format = SourceFormat::Png;
  png.width = 3;
  png.height = 1;
  png.bits_stored = 8;
  png.stored = {0, 77, 255};
  png.min_stored = 0;
  png.max_stored = 255;
  const Gray8Image shown = render_display(png, DisplayLut(png, default_display(png)));
  EXPECT_EQ(shown.pixels, (std::vector<std::uint8_t>{0, 77, 255})) << "8-bit files are shown as stored";
}

}  // namespace
}  // namespace anatomix::image
