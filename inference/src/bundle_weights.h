// The APM and projector weights of a bundle: every file listed in config.json "files.weights" opened
// (memory-mapped) into one name space with the published names, and checked against the shapes the
// config implies. All problems (missing file, missing tensor, wrong shape, non-float dtype, unexpected
// duplicates) are reported together in one EngineError.
#pragma once

#include "bundle_config.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace anatomix::safetensors {
class SafetensorsFile;
}

namespace anatomix {

using ExpectedTensors = std::vector<std::pair<std::string, std::vector<int64_t>>>;

// Every tensor of the APM and the two projectors that `config` implies, with its shape.
ExpectedTensors expected_bundle_tensors(const BundleConfig& config);

class BundleWeights {
 public:
  // Opens the files and validates them against expected_bundle_tensors(config).
  static BundleWeights open(const BundleConfig& config);

  // CPU view of a tensor (throws EngineError naming the tensor if absent).
  at::Tensor tensor(const std::string& name) const;
  bool contains(const std::string& name) const { return file_of_.count(name) != 0; }

 private:
  std::map<std::string, std::shared_ptr<const safetensors::SafetensorsFile>> file_of_;
};

}  // namespace anatomix
