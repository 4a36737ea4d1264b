#include "projector.h"

#include <torch/torch.h>

namespace anatomix {

Projector::Projector(const std::string& prefix, const Lookup& lookup, c10::Device device) : device_(device) {
  auto get = [&](const std::string& name) {
    return lookup(prefix + ".proj." + name).to(device, torch::kFloat32).contiguous();
  };
  weight0_ = get("0.weight");
  bias0_ = get("0.bias");
  norm_weight_ = get("2.weight");
  norm_bias_ = get("2.bias");
  weight3_ = get("3.weight");
  bias3_ = get("3.bias");
}

at::Tensor Projector::operator()(const at::Tensor& x) const {
  c10::InferenceMode inference_mode;
  torch::Tensor h = torch::linear(x.to(device_, torch::kFloat32), weight0_, bias0_);
  h = torch::gelu(h);  // exact erf form, nn.GELU()
  h = torch::layer_norm(h, {norm_weight_.size(0)}, norm_weight_, norm_bias_, 1e-5);
  return torch::linear(h, weight3_, bias3_);
}

std::vector<std::pair<std::string, std::vector<int64_t>>> Projector::tensor_shapes(const std::string& prefix,
                                                                                   int64_t in, int64_t hidden,
                                                                                   int64_t out) {
  const std::string p = prefix + ".proj.";
  return {{p + "0.weight", {hidden, in}}, {p + "0.bias", {hidden}},      {p + "2.weight", {hidden}},
          {p + "2.bias", {hidden}},       {p + "3.weight", {out, hidden}}, {p + "3.bias", {out}}};
}

}  // namespace anatomix
