// The Anatomy Perception Module (the published AnatomiX code) in LibTorch:
// ResNet-50-style backbone (1-channel stem, FrozenBatchNorm2d, stride 32) -> input_proj -> CLS token +
// post-norm DETR encoder with sine positions on q and k -> decoder with fixed queries (tgt = 0) and a
// shared final norm -> box MLP + sigmoid, feature module M (MHA without positions + Linear d->s), and
// the CLS image-label head. PyTorch nn.MultiheadAttention semantics (packed in_proj, scale 1/sqrt(hd)).
//
// Weights are looked up by the published state-dict names ("vis_model.backbone.0.body.conv1.weight",
// ...), so a converted checkpoint loads without renaming. The trainer (training/train) runs this same
// code with WeightUse::kTraining: the weights are its own leaf tensors and forward() records autograd.
// Dropout (0.1 in the published transformer) is not applied in either use.
#pragma once

#include "bundle_config.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace anatomix::apm {

struct ApmOutput {
  at::Tensor boxes;         // [B, Q, 4] normalised cxcywh (sigmoid), relative to the model square
  at::Tensor objects;       // [B, Q, s] anatomy feature tokens (M's output, un-normalised)
  at::Tensor memory;        // [B, P, d] encoder patch tokens in raster order (the LM's image tokens)
  at::Tensor cls;           // [B, d] encoder output at the CLS position
  at::Tensor image_logits;  // [B, L] multi-label logits of the CLS head
};

using TensorShapes = std::vector<std::pair<std::string, std::vector<int64_t>>>;

// Every tensor the APM reads, with its shape, in published names.
TensorShapes apm_tensor_shapes(const ApmConfig& config);

// Random weights of those shapes (FrozenBN and LayerNorm at identity, as published at init), for
// benchmarks and bundle writers.
std::map<std::string, at::Tensor> apm_random_weights(const ApmConfig& config, std::uint64_t seed);

enum class WeightUse {
  kInference,  // weights converted to fp32 copies on the device; forward() runs in InferenceMode
  kTraining,   // weights used as given (fp32, contiguous, on the device; leaves with requires_grad
               // where they train); forward() records autograd when grad mode is on
};

class Apm {
 public:
  using Lookup = std::function<at::Tensor(const std::string& name)>;

  // Reads every weight through `lookup` (which throws on a missing name). Inference precomputes each
  // FrozenBatchNorm2d's scale and shift; training reads the batch-norm tensors at every call.
  Apm(const ApmConfig& config, const Lookup& lookup, c10::Device device, WeightUse use = WeightUse::kInference);
  ~Apm();
  Apm(Apm&&) noexcept;

  // image: [B, 1, S, S] float in [0, 1] with S = config.image_size (any device; moved to the APM's).
  ApmOutput forward(const at::Tensor& image) const;

  const ApmConfig& config() const;

  // Training only: normalise each backbone batch norm by the batch's statistics and update its running
  // statistics (nn.BatchNorm2d in train mode) instead of applying it frozen. A backbone trained this way
  // ends as the published FrozenBatchNorm2d holding its running statistics, as a pretrained ResNet does.
  void set_batch_statistics(bool on);

 private:
  struct Weights;
  std::unique_ptr<Weights> weights_;
};

}  // namespace anatomix::apm
