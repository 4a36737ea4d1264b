// The letterbox's cv2 INTER_LINEAR resize against OpenCV's own output (its geometry: tests/geometry).
#include "anatomix/letterbox.h"
#include "lm/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>

namespace anatomix {
namespace {

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
