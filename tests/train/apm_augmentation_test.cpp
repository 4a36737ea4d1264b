// Batches of the APM stage: the flip swaps partners' boxes and sentences, the affine moves boxes with
// the pixels.
#include <cmath>

#include <gtest/gtest.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "anatomix/laterality.h"
#include "bundle_config.h"
#include "train/apm_augmentation.h"
#include "train/apm_training_set.h"

namespace anatomix::training {
namespace {

constexpr int kSide = 64;
constexpr int64_t kLeftLung = 11, kRightLung = 20, kRightAtrium = 15;

// One study: a bright block at x 40..50, y 10..20 boxed as "Left lung"; other queries boxed elsewhere.
ApmTrainingSet block_set() {
  ApmTrainingSet set;
  set.image_size = kSide;
  set.count = 1;
  set.ids = {"block"};
  set.pixels = torch::zeros({1, kSide, kSide}, torch::kUInt8);
  set.pixels.index_put_({0, torch::indexing::Slice(10, 20), torch::indexing::Slice(40, 50)}, 255);
  set.boxes = torch::tensor({0.3f, 0.6f, 0.1f, 0.2f}).repeat({1, 36, 1});
  set.boxes[0][kLeftLung] = torch::tensor({45.0f / kSide, 15.0f / kSide, 10.0f / kSide, 10.0f / kSide});
  set.boxes[0][kRightAtrium] = torch::tensor({0.45f, 0.55f, 0.1f, 0.1f});
  set.labels = torch::zeros({1, 14});
  set.sentence_rows = torch::arange(36, torch::kInt64).view({1, 36});
  return set;
}

// Bounding box (normalised xyxy) of the pixels brighter than half.
std::array<double, 4> bright_extent(const torch::Tensor& image) {
  const torch::Tensor mask = image.squeeze() > 0.5;
  const torch::Tensor columns = mask.any(0).nonzero().view(-1);
  const torch::Tensor rows = mask.any(1).nonzero().view(-1);
  return {columns.min().item<double>() / kSide, rows.min().item<double>() / kSide, (columns.max().item<double>() + 1) / kSide,
          (rows.max().item<double>() + 1) / kSide};
}

TEST(ApmAugmentation, WithoutAugmentationTheBatchIsTheSet) {
  const ApmTrainingSet set = block_set();
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(1);
  AugmentationOptions off;
  off.enabled = false;
  const ApmBatch batch = make_apm_batch(set, {0, 0}, off, generator);
  ASSERT_EQ(batch.images.sizes(), (std::vector<int64_t>{2, 1, kSide, kSide}));
  EXPECT_FLOAT_EQ(batch.images[0][0][15][45].item<float>(), 1.0f);
  EXPECT_FLOAT_EQ(batch.images[0][0][15][20].item<float>(), 0.0f);
  EXPECT_TRUE(torch::equal(batch.boxes[1], set.boxes[0]));
  EXPECT_TRUE(torch::equal(batch.sentence_rows[0], set.sentence_rows[0]));
}

// As published: the flip mirrors pixels and boxes, every query keeps its name and sentence (names follow
// the anatomy, anatomix/laterality.h).
TEST(ApmAugmentation, FlipMirrorsPixelsAndBoxesAndKeepsNames) {
  const ApmTrainingSet set = block_set();
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(2);
  AugmentationOptions flip_only;
  flip_only.flip_probability = 1.0;
  flip_only.max_rotation_degrees = flip_only.max_translation = flip_only.max_scale_change = 0;
  const ApmBatch batch = make_apm_batch(set, {0}, flip_only, generator);
  EXPECT_TRUE(batch.flipped[0].item<bool>());
  // The block is now at x 14..24, and the "Left lung" query's box went with it.
  const auto extent = bright_extent(batch.images[0]);
  EXPECT_NEAR(extent[0], 14.0 / kSide, 1e-6);
  EXPECT_NEAR(extent[2], 24.0 / kSide, 1e-6);
  EXPECT_NEAR(batch.boxes[0][kLeftLung][0].item<double>(), 19.0 / kSide, 1e-5);
  EXPECT_NEAR(batch.boxes[0][kLeftLung][2].item<double>(), 10.0 / kSide, 1e-5);
  EXPECT_NEAR(batch.boxes[0][kRightLung][0].item<double>(), 0.7, 1e-5);  // its own box, mirrored
  EXPECT_NEAR(batch.boxes[0][kRightAtrium][0].item<double>(), 0.55, 1e-5);
  EXPECT_TRUE(torch::equal(batch.sentence_rows[0], set.sentence_rows[0]));
}

// Acquisition randomisation changes what the pixels look like, never where the anatomy is.
TEST(ApmAugmentation, AppearanceCollimationAndTextKeepTheBoxes) {
  ApmTrainingSet set = block_set();
  set.pixels.index_put_({0, torch::indexing::Slice(20, 40), torch::indexing::Slice(20, 40)}, 100);
  AugmentationOptions plain;
  plain.flip_probability = 0;
  plain.max_rotation_degrees = plain.max_translation = plain.max_scale_change = 0;
  AugmentationOptions strong = plain;
  strong.appearance_probability = strong.collimation_probability = strong.text_probability = 1.0;
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    at::Generator g1 = at::make_generator<at::CPUGeneratorImpl>(seed), g2 = at::make_generator<at::CPUGeneratorImpl>(seed);
    const ApmBatch before = make_apm_batch(set, {0}, plain, g1);
    const ApmBatch after = make_apm_batch(set, {0}, strong, g2);
    EXPECT_TRUE(torch::allclose(after.boxes, before.boxes)) << seed;
    EXPECT_FALSE(torch::allclose(after.images, before.images)) << seed;
    EXPECT_GE(after.images.min().item<float>(), 0.0f);
    EXPECT_LE(after.images.max().item<float>(), 1.0f);
  }
}

// Matched to a bright reference, a dark image gets brighter; padding (0) stays 0.
TEST(ApmAugmentation, HistogramMatchingMovesTowardTheReference) {
  ApmTrainingSet set = block_set();
  set.pixels.index_put_({0, torch::indexing::Slice(0, 32), torch::indexing::Slice()}, 40);  // dark half, padding below
  std::vector<std::uint8_t> bright(1000, 200);
  AugmentationOptions options;
  options.flip_probability = 0;
  options.max_rotation_degrees = options.max_translation = options.max_scale_change = 0;
  options.histogram_probability = 1.0;
  options.reference_cdfs = {cumulative_histogram(bright.data(), bright.size())};
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(3);
  const ApmBatch batch = make_apm_batch(set, {0}, options, generator);
  EXPECT_GT(batch.images[0][0][5][5].item<float>(), 110.0f / 255);  // 40 -> about half way to 200 or more
  EXPECT_FLOAT_EQ(batch.images[0][0][60][5].item<float>(), 0.0f);  // padding kept
}

// Opacity whitens the lungs where their boxes are known and nowhere else; the boxes stay, and a film whose
// lung boxes are unknown is left alone (it has nothing to say where the lungs are).
TEST(ApmAugmentation, OpacityWhitensKnownLungsAndKeepsTheBoxes) {
  ApmTrainingSet set;
  set.image_size = kSide;
  set.count = 2;
  set.ids = {"known", "unknown"};
  set.pixels = torch::full({2, kSide, kSide}, 50, torch::kUInt8);
  set.pixels.index_put_({torch::indexing::Slice(), torch::indexing::Slice(0, 4), torch::indexing::Slice()}, 250);  // white
  set.boxes = torch::tensor({0.5f, 0.5f, 0.1f, 0.1f}).repeat({2, 36, 1});
  set.boxes.index_put_({torch::indexing::Slice(), kRightLung}, torch::tensor({0.3f, 0.5f, 0.3f, 0.6f}));
  set.boxes.index_put_({torch::indexing::Slice(), kLeftLung}, torch::tensor({0.7f, 0.5f, 0.3f, 0.6f}));
  set.labels = torch::zeros({2, 14});
  set.box_mask = torch::zeros({2, 36}, torch::kBool);
  set.box_mask.index_put_({0, kLeftLung}, true);
  set.box_mask.index_put_({0, kRightLung}, true);
  AugmentationOptions plain;
  plain.flip_probability = 0;
  plain.max_rotation_degrees = plain.max_translation = plain.max_scale_change = 0;
  AugmentationOptions opaque = plain;
  opaque.opacity_probability = 1.0;
  opaque.opacity_queries = {kLeftLung, kRightLung};
  using torch::indexing::Slice;
  int whiter = 0;
  for (std::uint64_t seed = 0; seed < 8; ++seed) {
    at::Generator g1 = at::make_generator<at::CPUGeneratorImpl>(seed), g2 = at::make_generator<at::CPUGeneratorImpl>(seed);
    const ApmBatch before = make_apm_batch(set, {0, 1}, plain, g1);
    const ApmBatch after = make_apm_batch(set, {0, 1}, opaque, g2);
    EXPECT_TRUE(torch::equal(after.boxes, before.boxes)) << seed;
    EXPECT_TRUE(after.opacified[0].item<bool>()) << seed;
    EXPECT_FALSE(after.opacified[1].item<bool>()) << seed;
    EXPECT_TRUE(torch::equal(after.images[1], before.images[1])) << seed;
    const torch::Tensor change = after.images[0][0] - before.images[0][0];
    EXPECT_GE(change.min().item<float>(), 0.0f) << seed;  // only ever whiter
    // Outside both lung boxes (with a margin for the soft edge) nothing moves: the middle strip and the corners.
    EXPECT_LT(change.index({Slice(16, 48), Slice(31, 33)}).max().item<float>(), 0.02f) << seed;
    EXPECT_LT(change.index({Slice(60, 64), Slice(0, 4)}).max().item<float>(), 0.02f) << seed;
    // Inside a box the lung turns whiter, towards the film's white (250), never past it.
    const float lungs = std::max(change.index({Slice(24, 40), Slice(16, 24)}).mean().item<float>(),
                                 change.index({Slice(24, 40), Slice(40, 48)}).mean().item<float>());
    if (lungs > 0.05f) ++whiter;
    EXPECT_LE(after.images[0].max().item<float>(), 250.0f / 255 + 1e-5f) << seed;
  }
  EXPECT_GE(whiter, 6);  // patchy opacity can miss a box's middle now and then, but rarely
}

// A round anatomy (a bright disc boxed as "Left lung"): under rotation, scale and translation its box follows
// the disc and stays as tight as the disc's own extent. Boxes whose corners were rotated would grow by up to
// 19 % at 12 degrees, 2.2 pixels on each side here.
TEST(ApmAugmentation, AffineMovesBoxesWithThePixelsAndKeepsThemTight) {
  ApmTrainingSet set = block_set();
  const torch::Tensor ys = torch::arange(kSide, torch::kFloat32).view({-1, 1}) + 0.5f;
  const torch::Tensor xs = torch::arange(kSide, torch::kFloat32).view({1, -1}) + 0.5f;
  const float centre = kSide / 2.0f, radius = 12.0f;
  set.pixels[0] = ((xs - centre).square() + (ys - centre).square() <= radius * radius).to(torch::kUInt8) * 255;
  set.boxes[0][kLeftLung] = torch::tensor({0.5f, 0.5f, 2 * radius / kSide, 2 * radius / kSide});
  AugmentationOptions strong;
  strong.flip_probability = 0.5;
  strong.max_rotation_degrees = 12;
  strong.max_translation = 0.1;
  strong.max_scale_change = 0.1;
  for (std::uint64_t seed = 0; seed < 12; ++seed) {
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    const ApmBatch batch = make_apm_batch(set, {0}, strong, generator);
    const torch::Tensor box = batch.boxes[0][kLeftLung];
    const double cx = box[0].item<double>(), cy = box[1].item<double>(), w = box[2].item<double>(), h = box[3].item<double>();
    const auto extent = bright_extent(batch.images[0]);
    const double slack = 1.0 / kSide;  // bilinear edges
    EXPECT_NEAR(extent[0], cx - w / 2, slack) << seed;
    EXPECT_NEAR(extent[1], cy - h / 2, slack) << seed;
    EXPECT_NEAR(extent[2], cx + w / 2, slack) << seed;
    EXPECT_NEAR(extent[3], cy + h / 2, slack) << seed;
  }
}

// A tight crop, letterboxed: the kept part fills the square along its longer side without distortion, the
// rest is black, and every box moved with the pixels and stays inside the kept part.
TEST(ApmAugmentation, CropAndLetterboxKeepsTheAspectAndBlacksOutTheRest) {
  ApmTrainingSet set = block_set();
  set.pixels.masked_fill_(set.pixels == 0, 100);  // a grey film: padding is the only black
  AugmentationOptions crop;
  crop.flip_probability = 0;
  crop.max_rotation_degrees = crop.max_translation = crop.max_scale_change = 0;
  crop.crop_probability = 1.0;
  crop.max_crop = 0.15;  // at most 9.6 pixels off an edge: the block (x 40..50, y 10..20) stays whole
  int landscape = 0, portrait = 0;
  for (std::uint64_t seed = 0; seed < 16; ++seed) {
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    const ApmBatch batch = make_apm_batch(set, {0}, crop, generator);
    const torch::Tensor image = batch.images[0][0];
    const bool black_rows = image[0].max().item<float>() == 0.0f && image[kSide - 1].max().item<float>() == 0.0f;
    const bool black_columns =
        image.select(1, 0).max().item<float>() == 0.0f && image.select(1, kSide - 1).max().item<float>() == 0.0f;
    EXPECT_FALSE(black_rows && black_columns) << seed << ": padding on one pair of sides at most, the other filled";
    landscape += black_rows;
    portrait += black_columns;
    EXPECT_GT(image[kSide / 2][kSide / 2].item<float>(), 0.3f) << seed;

    const auto extent = bright_extent(batch.images[0]);
    const torch::Tensor box = batch.boxes[0][kLeftLung];
    const double cx = box[0].item<double>(), cy = box[1].item<double>(), w = box[2].item<double>(), h = box[3].item<double>();
    const double slack = 1.5 / kSide;
    EXPECT_NEAR(extent[0], cx - w / 2, slack) << seed;
    EXPECT_NEAR(extent[1], cy - h / 2, slack) << seed;
    EXPECT_NEAR(extent[2], cx + w / 2, slack) << seed;
    EXPECT_NEAR(extent[3], cy + h / 2, slack) << seed;
    EXPECT_NEAR(w, h, 1e-5) << seed << ": a square block stays square";
    EXPECT_GT(w, 10.0 / kSide) << seed << ": the kept part is enlarged to fill the square";
    // Every box inside the picture, none in the padding.
    const torch::Tensor x1 = batch.boxes[0].select(1, 0) - batch.boxes[0].select(1, 2) / 2;
    const torch::Tensor y1 = batch.boxes[0].select(1, 1) - batch.boxes[0].select(1, 3) / 2;
    for (int64_t q = 0; q < 36; ++q) {
      const int64_t column = std::min<int64_t>(kSide - 1, static_cast<int64_t>(x1[q].item<double>() * kSide + 1));
      const int64_t row = std::min<int64_t>(kSide - 1, static_cast<int64_t>(y1[q].item<double>() * kSide + 1));
      EXPECT_GT(image[row][column].item<float>(), 0.0f) << seed << " query " << q;
    }
  }
  EXPECT_GT(landscape, 0);
  EXPECT_GT(portrait, 0);
}

TEST(ApmAugmentation, TransformBoxesByHand) {
  const torch::Tensor box = torch::tensor({0.5f, 0.25f, 0.2f, 0.1f}).view({1, 1, 4});
  const torch::Tensor identity = torch::tensor({1.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f}).view({1, 2, 3});
  EXPECT_TRUE(torch::allclose(transform_boxes(box, identity), box));
  const torch::Tensor shift = torch::tensor({1.0f, 0.0f, 0.2f, 0.0f, 1.0f, -0.1f}).view({1, 2, 3});  // +0.1, -0.05
  EXPECT_TRUE(torch::allclose(transform_boxes(box, shift), torch::tensor({0.6f, 0.2f, 0.2f, 0.1f}).view({1, 1, 4})));
  // A quarter turn about the centre: (x, y) -> (-y, x) in [-1, 1] coordinates; w and h exchange.
  const torch::Tensor turn = torch::tensor({0.0f, -1.0f, 0.0f, 1.0f, 0.0f, 0.0f}).view({1, 2, 3});
  EXPECT_TRUE(torch::allclose(transform_boxes(box, turn), torch::tensor({0.75f, 0.5f, 0.1f, 0.2f}).view({1, 1, 4}), 1e-5, 1e-6));
  // An eighth of a turn: a square box stands for a disc and keeps its size; a 0.2 x 0.1 box becomes
  // sqrt((0.04 + 0.01) / 2) = 0.158 on each side, where its rotated corners would span 0.212.
  const float c = std::sqrt(0.5f);
  const torch::Tensor eighth = torch::tensor({c, -c, 0.0f, c, c, 0.0f}).view({1, 2, 3});
  const torch::Tensor square = torch::tensor({0.5f, 0.5f, 0.2f, 0.2f}).view({1, 1, 4});
  EXPECT_TRUE(torch::allclose(transform_boxes(square, eighth), square, 1e-5, 1e-6));
  const float side = std::sqrt(0.025f);
  EXPECT_TRUE(torch::allclose(transform_boxes(torch::tensor({0.5f, 0.5f, 0.2f, 0.1f}).view({1, 1, 4}), eighth),
                              torch::tensor({0.5f, 0.5f, side, side}).view({1, 1, 4}), 1e-5, 1e-6));
}

}  // namespace
}  // namespace anatomix::training
