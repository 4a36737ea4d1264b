// Modality LUT (rescale and LUT sequence), VOI (window presets, VOI LUT Function, VOI LUT
// Sequence), Presentation LUT Shape and MONOCHROME1, pixel spacing and the header attributes, each
// written with DCMTK and checked exactly.
#include <gtest/gtest.h>

#include <cmath>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"

namespace anatomix::image {
namespace {

using testing::DicomSpec;
using testing::LutSpec;

DicomSpec small_spec(std::vector<std::int32_t> values, int bits_stored = 12, bool is_signed = false) {
  DicomSpec spec;
  spec.rows = 1;
  spec.columns = static_cast<int>(values.size());
  spec.bits_stored = bits_stored;
  spec.is_signed = is_signed;
  spec.values = std::move(values);
  return spec;
}

DecodedImage write_and_decode(const DicomSpec& spec, const std::string& name) {
  static testing::TempDir dir("transforms");
  const std::string path = dir.file(name + ".dcm");
  testing::write_dicom(path, spec);
  return decode_image(path);
}

std::vector<int> display_of(const DecodedImage& image, const DisplaySettings& settings) {
  const Gray8Image display = render_display(image, DisplayLut(image, settings));
  return std::vector<int>(display.pixels.begin(), display.pixels.end());
}

TEST(ModalityTransform, RescaleSlopeAndIntercept) {
  DicomSpec spec = small_spec({0, 1, 100, 4095});
  spec.rescale_slope = 2.5;
  spec.rescale_intercept = -1024;
  const DecodedImage image = write_and_decode(spec, "rescale");
  ASSERT_EQ(image.modality.kind, ModalityTransform::Kind::Rescale);
  EXPECT_EQ(image.modality_value_at(0, 0), -1024.0);
  EXPECT_EQ(image.modality_value_at(1, 0), -1021.5);
  EXPECT_EQ(image.modality_value_at(2, 0), -774.0);
  EXPECT_EQ(image.modality_value_at(3, 0), 4095 * 2.5 - 1024);
  EXPECT_EQ(image.min_modality(), -1024.0);
  EXPECT_EQ(image.max_modality(), 4095 * 2.5 - 1024);
  // Window 256 wide centred at -900 in modality units: y = clamp(m + 900 + 128).
  DisplaySettings settings;
  settings.voi.window = Window{-900, 256, VoiFunction::Linear, ""};
  EXPECT_EQ(display_of(image, settings), (std::vector<int>{4, 7, 254, 255}));
}

TEST(ModalityTransform, ZeroSlopeIsIgnoredWithNote) {
  DicomSpec spec = small_spec({5, 6});
  spec.rescale_slope = 0;
  const DecodedImage image = write_and_decode(spec, "zero_slope");
  EXPECT_EQ(image.modality.kind, ModalityTransform::Kind::Identity);
  EXPECT_EQ(image.modality_value_at(1, 0), 6.0);
  bool noted = false;
  for (const std::string& note : image.notes) noted |= note.find("Rescale Slope") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(ModalityTransform, LutSequenceWithClampingOutsideTheTable) {
  // Stored 10..13 map through entries; below 10 takes the first entry, above 13 the last.
  DicomSpec spec = small_spec({0, 10, 11, 12, 13, 4000});
  spec.modality_lut = LutSpec{10, 16, {1000, 2000, 3000, 40000}, "test LUT"};
  const DecodedImage image = write_and_decode(spec, "modality_lut");
  ASSERT_EQ(image.modality.kind, ModalityTransform::Kind::Lut);
  const std::vector<double> expected = {1000, 1000, 2000, 3000, 40000, 40000};
  for (int x = 0; x < 6; ++x) EXPECT_EQ(image.modality_value_at(x, 0), expected[static_cast<std::size_t>(x)]) << x;
  EXPECT_EQ(image.min_modality(), 1000.0);
  EXPECT_EQ(image.max_modality(), 40000.0);
}

TEST(ModalityTransform, SignedPixelsWithSignedLutDescriptor) {
  DicomSpec spec = small_spec({-3, -2, 0, 2}, 12, true);
  LutSpec lut{-2, 16, {7, 8, 9, 10, 11}, ""};
  lut.signed_descriptor = true;
  spec.modality_lut = lut;
  const DecodedImage image = write_and_decode(spec, "signed_lut");
  EXPECT_EQ(image.modality.lut.first_mapped, -2);
  const std::vector<double> expected = {7, 7, 9, 11};
  for (int x = 0; x < 4; ++x) EXPECT_EQ(image.modality_value_at(x, 0), expected[static_cast<std::size_t>(x)]) << x;
}

TEST(VoiWindows, AllFilePresetsWithExplanationsAndDefault) {
  DicomSpec spec = small_spec({0, 1000, 2000, 4095});
  spec.windows = {{2000, 4000, "NORMAL"}, {1000, 500, "HARDER"}, {3000, 2000, ""}};
  const DecodedImage image = write_and_decode(spec, "presets");
  ASSERT_EQ(image.file_windows.size(), 3u);
  EXPECT_EQ(default_window(image).center, 2000);
  EXPECT_EQ(default_window(image).width, 4000);
  const std::vector<WindowPreset> presets = window_presets(image);
  ASSERT_GE(presets.size(), 8u);
  EXPECT_EQ(presets[0].name, "NORMAL");
  EXPECT_EQ(presets[1].name, "HARDER");
  EXPECT_EQ(presets[2].name, "Window 3 (file)");
  EXPECT_EQ(presets[1].voi.window.width, 500);
  EXPECT_EQ(presets[0].origin, PresetOrigin::File);
  std::vector<std::string> rest;
  for (std::size_t i = 3; i < presets.size(); ++i) rest.push_back(presets[i].name);
  EXPECT_EQ(rest, (std::vector<std::string>{"Auto", "Full range", "Lung", "Mediastinum", "Bone"}));
}

TEST(VoiWindows, VoiLutFunctionLinearExactAndSigmoid) {
  DicomSpec spec = small_spec({0, 100, 227, 228, 4095});
  spec.windows = {{100, 255, ""}};
  spec.voi_function = "LINEAR_EXACT";
  const DecodedImage exact = write_and_decode(spec, "linear_exact");
  ASSERT_EQ(exact.file_windows.at(0).function, VoiFunction::LinearExact);
  // y = ((x - 100) / 255 + 0.5) * 255 = x - 100 + 127.5; x <= -27.5 -> 0 (x = 0 gives 27.5 -> 28); x > 227.5 -> 255.
  EXPECT_EQ(display_of(exact, default_display(exact)), (std::vector<int>{28, 128, 255, 255, 255}));

  spec.voi_function = "SIGMOID";
  const DecodedImage sigmoid = write_and_decode(spec, "sigmoid");
  ASSERT_EQ(sigmoid.file_windows.at(0).function, VoiFunction::Sigmoid);
  // At the centre the sigmoid gives half of 255 (127.5 rounds to 128); far away it saturates.
  const std::vector<int> values = display_of(sigmoid, default_display(sigmoid));
  EXPECT_EQ(values[1], 128);
  EXPECT_EQ(values[4], 255);
  EXPECT_EQ(values[0], static_cast<int>(std::floor(255.0 / (1.0 + std::exp(4.0 * 100 / 255)) + 0.5)));
}

TEST(VoiLuts, SequenceEntriesScaledToEightBitsAndSelectable) {
  DicomSpec spec = small_spec({0, 1, 2, 3, 9});
  // 16-bit entries that are multiples of 257 scale exactly to 8 bits; 8-bit entries map 1:1.
  spec.voi_luts = {LutSpec{0, 16, {0, 257 * 10, 257 * 200, 65535}, "SIXTEEN"},
                   LutSpec{1, 8, {5, 6, 7}, "EIGHT"}};
  const DecodedImage image = write_and_decode(spec, "voi_lut");
  ASSERT_EQ(image.voi_luts.size(), 2u);
  const DisplaySettings settings = default_display(image);
  ASSERT_EQ(settings.voi.kind, VoiSelection::Kind::Lut);
  EXPECT_EQ(display_of(image, settings), (std::vector<int>{0, 10, 200, 255, 255}));
  DisplaySettings second = settings;
  second.voi.lut_index = 1;
  EXPECT_EQ(display_of(image, second), (std::vector<int>{5, 5, 6, 7, 7}));
  const std::vector<WindowPreset> presets = window_presets(image);
  EXPECT_EQ(presets[0].name, "VOI LUT 1: SIXTEEN");
  EXPECT_EQ(presets[1].name, "VOI LUT 2: EIGHT");
  second.voi.lut_index = 2;
  EXPECT_THROW(DisplayLut(image, second), ImageError);
}

// A Presentation LUT Shape decides polarity on its own; without one MONOCHROME1 inverts (as dcmj2pnm).
TEST(Presentation, ShapeAndMonochrome1InvertAfterVoi) {
  // Window 256 wide at 1000: y = clamp(x - 872).
  const std::vector<std::int32_t> values = {800, 900, 1000, 1200};
  const std::vector<int> plain = {0, 28, 128, 255};
  std::vector<int> inverted;
  for (int v : plain) inverted.push_back(255 - v);
  struct Case {
    const char* photometric;
    const char* shape;
    bool inverts;
  };
  for (const Case& c : {Case{"MONOCHROME2", "", false}, Case{"MONOCHROME2", "IDENTITY", false},
                        Case{"MONOCHROME2", "INVERSE", true}, Case{"MONOCHROME1", "", true},
                        Case{"MONOCHROME1", "INVERSE", true}, Case{"MONOCHROME1", "IDENTITY", false}}) {
    DicomSpec spec = small_spec(values);
    spec.photometric = c.photometric;
    spec.presentation_shape = c.shape;
    spec.windows = {{1000, 256, ""}};
    const DecodedImage image = write_and_decode(spec, std::string(c.photometric) + c.shape);
    DisplaySettings settings = default_display(image);
    EXPECT_EQ(display_of(image, settings), c.inverts ? inverted : plain) << c.photometric << " " << c.shape;
    settings.invert = true;
    EXPECT_EQ(display_of(image, settings), c.inverts ? plain : inverted) << c.photometric << " " << c.shape;
  }
}

TEST(Geometry, PixelSpacingImagerSpacingAndUnknown) {
  DicomSpec spec = small_spec({1, 2});
  spec.pixel_spacing = "0.2\\0.3";
  spec.imager_pixel_spacing = "0.15\\0.15";
  DecodedImage image = write_and_decode(spec, "spacing");
  EXPECT_EQ(image.instance.spacing.source, PixelSpacing::Source::PixelSpacing);
  EXPECT_DOUBLE_EQ(image.instance.spacing.row_mm, 0.2);
  EXPECT_DOUBLE_EQ(image.instance.spacing.column_mm, 0.3);
  EXPECT_EQ(image.instance.spacing.describe(), "0.200 x 0.300 mm (Pixel Spacing)");
  EXPECT_FALSE(image.instance.spacing.at_detector());

  // PS3.3 10.7.1.3: Pixel Spacing equal to Imager Pixel Spacing, with no calibration type, is at the
  // detector (not corrected for magnification).
  spec.pixel_spacing = "0.15\\0.15";
  image = write_and_decode(spec, "uncalibrated_spacing");
  EXPECT_EQ(image.instance.spacing.source, PixelSpacing::Source::PixelSpacing);
  EXPECT_TRUE(image.instance.spacing.equals_imager_spacing);
  EXPECT_TRUE(image.instance.spacing.at_detector());
  EXPECT_EQ(image.instance.spacing.describe(), "0.150 x 0.150 mm (Pixel Spacing, at detector)");

  spec.pixel_spacing = "0\\0";
  image = write_and_decode(spec, "zero_spacing");
  EXPECT_EQ(image.instance.spacing.source, PixelSpacing::Source::ImagerPixelSpacing);
  EXPECT_DOUBLE_EQ(image.instance.spacing.row_mm, 0.15);

  spec.imager_pixel_spacing = "";
  image = write_and_decode(spec, "no_spacing");
  EXPECT_FALSE(image.instance.spacing.known());
  EXPECT_EQ(image.instance.spacing.describe(), "unknown spacing");
  bool noted = false;
  for (const std::string& note : image.notes) noted |= note.find("unknown spacing") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(Attributes, StudyBrowserAndOrientationAttributes) {
  DicomSpec spec = small_spec({1, 2, 3});
  spec.image_laterality = "L";
  spec.view_position = "AP";
  spec.patient_orientation = "R\\F";
  spec.series_number = 7;
  spec.instance_number = 3;
  const DecodedImage image = write_and_decode(spec, "attributes");
  EXPECT_EQ(image.patient.name, "Test^Patient");
  EXPECT_EQ(image.patient.id, "P1");
  EXPECT_EQ(image.patient.birth_date, "19700101");
  EXPECT_EQ(image.patient.sex, "F");
  EXPECT_EQ(image.study.instance_uid, spec.study_uid);
  EXPECT_EQ(image.study.date, "20240102");
  EXPECT_EQ(image.study.time, "101500");
  EXPECT_EQ(image.study.description, "Chest");
  EXPECT_EQ(image.study.accession_number, "ACC1");
  EXPECT_EQ(image.series.instance_uid, spec.series_uid);
  EXPECT_EQ(image.series.number, 7);
  EXPECT_EQ(image.series.modality, "DX");
  EXPECT_EQ(image.series.description, "PA");
  EXPECT_EQ(image.instance.instance_number, 3);
  EXPECT_EQ(image.instance.sop_class_uid, "1.2.840.10008.5.1.4.1.1.1.1");
  EXPECT_NE(image.instance.sop_class_name.find("Digital X Ray Image Storage"), std::string::npos);
  EXPECT_EQ(image.instance.sop_instance_uid, spec.sop_instance_uid);
  EXPECT_EQ(image.instance.rows, 1);
  EXPECT_EQ(image.instance.columns, 3);
  EXPECT_EQ(image.instance.patient_orientation_row, "R");
  EXPECT_EQ(image.instance.patient_orientation_column, "F");
  EXPECT_EQ(image.instance.view_position, "AP");
  EXPECT_EQ(image.instance.image_laterality, "L");
}

}  // namespace
}  // namespace anatomix::image
