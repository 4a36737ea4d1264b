#include "bundle_weights.h"

#include "anatomix/engine.h"
#include "apm/apm.h"
#include "lm/safetensors.h"
#include "projector.h"

#include <filesystem>
#include <sstream>

namespace anatomix {

namespace {

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

}  // namespace

ExpectedTensors expected_bundle_tensors(const BundleConfig& config) {
  ExpectedTensors expected = apm::apm_tensor_shapes(config.apm);
  const int64_t lm_hidden = config.lm_hidden_size();
  for (auto& entry : Projector::tensor_shapes("image_projectionhead", config.apm.hidden_dim, config.projector_hidden,
                                              lm_hidden))
    expected.push_back(std::move(entry));
  for (auto& entry : Projector::tensor_shapes("obj_projectionhead", config.apm.object_dim, config.projector_hidden,
                                              lm_hidden))
    expected.push_back(std::move(entry));
  return expected;
}

BundleWeights BundleWeights::open(const BundleConfig& config) {
  namespace fs = std::filesystem;
  BundleWeights weights;
  std::vector<std::string> problems;
  for (const std::string& file_name : config.files.weights) {
    const std::string path = (fs::path(config.directory) / file_name).string();
    std::shared_ptr<const safetensors::SafetensorsFile> file;
    try {
      file = safetensors::SafetensorsFile::open(path);
    } catch (const std::exception& error) {
      problems.push_back(error.what());
      continue;
    }
    for (const std::string& name : file->names()) {
      auto [it, inserted] = weights.file_of_.emplace(name, file);
      if (!inserted)
        problems.push_back("tensor " + name + " is in both " + it->second->path() + " and " + path);
    }
  }
  if (problems.empty()) {
    for (const auto& [name, shape] : expected_bundle_tensors(config)) {
      auto it = weights.file_of_.find(name);
      if (it == weights.file_of_.end()) {
        problems.push_back("tensor " + name + " is missing (expected shape " + shape_text(shape) + ")");
        continue;
      }
      const auto& info = it->second->info(name);
      if (info.shape != shape)
        problems.push_back("tensor " + name + " in " + fs::path(it->second->path()).filename().string() +
                           " has shape " + shape_text(info.shape) + ", expected " + shape_text(shape));
      if (info.dtype != "F32" && info.dtype != "F16" && info.dtype != "BF16")
        problems.push_back("tensor " + name + " has dtype " + info.dtype + ", expected F32, F16 or BF16");
    }
  }
  if (!problems.empty()) {
    std::ostringstream message;
    message << "Model bundle " << config.directory << " has " << problems.size() << " problem"
            << (problems.size() > 1 ? "s" : "") << " with its weights:";
    const size_t shown = std::min<size_t>(problems.size(), 40);
    for (size_t i = 0; i < shown; ++i) message << "\n  - " << problems[i];
    if (shown < problems.size()) message << "\n  - ... and " << problems.size() - shown << " more";
    throw EngineError(message.str());
  }
  return weights;
}

at::Tensor BundleWeights::tensor(const std::string& name) const {
  auto it = file_of_.find(name);
  if (it == file_of_.end()) throw EngineError("The model bundle has no tensor " + name + ".");
  return it->second->tensor(name);
}

}  // namespace anatomix
