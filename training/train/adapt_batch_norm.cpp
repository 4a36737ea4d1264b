// `anatomix train adapt-bn`: AdaBN (Li et al., "Revisiting Batch Normalization For Practical Domain
// Adaptation", 2016) for the APM: the backbone's batch-norm statistics re-estimated on real radiographs
// without labels, every learnt weight kept. The APM is trained on generated radiographs; its frozen
// batch norms then normalise real films with the generator's statistics. Forward passes over the real
// images in batch-statistics mode move the running mean and variance to the real domain.
#include <ATen/CPUGeneratorImpl.h>
#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <filesystem>
#include <iostream>
#include <map>

#include "anatomix/cli.h"
#include "anatomix/named_logger.h"
#include "apm/apm.h"
#include "bundle_config.h"
#include "lm/safetensors.h"
#include "train/apm_training_set.h"
#include "train/lm_bundle.h"
#include "train/train_command.h"

namespace anatomix::cli {
namespace {

namespace fs = std::filesystem;

const char* kAdaptUsage =
    "usage: anatomix train adapt-bn --bundle DIR --images DIR --out DIR [--passes P] [--batch B] [--threads T]\n"
    "Re-estimates the APM backbone's batch-norm statistics on the real radiographs in --images (PNG, JPEG,\n"
    "TIFF or DICOM; no labels), each pass over the images in random batches (default 3 passes of 16), and\n"
    "writes a copy of the bundle with only those statistics changed to --out.\n";

int usage_error(const std::string& message) {
  std::cerr << "anatomix train adapt-bn: " << message << "\n" << kAdaptUsage;
  return kUsage;
}

}  // namespace

int run_train_adapt_bn(const std::vector<std::string>& args) {
  std::string bundle_dir, images_dir, out_dir;
  int passes = 3, batch = 16, threads = 0;
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--help" || args[i] == "-h") {
        std::cout << kAdaptUsage;
        return kOk;
      }
      if (i + 1 >= args.size()) return usage_error(args[i] + " needs a value (or is unknown)");
      const std::string& value = args[++i];
      if (args[i - 1] == "--bundle") bundle_dir = value;
      else if (args[i - 1] == "--images") images_dir = value;
      else if (args[i - 1] == "--out") out_dir = value;
      else if (args[i - 1] == "--passes") passes = std::stoi(value);
      else if (args[i - 1] == "--batch") batch = std::stoi(value);
      else if (args[i - 1] == "--threads") threads = std::stoi(value);
      else return usage_error("unknown option " + args[i - 1]);
    }
  } catch (const std::exception&) {
    return usage_error("a numeric option has a value that is not a number");
  }
  if (bundle_dir.empty() || images_dir.empty() || out_dir.empty()) return usage_error("--bundle, --images and --out are required");
  if (passes < 1 || batch < 2) return usage_error("--passes must be >= 1 and --batch >= 2");

  try {
    if (threads > 0) torch::set_num_threads(threads);
    const BundleConfig config = training::load_apm_bundle_config(bundle_dir, {});
    const int side = config.apm.image_size;
    const std::string weights_path = (fs::path(bundle_dir) / config.files.weights.front()).string();
    const auto file = safetensors::SafetensorsFile::open(weights_path);
    std::map<std::string, torch::Tensor> weights;
    for (const std::string& name : file->names()) weights[name] = file->tensor(name).to(torch::kFloat32).clone();

    const torch::Tensor all = training::film_squares(images_dir, side, "adapt-bn").unsqueeze(1);  // [N, 1, S, S] uint8
    if (all.size(0) < batch)
      throw std::runtime_error("adapt-bn: " + std::to_string(all.size(0)) + " readable images in " + images_dir +
                               ", fewer than one batch of " + std::to_string(batch) + ".");

    apm::Apm model(
        config.apm,
        [&](const std::string& name) {
          const auto it = weights.find(name);
          if (it == weights.end()) throw std::runtime_error("adapt-bn: " + weights_path + " lacks " + name + ".");
          return it->second;
        },
        c10::Device(c10::kCPU), apm::WeightUse::kTraining);
    model.set_batch_statistics(true);
    torch::NoGradGuard no_grad;
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(20261205);
    int steps = 0;
    for (int pass = 0; pass < passes; ++pass) {
      const torch::Tensor order = torch::randperm(all.size(0), generator);
      for (int64_t start = 0; start + batch <= all.size(0); start += batch) {
        model.forward(all.index_select(0, order.narrow(0, start, batch)).to(torch::kFloat32).div_(255.0));
        ++steps;
      }
    }
    named_logger("training")->info("adapt-bn: {} batches of {} from {} images", steps, batch, all.size(0));

    fs::create_directories(out_dir);
    for (const auto& entry : fs::directory_iterator(bundle_dir))
      if (entry.is_regular_file() && entry.path().filename() != config.files.weights.front())
        fs::copy_file(entry.path(), fs::path(out_dir) / entry.path().filename(), fs::copy_options::overwrite_existing);
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    for (const auto& [name, tensor] : weights) tensors.emplace_back(name, tensor.contiguous());
    std::map<std::string, std::string> metadata = file->metadata();
    metadata["batch_norm_statistics"] = "re-estimated on " + std::to_string(all.size(0)) + " real radiographs (AdaBN)";
    safetensors::write_safetensors((fs::path(out_dir) / config.files.weights.front()).string(), tensors, metadata);
    std::cout << "adapt-bn: wrote " << out_dir << " (" << steps << " batches over " << all.size(0) << " images)\n";
    return kOk;
  } catch (const std::exception& error) {
    std::cerr << "anatomix train adapt-bn: " << error.what() << "\n";
    return kFailure;
  }
}

}  // namespace anatomix::cli
