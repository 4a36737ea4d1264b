// Letterbox geometry, its inverse, and the cv2 INTER_LINEAR resize against OpenCV's own output.
#include "letterbox.h"
#include "lm/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>

namespace anatomix {
namespace {

TEST(Letterbox, PadsTheShortAxisByIntegerHalfDifference) {
  struct Case {
    int width, height, pad_x, pad_y, padded_width, padded_height;
  };
  // Portrait/landscape, even/odd differences (odd leaves the padded side one pixel short).
  for (const Case& c : {Case{300, 400, 50, 0, 400, 400}, Case{300, 401, 50, 0, 400, 401},
                        Case{400, 300, 0, 50, 400, 400}, Case{401, 300, 0, 50, 401, 400},
                        Case{250, 250, 0, 0, 250, 250}}) {
    const auto g = LetterboxGeometry::compute(c.width, c.height, 1024);
    EXPECT_EQ(g.pad_x, c.pad_x) << c.width << "x" << c.height;
    EXPECT_EQ(g.pad_y, c.pad_y) << c.width << "x" << c.height;
    EXPECT_EQ(g.padded_width, c.padded_width);
    EXPECT_EQ(g.padded_height, c.padded_height);
  }
}

TEST(Letterbox, InverseRoundTripsModelAndSourceCoordinates) {
  for (auto [w, h] : {std::pair{300, 401}, std::pair{401, 300}, std::pair{300, 400}, std::pair{2048, 2500},
                      std::pair{3001, 2000}}) {
    const auto g = LetterboxGeometry::compute(w, h, 1024);
    for (double v : {-30.0, 0.0, 1.0, 511.5, 1023.0, 1024.0, 1100.0}) {
      EXPECT_NEAR(g.source_to_model_x(g.model_to_source_x(v)), v, 1e-9);
      EXPECT_NEAR(g.source_to_model_y(g.model_to_source_y(v)), v, 1e-9);
    }
    // The image's own corners land on the padded square's content edges.
    EXPECT_NEAR(g.source_to_model_x(0), 1024.0 * g.pad_x / g.padded_width, 1e-9);
    EXPECT_NEAR(g.model_to_source_x(1024), w + g.pad_x, 1e-9);
    EXPECT_NEAR(g.model_to_source_y(1024), h + g.pad_y, 1e-9);
  }
}

TEST(Letterbox, RejectsEmptyImages) {
  EXPECT_THROW(LetterboxGeometry::compute(0, 10, 1024), std::invalid_argument);
  const std::uint8_t pixel = 0;
  EXPECT_THROW(letterbox(&pixel, 1, 0, 0, 1024), std::invalid_argument);
  EXPECT_THROW(letterbox(nullptr, 1, 1, 0, 1024), std::invalid_argument);
}

TEST(Letterbox, ConstantImageStaysConstantInsideAndZeroInThePadding) {
  std::vector<std::uint8_t> pixels(200 * 100, 200);
  LetterboxGeometry g;
  const Gray8 out = letterbox(pixels.data(), 200, 100, 0, 64, &g);
  ASSERT_EQ(out.width, 64);
  EXPECT_EQ(g.pad_y, 50);
  EXPECT_EQ(out.pixels[0], 0);                 // top padding
  EXPECT_EQ(out.pixels[32 * 64 + 32], 200);    // centre
  EXPECT_EQ(out.pixels[63 * 64 + 5], 0);       // bottom padding
}

// Every case of cv2_resize_cases.py: our resize and letterbox equal OpenCV byte for byte.
TEST(Letterbox, MatchesOpenCvByteForByte) {
  const std::string path = (std::filesystem::path(test::data_dir()) / "cv2_cases.safetensors").string();
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " missing: the engine.fixture.cv2 test makes it";
  const auto file = safetensors::SafetensorsFile::open(path);
  int compared = 0;
  for (int k = 0; file->contains("case." + std::to_string(k) + ".source"); ++k) {
    const std::string prefix = "case." + std::to_string(k) + ".";
    const torch::Tensor source = file->tensor(prefix + "source").contiguous();
    const int h = static_cast<int>(source.size(0)), w = static_cast<int>(source.size(1));
    torch::Tensor expected;
    Gray8 actual;
    if (file->contains(prefix + "resized")) {
      expected = file->tensor(prefix + "resized");
      actual = resize_bilinear_cv2(source.data_ptr<std::uint8_t>(), w, h, w, static_cast<int>(expected.size(1)),
                                   static_cast<int>(expected.size(0)));
    } else {
      expected = file->tensor(prefix + "letterbox");
      actual = letterbox(source.data_ptr<std::uint8_t>(), w, h, w, static_cast<int>(expected.size(0)));
    }
    ASSERT_EQ(actual.height, expected.size(0));
    ASSERT_EQ(actual.width, expected.size(1));
    const torch::Tensor ours =
        torch::from_blob(actual.pixels.data(), {actual.height, actual.width}, torch::kUInt8).to(torch::kInt);
    const torch::Tensor difference = (ours - expected.to(torch::kInt)).abs();
    EXPECT_EQ(difference.max().item<int>(), 0)
        << prefix << " " << w << "x" << h << " -> " << actual.width << "x" << actual.height << ": "
        << difference.gt(0).sum().item<int64_t>() << " pixels differ";
    ++compared;
  }
  EXPECT_GE(compared, 10);
}

}  // namespace
}  // namespace anatomix
