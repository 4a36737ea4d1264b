// The C++ APM and projectors against apm_reference.py (PyTorch's own modules, random weights) on a
// small and the full-size configuration. The reference's state_dict is loaded by its published names.
#include "apm/apm.h"
#include "bundle_config.h"
#include "bundle_weights.h"
#include "lm/safetensors.h"
#include "projector.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>

namespace anatomix {
namespace {

constexpr double kTolerance = 1e-4;

void compare_with_reference(const std::string& case_name) {
  const std::string dir = (std::filesystem::path(test::data_dir()) / case_name).string();
  ASSERT_TRUE(std::filesystem::exists(dir + "/apm_case.safetensors"))
      << dir << " is missing: the engine.fixture." << case_name << " test makes it";
  const BundleConfig config = BundleConfig::load(dir);
  const BundleWeights weights = BundleWeights::open(config);  // every published name present, shapes right
  auto lookup = [&](const std::string& name) { return weights.tensor(name); };
  const apm::Apm model(config.apm, lookup, c10::Device(c10::kCPU));
  const Projector image_projector("image_projectionhead", lookup, c10::Device(c10::kCPU));
  const Projector object_projector("obj_projectionhead", lookup, c10::Device(c10::kCPU));

  const auto reference = safetensors::SafetensorsFile::open(dir + "/apm_case.safetensors");
  const apm::ApmOutput output = model.forward(reference->tensor("input.image"));
  const std::vector<std::pair<std::string, torch::Tensor>> produced{
      {"boxes", output.boxes},
      {"objects", output.objects},
      {"memory", output.memory},
      {"cls", output.cls},
      {"image_logits", output.image_logits},
      {"image_tokens", image_projector(output.memory)},
      {"object_tokens", object_projector(output.objects)}};
  for (const auto& [name, tensor] : produced) {
    const torch::Tensor expected = reference->tensor("output." + name);
    ASSERT_EQ(tensor.sizes(), expected.sizes()) << name;
    const double difference = (tensor - expected).abs().max().item<double>();
    EXPECT_LT(difference, kTolerance) << case_name << " " << name << ": max |C++ - PyTorch| = " << difference;
    std::printf("%s %-14s max abs difference %.3g (max |value| %.3g)\n", case_name.c_str(), name.c_str(), difference,
                expected.abs().max().item<double>());
  }
  // The boxes are a real signal, not saturated: they vary across queries.
  EXPECT_GT(output.boxes.std().item<double>(), 1e-3);
}

TEST(ApmNumerics, SmallConfigMatchesPyTorch) { compare_with_reference("apm_small"); }

TEST(ApmNumerics, FullSizeConfigMatchesPyTorch) { compare_with_reference("apm_full"); }

TEST(ApmNumerics, ExpectedTensorsCoverTheReferenceStateDict) {
  // Every tensor the reference saved is one the loader knows, and vice versa: no renaming anywhere.
  const std::string dir = (std::filesystem::path(test::data_dir()) / "apm_small").string();
  const BundleConfig config = BundleConfig::load(dir);
  const auto file = safetensors::SafetensorsFile::open(dir + "/anatomix.safetensors");
  std::vector<std::string> expected;
  for (const auto& entry : expected_bundle_tensors(config)) expected.push_back(entry.first);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(file->names(), expected);
}

}  // namespace
}  // namespace anatomix
