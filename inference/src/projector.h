// The LM projectors of the published wrapper (anatomix-reference.md section 5.2): P_im maps APM patch
// tokens (d) and P_A maps anatomy feature tokens (s) into the LM's hidden size, each Linear -> GELU (erf)
// -> LayerNorm(eps 1e-5) -> Linear, in fp32. State-dict names `image_projectionhead.proj.{0,2,3}.*` and
// `obj_projectionhead.proj.{0,2,3}.*`.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace anatomix {

class Projector {
 public:
  using Lookup = std::function<at::Tensor(const std::string& name)>;

  // prefix: "image_projectionhead" or "obj_projectionhead".
  Projector(const std::string& prefix, const Lookup& lookup, c10::Device device);

  // [..., in] -> [..., out] in fp32 on the projector's device.
  at::Tensor operator()(const at::Tensor& x) const;

  // Names and shapes the projector reads.
  static std::vector<std::pair<std::string, std::vector<int64_t>>> tensor_shapes(const std::string& prefix,
                                                                                  int64_t in, int64_t hidden,
                                                                                  int64_t out);

 private:
  at::Tensor weight0_, bias0_, norm_weight_, norm_bias_, weight3_, bias3_;
  c10::Device device_;
};

}  // namespace anatomix
