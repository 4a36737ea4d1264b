// The published letterbox (the published AnatomiX code: scale the long side to the model side S keeping the
// aspect ratio, pad the short side to a square, half the padding on each side), its inverse, and the IoU of
// two boxes, and the model square's integer box, on hand-computed cases. The resize filter against OpenCV itself:
// tests/engine/letterbox_test.cpp.
#include "anatomix/box.h"
#include "anatomix/letterbox.h"
#include "anatomix/square_box.h"
#include "anatomix/test_support/expect_box.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace anatomix {
namespace {

using test_support::expect_box;

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

// A 1000 x 500 film: the long side 1000 -> 1024 (x 1.024), the short side 500 -> 512, centred: 256 rows of
// padding above and below in the square.
TEST(Letterbox, LandscapeLongSideFillsTheSquareAndTheShortSideIsCentred) {
  const auto g = LetterboxGeometry::compute(1000, 500, 1024);
  EXPECT_DOUBLE_EQ(g.source_to_model_x(0), 0);
  EXPECT_DOUBLE_EQ(g.source_to_model_x(1000), 1024);
  EXPECT_DOUBLE_EQ(g.source_to_model_y(0), 256);
  EXPECT_DOUBLE_EQ(g.source_to_model_y(500), 768);
  EXPECT_DOUBLE_EQ(g.source_to_model_x(100), 102.4);
  EXPECT_DOUBLE_EQ(g.source_to_model_y(250), 512);  // the image centre is the square's centre
  // The whole square, back in film pixels, is the padded film: 250 rows above and below.
  expect_box(g.model_to_source(0, 0, 1024, 1024), 0, -250, 1000, 750);
}

// A 300 x 400 film: x 2.56, the 300 columns become 768, centred: 128 columns left and right.
TEST(Letterbox, PortraitLongSideFillsTheSquareAndTheShortSideIsCentred) {
  const auto g = LetterboxGeometry::compute(300, 400, 1024);
  EXPECT_DOUBLE_EQ(g.source_to_model_x(0), 128);
  EXPECT_DOUBLE_EQ(g.source_to_model_x(300), 896);
  EXPECT_DOUBLE_EQ(g.source_to_model_y(0), 0);
  EXPECT_DOUBLE_EQ(g.source_to_model_y(400), 1024);
  expect_box(g.model_to_source(128, 0, 896, 1024), 0, 0, 300, 400);
}

// An odd difference (300 x 401): 50 columns each side, so the padded film is 400 x 401 and the two axes scale
// by 1024/400 and 1024/401, as cv2.resize of the padded film to 1024 x 1024 does.
TEST(Letterbox, OddDifferencePadsTheFloorOfHalfAndScalesEachAxisOnItsOwn) {
  const auto g = LetterboxGeometry::compute(300, 401, 1024);
  EXPECT_DOUBLE_EQ(g.source_to_model_x(0), 128);
  EXPECT_DOUBLE_EQ(g.source_to_model_x(300), 896);
  EXPECT_DOUBLE_EQ(g.source_to_model_y(401), 1024);
  EXPECT_DOUBLE_EQ(g.model_to_source_x(512), 150);
  EXPECT_DOUBLE_EQ(g.model_to_source_y(512), 200.5);
}

TEST(Letterbox, SquareFilmIsOnlyScaled) {
  const auto g = LetterboxGeometry::compute(512, 512, 1024);
  EXPECT_EQ(g.pad_x, 0);
  EXPECT_EQ(g.pad_y, 0);
  expect_box(g.model_to_source(100, 200, 300, 1024), 50, 100, 150, 512);
}

TEST(Letterbox, InverseRoundTripsModelAndSourceCoordinates) {
  for (auto [w, h] : {std::pair{300, 401}, std::pair{401, 300}, std::pair{300, 400}, std::pair{2048, 2500},
                      std::pair{3001, 2000}}) {
    const auto g = LetterboxGeometry::compute(w, h, 1024);
    for (double v : {-30.0, 0.0, 1.0, 511.5, 1023.0, 1024.0, 1100.0}) {
      EXPECT_NEAR(g.source_to_model_x(g.model_to_source_x(v)), v, 1e-9);
      EXPECT_NEAR(g.source_to_model_y(g.model_to_source_y(v)), v, 1e-9);
      EXPECT_NEAR(g.model_to_source_x(g.source_to_model_x(v)), v, 1e-9);
      EXPECT_NEAR(g.model_to_source_y(g.source_to_model_y(v)), v, 1e-9);
    }
    // The image's own corners land on the padded square's content edges.
    EXPECT_NEAR(g.source_to_model_x(0), 1024.0 * g.pad_x / g.padded_width, 1e-9);
    EXPECT_NEAR(g.model_to_source_x(1024), w + g.pad_x, 1e-9);
    EXPECT_NEAR(g.model_to_source_y(1024), h + g.pad_y, 1e-9);
  }
}

TEST(Letterbox, RejectsEmptyImages) {
  EXPECT_THROW(LetterboxGeometry::compute(0, 10, 1024), std::invalid_argument);
  EXPECT_THROW(LetterboxGeometry::compute(10, 10, 0), std::invalid_argument);
  const std::uint8_t pixel = 0;
  EXPECT_THROW(letterbox(&pixel, 1, 0, 0, 1024), std::invalid_argument);
  EXPECT_THROW(letterbox(nullptr, 1, 1, 0, 1024), std::invalid_argument);
  try {
    LetterboxGeometry::compute(0, 10, 1024);
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "letterbox: the image is empty (0x10)");
  }
}

// Pixels: a 4 x 2 film (rows 100 and 50) to a 2 x 2 square: one zero row above and below make it 4 x 4, which
// cv2 halves by 2x2 means: (0+0+100+100)/4 = 50 and (50+50+0+0)/4 = 25.
TEST(Letterbox, PadsWithZerosOnBothSidesBeforeTheResize) {
  const std::vector<std::uint8_t> pixels = {100, 100, 100, 100, 50, 50, 50, 50};
  LetterboxGeometry g;
  const Gray8 out = letterbox(pixels.data(), 4, 2, 0, 2, &g);
  EXPECT_EQ(g.pad_y, 1);
  ASSERT_EQ(out.width, 2);
  ASSERT_EQ(out.height, 2);
  EXPECT_EQ(out.pixels, (std::vector<std::uint8_t>{50, 50, 25, 25}));
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

TEST(BoxIou, IdenticalBoxesOverlapFully) {
  EXPECT_DOUBLE_EQ(box_iou({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0);
  EXPECT_DOUBLE_EQ(box_iou({0.5f, 1.5f, 7.25f, 9}, {0.5f, 1.5f, 7.25f, 9}), 1.0);
}

TEST(BoxIou, DisjointAndTouchingBoxesDoNotOverlap) {
  EXPECT_DOUBLE_EQ(box_iou({0, 0, 10, 10}, {20, 20, 30, 30}), 0.0);
  EXPECT_DOUBLE_EQ(box_iou({0, 0, 10, 10}, {10, 0, 20, 10}), 0.0);   // a shared edge
  EXPECT_DOUBLE_EQ(box_iou({0, 0, 10, 10}, {10, 10, 20, 20}), 0.0);  // a shared corner
}

TEST(BoxIou, OverlapIsIntersectionOverUnion) {
  // Intersection 5x5 = 25, union 100 + 100 - 25 = 175; the same either way round.
  EXPECT_DOUBLE_EQ(box_iou({0, 0, 10, 10}, {5, 5, 15, 15}), 25.0 / 175.0);
  EXPECT_DOUBLE_EQ(box_iou({5, 5, 15, 15}, {0, 0, 10, 10}), 25.0 / 175.0);
  // 5x10 overlap of two 10x10 boxes: 50 / 150.
  EXPECT_DOUBLE_EQ(box_iou({0, 0, 10, 10}, {5, 0, 15, 10}), 50.0 / 150.0);
}

TEST(BoxIou, ContainedBoxIsItsAreaOverTheOuterArea) {
  EXPECT_DOUBLE_EQ(box_iou({0, 0, 10, 10}, {2, 2, 6, 6}), 0.16);  // 16 / 100
  EXPECT_DOUBLE_EQ(box_iou({0, 0, 10, 12}, {0, 0, 10, 10}), 100.0 / 120.0);
}

TEST(BoxIou, ZeroAreaAndMalformedBoxesGiveZero) {
  EXPECT_DOUBLE_EQ(box_area({10, 10, 0, 0}), 0.0);
  EXPECT_DOUBLE_EQ(box_area({0, 0, 4, 2.5f}), 10.0);
  EXPECT_DOUBLE_EQ(box_iou({5, 5, 5, 5}, {5, 5, 5, 5}), 0.0);    // empty union: 0, not NaN
  EXPECT_DOUBLE_EQ(box_iou({0, 0, 0, 10}, {0, 0, 0, 10}), 0.0);  // a line
  EXPECT_DOUBLE_EQ(box_iou({2, 2, 2, 8}, {0, 0, 10, 10}), 0.0);  // a line inside a box
  EXPECT_DOUBLE_EQ(box_iou({10, 10, 0, 0}, {0, 0, 10, 10}), 0.0);
}

// A finding box half inside one lung box and a quarter inside the other, where the two overlap on an eighth.
TEST(BoxShareInside, CountsTheUnionOnce) {
  const Box finding{0, 0, 8, 4};
  EXPECT_DOUBLE_EQ(box_share_inside(finding, {0, 0, 4, 4}, {3, 0, 5, 4}), 5.0 / 8);  // 16 + 8 - 4 of 32
  EXPECT_DOUBLE_EQ(box_share_inside(finding, {-10, -10, 20, 20}, {}), 1.0);
  EXPECT_DOUBLE_EQ(box_share_inside(finding, {20, 20, 30, 30}, {8, 0, 9, 4}), 0.0);  // touching is outside
  EXPECT_DOUBLE_EQ(box_share_inside(Box{2, 2, 2, 5}, {0, 0, 10, 10}, {}), 0.0);       // no area
}

// A 512 x 512 film doubles into the square: a quarter pixel is half a square pixel, rounded away from zero.
TEST(SquareBox, BoxesOfTheStoredImageRoundHalfAwayFromZero) {
  const auto g = LetterboxGeometry::compute(512, 512, 1024);
  const SquareBox box = square_box_from_source(g, 0.25, -0.25, 100.75, 511.25);
  EXPECT_EQ(box.x1, 1);
  EXPECT_EQ(box.y1, -1);
  EXPECT_EQ(box.x2, 202);
  EXPECT_EQ(box.y2, 1023);
}

TEST(SquareBox, ApmBoxesTruncateTowardZero) {
  // x1 = -0.04 * 1024 = -40.96, y2 = 1.04 * 1024 = 1064.96.
  const SquareBox box = square_box_from_cxcywh(0.01f, 0.99f, 0.1f, 0.1f, 1024);
  EXPECT_EQ(box.x1, -40);
  EXPECT_EQ(box.y1, 962);
  EXPECT_EQ(box.x2, 61);
  EXPECT_EQ(box.y2, 1064);
}

TEST(SquareBox, TextIsCornersInParenthesesAndTheTagWrapsIt) {
  const SquareBox box{-40, 962, 61, 1064};
  EXPECT_EQ(format_box(box), "(-40,962),(61,1064)");
  EXPECT_EQ(format_box_tag(box), "<box>(-40,962),(61,1064)</box>");
}

}  // namespace
}  // namespace anatomix
