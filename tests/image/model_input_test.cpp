// The engine's 8-bit input, checked against the published VinDr read_xray steps re-done here in
// plain code: VOI (pydicom's apply_windowing with y in 0..2^bits-1), MONOCHROME1 as amax - x,
// min-max stretch, astype(uint8) truncation. 8-bit PNGs pass through unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"
#include "itk_image_writer.h"

namespace anatomix::image {
namespace {

std::vector<std::uint8_t> read_xray_reference(const std::vector<std::int32_t>& stored, double c, double w, int bits,
                                              bool monochrome1) {
  const double y_max = std::pow(2.0, bits) - 1;
  std::vector<double> data;
  for (const std::int32_t x : stored) {
    double y;
    if (x <= c - 0.5 - (w - 1) / 2) y = 0;
    else if (x > c - 0.5 + (w - 1) / 2) y = y_max;
    else y = ((x - (c - 0.5)) / (w - 1) + 0.5) * y_max;
    data.push_back(y);
  }
  if (monochrome1) {
    const double amax = *std::max_element(data.begin(), data.end());
    for (double& v : data) v = amax - v;
  }
  const double amin = *std::min_element(data.begin(), data.end());
  for (double& v : data) v -= amin;
  const double amax = *std::max_element(data.begin(), data.end());
  std::vector<std::uint8_t> out;
  for (double v : data) out.push_back(static_cast<std::uint8_t>(v / amax * 255));
  return out;
}

TEST(ModelInput, DicomFollowsTheVinDrSteps) {
  testing::TempDir dir("model");
  for (bool monochrome1 : {false, true}) {
    testing::DicomSpec spec;
    spec.rows = 20;
    spec.columns = 30;
    spec.bits_stored = 12;
    spec.photometric = monochrome1 ? "MONOCHROME1" : "MONOCHROME2";
    spec.values = testing::ramp_values(spec);
    spec.windows = {{2100, 3001, ""}, {100, 50, ""}};
    const std::string path = dir.file(monochrome1 ? "m1.dcm" : "m2.dcm");
    testing::write_dicom(path, spec);
    const Gray8Image input = load_model_input(path);
    ASSERT_EQ(input.width, 30);
    ASSERT_EQ(input.height, 20);
    EXPECT_EQ(input.pixels, read_xray_reference(spec.values, 2100, 3001, 12, monochrome1)) << spec.photometric;
    // MONOCHROME1 is shown inverted: the smallest stored value becomes white.
    EXPECT_EQ(input.pixels.front(), monochrome1 ? 255 : 0);
  }
}

TEST(ModelInput, NoWindowStretchesModalityValues) {
  testing::TempDir dir("model");
  testing::DicomSpec spec;
  spec.rows = 1;
  spec.columns = 3;
  spec.values = {1000, 1500, 2000};
  const std::string path = dir.file("plain.dcm");
  testing::write_dicom(path, spec);
  EXPECT_EQ(load_model_input(path).pixels, (std::vector<std::uint8_t>{0, 127, 255}));
}

TEST(ModelInput, EightBitPngPassesThroughAndConstantImageIsZero) {
  testing::TempDir dir("model");
  const std::vector<std::uint8_t> pixels = {3, 50, 200, 17};
  const std::string path = dir.file("gray.png");
  testing::write_itk_image(path, 2, 2, pixels);
  EXPECT_EQ(load_model_input(path).pixels, pixels);

  testing::DicomSpec spec;
  spec.rows = 1;
  spec.columns = 2;
  spec.values = {7, 7};
  const std::string flat = dir.file("flat.dcm");
  testing::write_dicom(flat, spec);
  EXPECT_EQ(load_model_input(flat).pixels, (std::vector<std::uint8_t>{0, 0}));
}

TEST(ModelInput, SixteenBitPngIsStretched) {
  testing::TempDir dir("model");
  const std::vector<std::uint16_t> pixels = {1000, 2000, 3000, 1000 + 2000 / 3};
  const std::string path = dir.file("gray16.png");
  testing::write_itk_image(path, 2, 2, pixels);
  // (v - 1000) / 2000 * 255, truncated.
  EXPECT_EQ(load_model_input(path).pixels, (std::vector<std::uint8_t>{0, 127, 255, 84}));
}

#ifdef ANATOMIX_PYTHON
// The same files through pydicom and the published read_xray (vindr_read_xray.py). Two deliberate
// differences are kept out of the comparison: load_model_input applies the rescale before the
// window (DICOM order; read_xray windows raw stored values, so the rescaled file is compared with
// --modality-first), and it sign-extends signed samples narrower than 16 bits, which pydicom 2.3's
// pixel_array does not (so the signed file uses 16 bits stored).
TEST(ModelInput, MatchesPydicomReadXray) {
  if (!std::filesystem::exists(ANATOMIX_PYTHON)) GTEST_SKIP() << "no Python at " << ANATOMIX_PYTHON;
  testing::TempDir dir("pydicom");
  struct Case {
    const char* name;
    const char* photometric;
    bool is_signed;
    bool rescale;
    bool voi_lut;
  };
  for (const Case& c : {Case{"window", "MONOCHROME2", false, false, false}, Case{"mono1", "MONOCHROME1", false, false, false},
                        Case{"rescaled", "MONOCHROME2", false, true, false}, Case{"signed", "MONOCHROME2", true, false, false},
                        Case{"voi_lut", "MONOCHROME1", false, false, true}}) {
    testing::DicomSpec spec;
    spec.rows = 64;
    spec.columns = 80;
    spec.bits_stored = c.is_signed ? 16 : 12;
    spec.is_signed = c.is_signed;
    spec.photometric = c.photometric;
    spec.values = testing::ramp_values(spec);
    spec.windows = {{c.is_signed ? 100.0 : 1900.0, 2501, ""}};
    if (c.rescale) {
      spec.rescale_slope = 0.5;
      spec.rescale_intercept = -20;
      spec.windows = {{900, 1201, ""}};
    }
    if (c.voi_lut) {
      std::vector<std::uint16_t> entries(4096);
      for (std::size_t i = 0; i < entries.size(); ++i) entries[i] = static_cast<std::uint16_t>((i * i) / 4096);
      spec.voi_luts = {testing::LutSpec{0, 12, entries, ""}};
    }
    const std::string input = dir.file(std::string(c.name) + ".dcm");
    const std::string output = dir.file(std::string(c.name) + ".raw");
    testing::write_dicom(input, spec);
    const std::string command =
        std::string(ANATOMIX_PYTHON) + " " + ANATOMIX_VINDR_SCRIPT + " " + input + " " + output +
        (c.rescale ? " --modality-first" : "");
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream in(output, std::ios::binary);
    const std::vector<std::uint8_t> reference((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const Gray8Image ours = load_model_input(input);
    ASSERT_EQ(reference.size(), ours.pixels.size()) << c.name;
    int mismatches = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) mismatches += reference[i] != ours.pixels[i];
    EXPECT_EQ(mismatches, 0) << c.name;
  }
}
#endif

}  // namespace
}  // namespace anatomix::image
