// The decoding matrix: every photometric interpretation, bit depth, sign and transfer syntax is
// written with DCMTK (JPEG 2000 with OpenJPEG), decoded, and compared with what was written:
// stored values exactly (lossy JPEG within a stated tolerance) and display values exactly against
// the DICOM LINEAR window formula evaluated here.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"

namespace anatomix::image {
namespace {

using testing::DicomSpec;
using testing::Syntax;

struct MatrixCase {
  std::string photometric;
  int bits_allocated;
  int bits_stored;
  int high_bit;  // -1: bits_stored - 1
  bool is_signed;
  Syntax syntax;
  int tolerance = 0;  // largest allowed |decoded - written| (lossy syntaxes only)
};

std::string case_name_of(const MatrixCase& c) {
  std::string name = c.photometric + "_" + std::to_string(c.bits_allocated) + "a" + std::to_string(c.bits_stored) +
                     "s" + (c.high_bit >= 0 ? "h" + std::to_string(c.high_bit) : "") +
                     (c.is_signed ? "_signed_" : "_unsigned_") + testing::syntax_name(c.syntax);
  return name;
}

std::string case_name(const ::testing::TestParamInfo<MatrixCase>& info) { return case_name_of(info.param); }

// PS3.3 C.11.2.1.2.1 written out independently of the library, output 0..255 rounded.
int expected_linear(double x, double c, double w) {
  double y;
  if (x <= c - 0.5 - (w - 1) / 2) y = 0;
  else if (x > c - 0.5 + (w - 1) / 2) y = 255;
  else y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
  return static_cast<int>(std::floor(y + 0.5));
}

std::string expected_transfer_syntax(const MatrixCase& c) {
  switch (c.syntax) {
    case Syntax::ImplicitLittle: return "1.2.840.10008.1.2";
    case Syntax::ExplicitLittle: return "1.2.840.10008.1.2.1";
    case Syntax::ExplicitBig: return "1.2.840.10008.1.2.2";
    case Syntax::Deflated: return "1.2.840.10008.1.2.1.99";
    case Syntax::Rle: return "1.2.840.10008.1.2.5";
    case Syntax::JpegLossless: return "1.2.840.10008.1.2.4.70";
    case Syntax::JpegBaseline: return c.bits_stored <= 8 ? "1.2.840.10008.1.2.4.50" : "1.2.840.10008.1.2.4.51";
    case Syntax::JpegLsLossless: return "1.2.840.10008.1.2.4.80";
    case Syntax::Jpeg2000Lossless: return "1.2.840.10008.1.2.4.90";
  }
  return {};
}

class DecodeMatrix : public ::testing::TestWithParam<MatrixCase> {};

TEST_P(DecodeMatrix, StoredAndDisplayValuesMatchWhatWasWritten) {
  const MatrixCase& param = GetParam();
  testing::TempDir dir("matrix");
  DicomSpec spec;
  spec.rows = 12;
  spec.columns = 16;
  spec.photometric = param.photometric;
  spec.bits_allocated = param.bits_allocated;
  spec.bits_stored = param.bits_stored;
  spec.high_bit = param.high_bit;
  spec.is_signed = param.is_signed;
  spec.syntax = param.syntax;
  spec.values = testing::ramp_values(spec);
  const double low = spec.values.front();
  const double high = spec.values.back();
  // One window over the middle half of the range, one over everything.
  const double center = std::floor((low + high) / 2);
  const double width = std::floor((high - low) / 2);
  spec.windows = {{center, width, "MIDDLE"}, {(low + high + 1) / 2, high - low + 1, "FULL"}};
  const std::string path = dir.file("image.dcm");
  testing::write_dicom(path, spec);

  const DecodedImage image = decode_image(path);
  ASSERT_EQ(image.width, spec.columns);
  ASSERT_EQ(image.height, spec.rows);
  ASSERT_EQ(image.stored.size(), spec.values.size());
  EXPECT_EQ(image.monochrome1, param.photometric == "MONOCHROME1");
  EXPECT_EQ(image.pixel_signed, param.is_signed);
  EXPECT_EQ(image.bits_stored, param.bits_stored);
  int worst = 0;
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    worst = std::max(worst, std::abs(image.stored[i] - spec.values[i]));
  }
  EXPECT_LE(worst, param.tolerance) << "largest stored value difference";
  EXPECT_EQ(image.instance.transfer_syntax_uid, expected_transfer_syntax(param)) << "the file was not written as asked";
  if (param.tolerance > 0) std::printf("lossy %s: largest difference %d\n", case_name_of(param).c_str(), worst);
  if (param.tolerance == 0) {
    EXPECT_EQ(image.min_stored, spec.values.front());
    EXPECT_EQ(image.max_stored, spec.values.back());
  }
  ASSERT_EQ(image.file_windows.size(), 2u);
  EXPECT_EQ(image.file_windows[0].explanation, "MIDDLE");
  EXPECT_EQ(image.modality.kind, ModalityTransform::Kind::Identity);

  // Display through the first window; MONOCHROME1 inverts after the VOI step.
  const DisplaySettings settings = default_display(image);
  ASSERT_EQ(settings.voi.kind, VoiSelection::Kind::Window);
  EXPECT_EQ(settings.voi.window.center, center);
  const DisplayLut lut(image, settings);
  const Gray8Image display = render_display(image, lut);
  int display_mismatches = 0;
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    int expected = expected_linear(image.stored[i], center, width);
    if (image.monochrome1) expected = 255 - expected;
    if (display.pixels[i] != expected) ++display_mismatches;
  }
  EXPECT_EQ(display_mismatches, 0);
}

std::vector<MatrixCase> all_cases() {
  std::vector<MatrixCase> cases;
  // Photometric x depth x sign, native explicit little endian, including a shifted high bit.
  for (const char* photometric : {"MONOCHROME1", "MONOCHROME2"}) {
    for (bool is_signed : {false, true}) {
      cases.push_back({photometric, 8, 8, -1, is_signed, Syntax::ExplicitLittle});
      cases.push_back({photometric, 8, 6, -1, is_signed, Syntax::ExplicitLittle});
      cases.push_back({photometric, 16, 10, 13, is_signed, Syntax::ExplicitLittle});
      cases.push_back({photometric, 16, 12, -1, is_signed, Syntax::ExplicitLittle});
      cases.push_back({photometric, 16, 14, -1, is_signed, Syntax::ExplicitLittle});
      cases.push_back({photometric, 16, 16, -1, is_signed, Syntax::ExplicitLittle});
    }
  }
  // Transfer syntaxes at 8, 12 and 16 bits.
  for (Syntax syntax : {Syntax::ImplicitLittle, Syntax::ExplicitBig, Syntax::Deflated, Syntax::Rle,
                        Syntax::JpegLossless, Syntax::JpegLsLossless, Syntax::Jpeg2000Lossless}) {
    cases.push_back({"MONOCHROME2", 8, 8, -1, false, syntax});
    cases.push_back({"MONOCHROME2", 16, 12, -1, false, syntax});
    cases.push_back({"MONOCHROME2", 16, 16, -1, false, syntax});
    cases.push_back({"MONOCHROME1", 16, 12, -1, false, syntax});
  }
  for (Syntax syntax : {Syntax::ImplicitLittle, Syntax::Deflated, Syntax::Rle, Syntax::Jpeg2000Lossless}) {
    cases.push_back({"MONOCHROME2", 16, 12, -1, true, syntax});
    cases.push_back({"MONOCHROME2", 16, 16, -1, true, syntax});
  }
  // Lossy JPEG: a smooth ramp at quality 95 stays within a few grey levels.
  cases.push_back({"MONOCHROME2", 8, 8, -1, false, Syntax::JpegBaseline, 4});
  cases.push_back({"MONOCHROME2", 16, 12, -1, false, Syntax::JpegBaseline, 16});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Matrix, DecodeMatrix, ::testing::ValuesIn(all_cases()), case_name);

// Secondary Capture RGB (interleaved and planar) becomes gray with PIL's luma weights, with a note.
TEST(DecodeColor, RgbSecondaryCaptureBecomesGrayWithNote) {
  testing::TempDir dir("rgb");
  for (int planar : {0, 1}) {
    DicomSpec spec;
    spec.rows = 2;
    spec.columns = 3;
    spec.bits_allocated = 8;
    spec.bits_stored = 8;
    spec.photometric = "RGB";
    spec.samples_per_pixel = 3;
    spec.planar_configuration = planar;
    spec.sop_class_uid = "1.2.840.10008.5.1.4.1.1.7";
    spec.modality = "OT";
    const int rgb[6][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {10, 20, 30}, {255, 255, 255}, {0, 0, 0}};
    for (int c = 0; c < 3; ++c)
      for (int i = 0; i < 6; ++i) spec.values.push_back(0);
    for (int i = 0; i < 6; ++i)
      for (int c = 0; c < 3; ++c) {
        const std::size_t index = planar ? static_cast<std::size_t>(c * 6 + i) : static_cast<std::size_t>(i * 3 + c);
        spec.values[index] = rgb[i][c];
      }
    const std::string path = dir.file("rgb" + std::to_string(planar) + ".dcm");
    testing::write_dicom(path, spec);
    const DecodedImage image = decode_image(path);
    ASSERT_EQ(image.stored.size(), 6u);
    for (int i = 0; i < 6; ++i) {
      const int expected = (rgb[i][0] * 19595 + rgb[i][1] * 38470 + rgb[i][2] * 7471 + 0x8000) >> 16;
      EXPECT_EQ(image.stored[static_cast<std::size_t>(i)], expected) << "pixel " << i << " planar " << planar;
    }
    ASSERT_FALSE(image.notes.empty());
    EXPECT_NE(image.notes.back().find("converted to gray"), std::string::npos);
  }
}

// A dataset written without preamble and meta header (older modalities do this) still decodes.
TEST(DecodeRaw, DatasetWithoutFileMetaHeader) {
  testing::TempDir dir("raw");
  DicomSpec spec;
  spec.values = testing::ramp_values(spec);
  spec.syntax = Syntax::ImplicitLittle;
  spec.raw_dataset = true;
  const std::string path = dir.file("raw_dataset");
  testing::write_dicom(path, spec);
  EXPECT_TRUE(looks_like_dicom(path));
  const DecodedImage image = decode_image(path);
  EXPECT_EQ(image.stored, spec.values);
  EXPECT_EQ(image.instance.rows, spec.rows);
}

// Eight-bit secondary captures without a window are shown as stored.
TEST(DecodeColor, EightBitWithoutWindowShownAsStored) {
  testing::TempDir dir("sc8");
  DicomSpec spec;
  spec.bits_allocated = 8;
  spec.bits_stored = 8;
  spec.sop_class_uid = "1.2.840.10008.5.1.4.1.1.7";
  spec.values = {0, 1, 2, 100, 200, 255, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  const std::string path = dir.file("sc8.dcm");
  testing::write_dicom(path, spec);
  const DecodedImage image = decode_image(path);
  const Gray8Image shown = render_display(image, DisplayLut(image, default_display(image)));
  EXPECT_EQ(std::vector<std::int32_t>(shown.pixels.begin(), shown.pixels.end()), spec.values);
}

// Only the first frame of a multi-frame object is decoded, with a note.
TEST(DecodeFrames, FirstFrameOfMultiFrame) {
  testing::TempDir dir("frames");
  DicomSpec spec;
  spec.rows = 3;
  spec.columns = 4;
  spec.number_of_frames = 2;
  spec.sop_class_uid = "1.2.840.10008.5.1.4.1.1.7";
  for (int i = 0; i < 24; ++i) spec.values.push_back(i * 100);
  const std::string path = dir.file("frames.dcm");
  testing::write_dicom(path, spec);
  const DecodedImage image = decode_image(path);
  ASSERT_EQ(image.stored.size(), 12u);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(image.stored[static_cast<std::size_t>(i)], i * 100);
  EXPECT_EQ(image.instance.number_of_frames, 2);
}

// Progress goes from 0 to 1 and a set cancel flag stops decoding with DecodeCancelled.
TEST(DecodeControl, ProgressAndCancel) {
  testing::TempDir dir("control");
  DicomSpec spec;
  spec.rows = 300;
  spec.columns = 200;
  spec.values = testing::ramp_values(spec);
  const std::string path = dir.file("p.dcm");
  testing::write_dicom(path, spec);
  std::vector<float> reported;
  DecodeOptions options;
  options.progress = [&reported](float fraction) { reported.push_back(fraction); };
  decode_image(path, options);
  ASSERT_GE(reported.size(), 2u);
  EXPECT_EQ(reported.front(), 0.0f);
  EXPECT_EQ(reported.back(), 1.0f);
  EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));

  std::atomic<bool> cancel{true};
  DecodeOptions cancelled;
  cancelled.cancel = &cancel;
  EXPECT_THROW(decode_image(path, cancelled), DecodeCancelled);
}

// Several threads decode at once (the viewer's worker pool, the CLI): no global lock, no races
// in codec registration, identical results.
TEST(DecodeControl, ConcurrentDecodesAgree) {
  testing::TempDir dir("threads");
  std::vector<std::string> paths;
  DicomSpec spec;
  spec.rows = 120;
  spec.columns = 90;
  spec.bits_stored = 12;
  spec.values = testing::ramp_values(spec);
  for (Syntax syntax : {Syntax::ExplicitLittle, Syntax::JpegLossless, Syntax::JpegLsLossless, Syntax::Rle,
                        Syntax::Jpeg2000Lossless, Syntax::Deflated}) {
    spec.syntax = syntax;
    paths.push_back(dir.file(std::string(testing::syntax_name(syntax)) + ".dcm"));
    testing::write_dicom(paths.back(), spec);
  }
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        const DecodedImage image = decode_image(paths[static_cast<std::size_t>((t + round) % 6)]);
        if (image.stored != spec.values) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace anatomix::image
