#include "projector.h"

#include "anatomix/engine.h"
#include "lm/gemma3.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>

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

std::map<std::string, at::Tensor> Projector::random_parameters(const std::string& prefix, int64_t in, int64_t hidden,
                                                               int64_t out, std::uint64_t seed) {
  torch::NoGradGuard no_grad;
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  auto uniform = [&](std::vector<int64_t> shape, int64_t fan_in) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
    return at::empty(shape, torch::kFloat32).uniform_(-bound, bound, generator);
  };
  const std::string p = prefix + ".proj.";
  return {{p + "0.weight", uniform({hidden, in}, in)},      {p + "0.bias", uniform({hidden}, in)},
          {p + "2.weight", torch::ones({hidden})},          {p + "2.bias", torch::zeros({hidden})},
          {p + "3.weight", uniform({out, hidden}, hidden)}, {p + "3.bias", uniform({out}, hidden)}};
}

at::Tensor prompt_embeddings(const lm::Gemma3Model& model, const std::vector<int64_t>& ids, const SoftTokenIds& tokens,
                             const Projector& image_projector, const at::Tensor& memory,
                             const Projector& object_projector, const at::Tensor& objects) {
  const int64_t image_tokens = memory.size(0), object_tokens = objects.size(0);
  std::vector<int64_t> image_rows, object_rows(static_cast<size_t>(object_tokens), -1);
  for (size_t row = 0; row < ids.size(); ++row) {
    const int64_t id = ids[row];
    if (id == tokens.image) image_rows.push_back(static_cast<int64_t>(row));
    const int64_t object = id - tokens.object0;
    if (object >= 0 && object < object_tokens && object_rows[static_cast<size_t>(object)] < 0)
      object_rows[static_cast<size_t>(object)] = static_cast<int64_t>(row);
  }
  if (static_cast<int64_t>(image_rows.size()) != image_tokens)
    throw EngineError("The prompt has " + std::to_string(image_rows.size()) + " <image> tokens, expected " +
                      std::to_string(image_tokens) + "; the tokenizer does not match the bundle.");
  for (size_t i = 0; i < object_rows.size(); ++i)
    if (object_rows[i] < 0) throw EngineError("The prompt lacks the token <obj_" + std::to_string(i) + ">.");

  const auto index_options = torch::TensorOptions().dtype(torch::kLong).device(model.device());
  at::Tensor embeddings = model.embed(ids);
  // Soft tokens replace the placeholder rows as they are (not multiplied by the embedding scale).
  embeddings = embeddings.index_copy(0, torch::tensor(image_rows, index_options),
                                     image_projector(memory).to(model.device(), model.dtype()));
  return embeddings.index_copy(0, torch::tensor(object_rows, index_options),
                               object_projector(objects).to(model.device(), model.dtype()));
}

}  // namespace anatomix
