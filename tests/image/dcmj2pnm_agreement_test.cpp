// The display pipeline against DCMTK's own dcmj2pnm (the reference viewer pipeline): the same
// files rendered with the same VOI choice must agree within one grey level (rounding).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"

namespace anatomix::image {
namespace {

#ifdef ANATOMIX_DCMJ2PNM
constexpr const char* kDcmj2pnm = ANATOMIX_DCMJ2PNM;
#else
constexpr const char* kDcmj2pnm = nullptr;
#endif

// Reads a binary 8-bit PGM ("P5").
std::vector<std::uint8_t> read_pgm(const std::string& path, int& width, int& height) {
  std::ifstream in(path, std::ios::binary);
  std::string magic;
  int max_value = 0;
  in >> magic >> width >> height >> max_value;
  in.get();
  if (magic != "P5" || max_value != 255) return {};
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height);
  in.read(reinterpret_cast<char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
  return pixels;
}

struct AgreementCase {
  std::string name;
  std::string photometric = "MONOCHROME2";
  std::string shape;
  std::string voi_function;
  bool use_voi_lut = false;
  bool rescale = false;
  bool is_signed = false;
};

class Dcmj2pnmAgreement : public ::testing::TestWithParam<AgreementCase> {};

TEST_P(Dcmj2pnmAgreement, SameDisplayWithinOneGreyLevel) {
  if (kDcmj2pnm == nullptr) GTEST_SKIP() << "dcmj2pnm not installed";
  const AgreementCase& c = GetParam();
  testing::TempDir dir("dcmj2pnm");
  testing::DicomSpec spec;
  spec.rows = 32;
  spec.columns = 40;
  spec.bits_stored = 12;
  spec.is_signed = c.is_signed;
  spec.photometric = c.photometric;
  spec.presentation_shape = c.shape;
  spec.voi_function = c.voi_function;
  spec.values = testing::ramp_values(spec);
  if (c.rescale) {
    spec.rescale_slope = 2;
    spec.rescale_intercept = -1000;
  }
  const double center = c.rescale ? 2000 : (c.is_signed ? 100 : 2000);
  spec.windows = {{center, 1500, "W"}};
  if (c.use_voi_lut) {
    std::vector<std::uint16_t> entries(4096);
    for (std::size_t i = 0; i < entries.size(); ++i) entries[i] = static_cast<std::uint16_t>((i * i) / 4096);
    spec.voi_luts = {testing::LutSpec{c.is_signed ? -2048 : 0, 12, entries, "curve"}};
    spec.voi_luts[0].signed_descriptor = c.is_signed;
    spec.windows.clear();
  }
  const std::string input = dir.file("in.dcm");
  const std::string output = dir.file("out.pgm");
  testing::write_dicom(input, spec);
  const std::string command = std::string(kDcmj2pnm) + (c.use_voi_lut ? " +Wl 1 " : " +Wi 1 ") + input + " " + output;
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  int width = 0, height = 0;
  const std::vector<std::uint8_t> reference = read_pgm(output, width, height);
  ASSERT_EQ(width, 40);
  ASSERT_EQ(height, 32);

  const DecodedImage image = decode_image(input);
  const Gray8Image ours = render_display(image, DisplayLut(image, default_display(image)));
  int worst = 0;
  for (std::size_t i = 0; i < reference.size(); ++i) worst = std::max(worst, std::abs(ours.pixels[i] - reference[i]));
  EXPECT_LE(worst, 1) << c.name;
}

AgreementCase make_case(std::string name, std::string photometric, std::string shape = "",
                        std::string voi_function = "") {
  AgreementCase c;
  c.name = std::move(name);
  c.photometric = std::move(photometric);
  c.shape = std::move(shape);
  c.voi_function = std::move(voi_function);
  return c;
}

std::vector<AgreementCase> agreement_cases() {
  std::vector<AgreementCase> cases = {
      make_case("monochrome2", "MONOCHROME2"),
      make_case("monochrome1", "MONOCHROME1"),
      make_case("monochrome2_inverse", "MONOCHROME2", "INVERSE"),
      make_case("monochrome1_inverse", "MONOCHROME1", "INVERSE"),
      make_case("monochrome1_identity", "MONOCHROME1", "IDENTITY"),
      make_case("linear_exact", "MONOCHROME2", "", "LINEAR_EXACT"),
      make_case("sigmoid", "MONOCHROME2", "", "SIGMOID"),
  };
  AgreementCase rescaled = make_case("rescaled", "MONOCHROME2");
  rescaled.rescale = true;
  AgreementCase is_signed = make_case("signed", "MONOCHROME2");
  is_signed.is_signed = true;
  AgreementCase voi_lut = make_case("voi_lut", "MONOCHROME2");
  voi_lut.use_voi_lut = true;
  AgreementCase voi_lut_monochrome1 = make_case("voi_lut_monochrome1", "MONOCHROME1");
  voi_lut_monochrome1.use_voi_lut = true;
  cases.insert(cases.end(), {rescaled, is_signed, voi_lut, voi_lut_monochrome1});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Display, Dcmj2pnmAgreement, ::testing::ValuesIn(agreement_cases()),
                         [](const ::testing::TestParamInfo<AgreementCase>& info) { return info.param.name; });

}  // namespace
}  // namespace anatomix::image
