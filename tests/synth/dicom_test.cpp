// The DICOM files: readable by DCMTK with the DX For Presentation attributes the manifest promises,
// pixels equal to the rendered image (also through JPEG lossless and MONOCHROME1), and the
// independent validator dciodvfy (dicom3tools) reports no error.
#include <gtest/gtest.h>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmjpeg/djdecode.h>

#include <array>
#include <cstdio>
#include <memory>

#include "synth/study_generator.h"
#include "test_support.h"

namespace anatomix::synth {
namespace {

std::string attribute(DcmDataset& ds, const DcmTagKey& tag, int index = 0) {
  OFString value;
  if (ds.findAndGetOFString(tag, value, index).bad()) return "<missing>";
  return value.c_str();
}

struct Case {
  bool monochrome1;
  bool jpeg;
  bool flipped;
  bool ap;
};

class DicomFiles : public ::testing::TestWithParam<Case> {
 protected:
  static void SetUpTestSuite() { DJDecoderRegistration::registerCodecs(); }
};

TEST_P(DicomFiles, CarryTheDxAttributesAndTheRenderedPixels) {
  const Case c = GetParam();
  test::TempFolder folder("dicom");
  GeneratorOptions options;
  options.seed = 99;
  options.size = 384;
  CaseOverrides overrides;
  overrides.monochrome1 = c.monochrome1;
  overrides.jpeg_lossless = c.jpeg;
  overrides.flipped = c.flipped;
  overrides.ap_view = c.ap;
  overrides.findings = std::vector<FindingKind>{FindingKind::kPleuralEffusion, FindingKind::kPacemaker};
  const Study study = generate_study(options, 3, overrides);
  const auto [dicom_path, manifest_path] = write_study(study, folder.path().string());
  const auto manifest = test::read_json(manifest_path);

  DcmFileFormat file;
  ASSERT_TRUE(file.loadFile(dicom_path.c_str()).good()) << dicom_path;
  DcmDataset& ds = *file.getDataset();
  EXPECT_EQ(attribute(ds, DCM_SOPClassUID), UID_DigitalXRayImageStorageForPresentation);
  EXPECT_EQ(attribute(ds, DCM_Modality), "DX");
  EXPECT_EQ(attribute(ds, DCM_PresentationIntentType), "FOR PRESENTATION");
  EXPECT_EQ(attribute(ds, DCM_BurnedInAnnotation), "NO");
  EXPECT_EQ(attribute(ds, DCM_BodyPartExamined), "CHEST");
  EXPECT_EQ(attribute(ds, DCM_ViewPosition), c.ap ? "AP" : "PA");
  EXPECT_EQ(attribute(ds, DCM_PatientOrientation, 0), c.flipped ? "R" : "L");
  EXPECT_EQ(attribute(ds, DCM_PatientOrientation, 1), "F");
  EXPECT_EQ(manifest["orientation"]["patient_orientation"], c.flipped ? "R\\F" : "L\\F");
  EXPECT_EQ(attribute(ds, DCM_PhotometricInterpretation), c.monochrome1 ? "MONOCHROME1" : "MONOCHROME2");
  EXPECT_EQ(attribute(ds, DCM_PresentationLUTShape), c.monochrome1 ? "INVERSE" : "IDENTITY");
  EXPECT_EQ(manifest["image"]["photometric"], attribute(ds, DCM_PhotometricInterpretation));
  Uint16 rows = 0, columns = 0, bits_allocated = 0, bits_stored = 0, high_bit = 0;
  ds.findAndGetUint16(DCM_Rows, rows);
  ds.findAndGetUint16(DCM_Columns, columns);
  ds.findAndGetUint16(DCM_BitsAllocated, bits_allocated);
  ds.findAndGetUint16(DCM_BitsStored, bits_stored);
  ds.findAndGetUint16(DCM_HighBit, high_bit);
  EXPECT_EQ(rows, manifest["image"]["height"].get<int>());
  EXPECT_EQ(columns, manifest["image"]["width"].get<int>());
  EXPECT_EQ(bits_allocated, 16);
  EXPECT_TRUE(bits_stored >= 12 && bits_stored <= 16) << bits_stored;
  EXPECT_EQ(high_bit, bits_stored - 1);
  Float64 spacing = 0, imager = 0;
  ASSERT_TRUE(ds.findAndGetFloat64(DCM_PixelSpacing, spacing).good());
  ASSERT_TRUE(ds.findAndGetFloat64(DCM_ImagerPixelSpacing, imager).good());
  EXPECT_NEAR(spacing, manifest["image"]["pixel_spacing_mm"].get<double>(), 1e-4);
  EXPECT_NEAR(imager, manifest["image"]["imager_pixel_spacing_mm"].get<double>(), 1e-4);
  EXPECT_GT(imager, spacing);  // the detector sees the patient magnified
  EXPECT_GT(spacing * rows, 300.0);  // a chest field of view: 30 to 60 cm tall
  EXPECT_LT(spacing * rows, 600.0);
  Float64 center = 0, width = 0;
  EXPECT_TRUE(ds.findAndGetFloat64(DCM_WindowCenter, center).good());
  EXPECT_TRUE(ds.findAndGetFloat64(DCM_WindowWidth, width).good());
  EXPECT_GT(width, 0);
  EXPECT_EQ(file.getDataset()->getOriginalXfer(), c.jpeg ? EXS_JPEGProcess14SV1 : EXS_LittleEndianExplicit);

  // Decode (JPEG lossless must round-trip exactly) and compare with the rendered image.
  ASSERT_TRUE(ds.chooseRepresentation(EXS_LittleEndianExplicit, nullptr).good());
  const Uint16* pixels = nullptr;
  unsigned long count = 0;
  ASSERT_TRUE(ds.findAndGetUint16Array(DCM_PixelData, pixels, &count).good());
  ASSERT_EQ(count, study.image.pixels.size());
  const std::uint16_t max_value = std::uint16_t((1u << bits_stored) - 1);
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint16_t expected = c.monochrome1 ? std::uint16_t(max_value - study.image.pixels[i]) : study.image.pixels[i];
    mismatches += pixels[i] != expected;
  }
  EXPECT_EQ(mismatches, 0u);

  // dicom3tools' dciodvfy checks the object against the DX IOD independently of DCMTK.
  const std::string validator = ANATOMIX_DCIODVFY;
  if (validator.empty() || validator.find("NOTFOUND") != std::string::npos)
    GTEST_SKIP() << "dciodvfy (Debian package dicom3tools) not found";
  const std::string command = "'" + validator + "' '" + dicom_path + "' 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  ASSERT_TRUE(pipe) << command;
  std::string output;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), int(buffer.size()), pipe.get())) output += buffer.data();
  EXPECT_EQ(output.find("Error"), std::string::npos) << output;
  EXPECT_NE(output.find("DXImageForPresentation"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(Variants, DicomFiles,
                         ::testing::Values(Case{false, false, false, false}, Case{true, false, true, true},
                                           Case{false, true, false, true}, Case{true, true, true, false}));

TEST(DicomWriter, UnwritablePathIsAnErrorNamingTheFile) {
  GeneratorOptions options;
  options.size = 256;
  const Study study = generate_study(options, 0);
  try {
    write_study(study, "/nonexistent_dir_for_anatomix/sub");
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent_dir_for_anatomix/sub"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace anatomix::synth
