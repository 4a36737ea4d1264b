#include "train/apm_initial_weights.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>

#include "apm/apm.h"

namespace anatomix::training {
namespace {

bool ends_with(const std::string& name, const std::string& suffix) {
  return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool contains(const std::string& name, const std::string& part) { return name.find(part) != std::string::npos; }

int64_t fan_in(const std::vector<int64_t>& shape) {
  int64_t fan = 1;
  for (size_t i = 1; i < shape.size(); ++i) fan *= shape[i];
  return fan;
}

torch::Tensor uniform(const std::vector<int64_t>& shape, double bound, at::Generator& generator) {
  return torch::empty(shape).uniform_(-bound, bound, generator);
}

}  // namespace

const char* const kSentenceProjectionPrefix = "text_model.project_head.proj.";

bool is_frozen_apm_weight(const std::string& name, bool batch_norm_trains) {
  const bool batch_norm = contains(name, "backbone.0.body.") &&
                          (contains(name, ".bn") || contains(name, "body.bn1") || contains(name, "downsample.1."));
  return batch_norm && (!batch_norm_trains || contains(name, ".running_"));
}

std::map<std::string, at::Tensor> initial_apm_weights(const ApmConfig& config, std::uint64_t seed,
                                                     bool batch_norm_trains) {
  torch::NoGradGuard no_grad;
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  const apm::TensorShapes shapes = apm::apm_tensor_shapes(config);
  // Fan-in of each layer's weight, for PyTorch's default bias bound.
  std::map<std::string, int64_t> weight_fan_in;
  for (const auto& [name, shape] : shapes)
    if (ends_with(name, ".weight") && shape.size() >= 2) weight_fan_in[name.substr(0, name.size() - 7)] = fan_in(shape);

  std::map<std::string, at::Tensor> weights;
  for (const auto& [name, shape] : shapes) {
    torch::Tensor tensor;
    const bool transformer = contains(name, "vis_model.transformer.") || contains(name, "anat_obj_embs.mha.");
    if (batch_norm_trains && ends_with(name, ".bn3.weight")) {
      tensor = torch::zeros(shape);
    } else if (is_frozen_apm_weight(name)) {  // every batch-norm tensor starts at identity
      tensor = ends_with(name, ".weight") || ends_with(name, ".running_var") ? torch::ones(shape) : torch::zeros(shape);
    } else if (contains(name, "norm")) {  // LayerNorm
      tensor = ends_with(name, ".weight") ? torch::ones(shape) : torch::zeros(shape);
    } else if (!batch_norm_trains && contains(name, "backbone.0.body.") && ends_with(name, "conv3.weight")) {
      tensor = torch::zeros(shape);
    } else if (contains(name, "backbone.0.body.")) {  // every other convolution
      tensor = torch::empty(shape).normal_(0.0, std::sqrt(2.0 / static_cast<double>(fan_in(shape))), generator);
    } else if (ends_with(name, "query_embed.weight")) {
      tensor = torch::empty(shape).normal_(0.0, 1.0, generator);
    } else if (ends_with(name, "cls_token") || ends_with(name, "cls_pos")) {
      tensor = torch::empty(shape).normal_(0.0, 0.02, generator);
    } else if (transformer && shape.size() >= 2) {
      const double bound = std::sqrt(6.0 / static_cast<double>(shape[0] + shape[1]));  // Xavier uniform
      tensor = uniform(shape, bound, generator);
    } else if (transformer && (ends_with(name, "in_proj_bias") || ends_with(name, "out_proj.bias"))) {
      tensor = torch::zeros(shape);
    } else {  // PyTorch's default Linear/Conv init, bias bound from the layer's fan-in
      const std::string layer = name.substr(0, name.rfind('.'));
      const int64_t fan = shape.size() >= 2 ? fan_in(shape) : weight_fan_in.at(layer);
      tensor = uniform(shape, 1.0 / std::sqrt(static_cast<double>(fan)), generator);
    }
    weights.emplace(name, tensor.contiguous());
  }
  return weights;
}

std::map<std::string, at::Tensor> initial_sentence_projection(int sentence_dim, int hidden_dim, int object_dim,
                                                              std::uint64_t seed) {
  torch::NoGradGuard no_grad;
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  const std::string p = kSentenceProjectionPrefix;
  const double first = 1.0 / std::sqrt(static_cast<double>(sentence_dim));
  const double second = 1.0 / std::sqrt(static_cast<double>(hidden_dim));
  return {{p + "0.weight", uniform({hidden_dim, sentence_dim}, first, generator)},
          {p + "0.bias", uniform({hidden_dim}, first, generator)},
          {p + "2.weight", uniform({object_dim, hidden_dim}, second, generator)},
          {p + "2.bias", uniform({object_dim}, second, generator)}};
}

}  // namespace anatomix::training
