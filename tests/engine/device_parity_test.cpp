// The engine on a CUDA device against the same engine on the CPU, on the shipped demonstration bundle: the APM's
// boxes, label probabilities and retrieval, and the Gemma 3 decoder's logits in fp32 and in bf16 (the precision
// the engine picks on CUDA). Skipped, with the reason, where LibTorch sees no CUDA device. The measured
// differences are printed, so a run on a GPU machine reports them beside pass or fail.
// ANATOMIX_PARITY_DEVICE=cpu puts the CPU in CUDA's place: the same comparisons on a machine without a GPU (the
// fp32 ones then hold trivially; bf16 against fp32 is measured for real), to try the test and its figures.
#include "anatomix/engine.h"
#include "lm/gemma3.h"
#include "lm/gemma3_config.h"
#include "lm/safetensors.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace anatomix {
namespace {

const std::string kBundle = std::string(ANATOMIX_SOURCE_DIR) + "/resources/models/anatomix-demo";

bool compare_cpu_with_cpu() {
  const char* device = std::getenv("ANATOMIX_PARITY_DEVICE");
  return device && std::string(device) == "cpu";
}

// The device compared with the CPU: CUDA, or the CPU itself under ANATOMIX_PARITY_DEVICE=cpu.
Device other_device() { return compare_cpu_with_cpu() ? Device::Cpu : Device::Cuda; }
std::string other_device_name() { return compare_cpu_with_cpu() ? "cpu" : "cuda"; }

#define SKIP_WITHOUT_CUDA()                                                                                    \
  if (!compare_cpu_with_cpu() && !torch::cuda::is_available())                                                \
  GTEST_SKIP() << "no CUDA device visible to LibTorch (torch::cuda::is_available() is false): the CPU/CUDA " \
                  "comparison needs a GPU machine (ANATOMIX_PARITY_DEVICE=cpu runs it against the CPU itself)"

// A portrait film-like image: a bright body with texture on a dark background.
std::vector<std::uint8_t> test_image(int width, int height) {
  std::vector<std::uint8_t> pixels(static_cast<size_t>(width) * height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      pixels[static_cast<size_t>(y) * width + x] = static_cast<std::uint8_t>(
          (x > width / 8 && x < width * 7 / 8 && y > height / 12 && y < height * 11 / 12) ? 110 + (x * 7 + y * 3) % 110
                                                                                          : (x + y) % 20);
  return pixels;
}

Analysis analyse_on(Device device, const std::vector<std::uint8_t>& pixels, int width, int height) {
  Engine engine;
  LoadOptions options;
  options.bundle_dir = kBundle;
  options.device = device;
  engine.load(options);
  EXPECT_EQ(engine.info().device, device == Device::Cuda ? "cuda:0" : "cpu");
  return engine.analyse({pixels.data(), width, height, width}, 3);
}

TEST(DeviceParity, AnalysisOnCudaMatchesCpu) {
  SKIP_WITHOUT_CUDA();
  constexpr int kWidth = 640, kHeight = 720;
  const auto pixels = test_image(kWidth, kHeight);
  const Analysis cpu = analyse_on(Device::Cpu, pixels, kWidth, kHeight);
  const Analysis other = analyse_on(other_device(), pixels, kWidth, kHeight);
  ASSERT_EQ(cpu.anatomies.size(), other.anatomies.size());
  ASSERT_EQ(cpu.labels.size(), other.labels.size());
  // Boxes in pixels of the original image, compared as fractions of its longer side.
  const double side = std::max(kWidth, kHeight);
  double box_difference = 0, similarity_difference = 0, probability_difference = 0;
  for (size_t i = 0; i < cpu.anatomies.size(); ++i) {
    const Box& a = cpu.anatomies[i].box;
    const Box& b = other.anatomies[i].box;
    for (const double d : {a.x1 - b.x1, a.y1 - b.y1, a.x2 - b.x2, a.y2 - b.y2})
      box_difference = std::max(box_difference, std::abs(d) / side);
    similarity_difference =
        std::max(similarity_difference, double(std::abs(cpu.anatomies[i].similarity - other.anatomies[i].similarity)));
  }
  for (size_t i = 0; i < cpu.labels.size(); ++i)
    probability_difference =
        std::max(probability_difference, double(std::abs(cpu.labels[i].second - other.labels[i].second)));
  std::printf("APM cpu vs %s (fp32): boxes %.2e of the image side, sentence similarity %.2e, label probability "
              "%.2e; analyse %.3f s cpu, %.3f s %s (first call)\n",
              other_device_name().c_str(), box_difference, similarity_difference, probability_difference, cpu.seconds,
              other.seconds, other_device_name().c_str());
  EXPECT_LE(box_difference, 1e-3);
  EXPECT_LE(similarity_difference, 1e-3);
  EXPECT_LE(probability_difference, 1e-3);
}

// Logits of every position of one prompt, on `device` in `precision`.
torch::Tensor decoder_logits(const std::string& device, lm::WeightPrecision precision, const std::vector<int64_t>& ids) {
  std::ifstream file(kBundle + "/config.json");
  const nlohmann::json config = nlohmann::json::parse(file);
  const auto lm_config = lm::Gemma3Config::from_json_text(config.at("lm").dump(), kBundle + "/config.json \"lm\"");
  const auto checkpoint = safetensors::SafetensorsCheckpoint::open(kBundle + "/lm.safetensors");
  lm::Gemma3LoadOptions options;
  options.device = device;
  options.precision = precision;
  const auto model = lm::Gemma3Model::load(lm_config, checkpoint, options);
  torch::InferenceMode guard;
  lm::KvCache cache = model->new_cache(static_cast<int64_t>(ids.size()));
  return model->forward_all_logits(model->embed(ids), cache).to(torch::kCPU, torch::kFloat32);
}

// Largest difference of two logit tables as a fraction of the reference's largest magnitude, and the share of
// positions whose most likely next token agrees.
std::pair<double, double> compare_logits(const torch::Tensor& reference, const torch::Tensor& other) {
  const double scale = reference.abs().max().item<double>();
  const double difference = (reference - other).abs().max().item<double>() / scale;
  const double agreement = reference.argmax(-1).eq(other.argmax(-1)).to(torch::kFloat32).mean().item<double>();
  return {difference, agreement};
}

TEST(DeviceParity, DecoderLogitsOnCudaMatchCpu) {
  SKIP_WITHOUT_CUDA();
  // A prompt long enough to cross the bundle's sliding window (512 tokens) on its local layers.
  std::vector<int64_t> ids(600);
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<int64_t>(2 + (i * 37) % 2000);
  const auto cpu_fp32 = decoder_logits("cpu", lm::WeightPrecision::kFloat32, ids);
  const auto other_fp32 = decoder_logits(other_device_name(), lm::WeightPrecision::kFloat32, ids);
  const auto cpu_bf16 = decoder_logits("cpu", lm::WeightPrecision::kBFloat16, ids);
  const auto other_bf16 = decoder_logits(other_device_name(), lm::WeightPrecision::kBFloat16, ids);
  const auto [fp32_difference, fp32_agreement] = compare_logits(cpu_fp32, other_fp32);
  const auto [bf16_difference, bf16_agreement] = compare_logits(cpu_bf16, other_bf16);
  const auto [precision_difference, precision_agreement] = compare_logits(cpu_fp32, other_bf16);
  const char* other = other_device_name() == "cpu" ? "cpu" : "cuda";
  std::printf("decoder logits, %zu positions, largest difference / largest logit (next-token agreement):\n"
              "  fp32 cpu vs fp32 %s %.2e (%.3f)\n  bf16 cpu vs bf16 %s %.2e (%.3f)\n"
              "  fp32 cpu vs bf16 %s %.2e (%.3f)\n",
              ids.size(), other, fp32_difference, fp32_agreement, other, bf16_difference, bf16_agreement, other,
              precision_difference, precision_agreement);
  EXPECT_LE(fp32_difference, 1e-3);
  EXPECT_GE(fp32_agreement, 0.99);
  // bf16 keeps 8 bits of mantissa (relative step 2^-8 = 3.9e-3): the same bf16 model on either device agrees to
  // a few of those steps, not to 1e-3.
  EXPECT_LE(bf16_difference, 2e-2);
  EXPECT_GE(bf16_agreement, 0.95);
  EXPECT_GE(precision_agreement, 0.9);  // 0.958 measured on the CPU (bf16 against fp32): near ties flip
}

TEST(DeviceParity, CudaRequestWithoutDeviceIsAReadableError) {
  if (torch::cuda::is_available()) GTEST_SKIP() << "a CUDA device is present: the refusal cannot be seen here";
  Engine engine;
  LoadOptions options;
  options.bundle_dir = kBundle;
  options.device = Device::Cuda;
  try {
    engine.load(options);
    FAIL() << "loading on CUDA without a device succeeded";
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find("CUDA was requested"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(engine.loaded());
}

}  // namespace
}  // namespace anatomix
